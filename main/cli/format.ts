import { basename } from 'node:path';
import { sportName } from '../../common/sport-names';
import type { StoreProblem } from '../store/json-document';
import { TOKEN_FILE } from '../vault/token-file';
import { VAULT_CHOICE_FILE } from '../vault/vault-choice';
import type { SummaryActivity } from '../strava/schemas';

export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
    : `${m}:${String(s).padStart(2, '0')}`;
}

export function activityLine(a: SummaryActivity): string {
  const km = a.distance ? `${(a.distance / 1000).toFixed(1)} km` : '';
  const local = (a.start_date_local ?? a.start_date).slice(0, 16).replace('T', ' ');
  // Wide enough for the long names (E-Mountain Bike Ride), so the columns after them line up.
  return `${local}  ${sportName(a.sport_type ?? a.type ?? '').padEnd(20)} ${km.padStart(9)}  ${duration(a.moving_time).padStart(8)}  ${a.name}`;
}

export const problemLine = (p: StoreProblem, self = 'splits') =>
  `Splits could not read ${p.file} (${p.reason}). It was moved aside to ${p.movedTo}; ${afterProblem(p.file, self)}\n`;

/**
 * What losing a file costs, and what to do: only the activities come back from Strava by themselves; the accounts,
 * the secrets and the history do not.
 */
function afterProblem(path: string, self: string): string {
  const file = basename(path);
  if (file === VAULT_CHOICE_FILE) return 'Splits chose again where to keep your Strava secrets.';
  if (file === TOKEN_FILE)
    return `the tokens it held are gone: log in again with \`${self} login\` (and enter the Strava client credentials again if you had stored them).`;
  if (file === 'accounts.json')
    return `the list of connected athletes is gone (their activities stay on this computer): connect each athlete again with \`${self} login\`.`;
  if (file === 'sync-state.json')
    return "Splits no longer knows where each sync stopped: the next sync scans every athlete's whole history again, and nothing stored is lost.";
  if (file === 'rate-limit.json') return "Splits counts the rate limit afresh from Strava's next answers.";
  if (file === 'history.json')
    return 'the record of past syncs is gone; it cannot be restored, and new syncs are recorded as before.';
  if (/\.details\.json$/.test(file)) return 'those activity details are fetched from Strava again by the next syncs.';
  // A year file, or a folder set aside (a link in its place): an athlete's activities, all of them, or their tracks.
  // Not all of them, maybe: those only an imported archive had (deleted on Strava since) come back only from it.
  if (/^(\d+(\.json)?|activities)$/.test(file))
    return 'the next sync restores those Strava still has (it scans the whole history); any that only an imported Strava archive had come back by importing it again.';
  // A track came from Strava's API (the backfill fetches what is missing) or from an archive (the archive's wins, and
  // only an import brings it back): the folder held both.
  if (file === 'tracks')
    return `the next syncs fetch the tracks from Strava again (unless run with \`--no-tracks\`); those an imported Strava archive had come back by importing it again (\`${self} import\`).`;
  return 'Splits carries on without it.';
}
