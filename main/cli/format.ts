import { basename } from 'node:path';
import type { StoreProblem } from '../store/json-document';
import { TOKEN_FILE } from '../store/token-file';
import { VAULT_CHOICE_FILE } from '../vault/vault-choice';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteSyncResult } from '../sync/sync-types';

export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function activityLine(a: SummaryActivity): string {
  const km = a.distance ? `${(a.distance / 1000).toFixed(1)} km` : '';
  const local = (a.start_date_local ?? a.start_date).slice(0, 16).replace('T', ' ');
  return `${local}  ${(a.sport_type ?? a.type ?? '').padEnd(14)} ${km.padStart(9)}  ${duration(a.moving_time).padStart(8)}  ${a.name}`;
}

export function syncSummary(r: AthleteSyncResult): string {
  const what =
    r.status === 'ok'
      ? `synced: ${r.newCount} new, ${r.updatedCount} updated, ${r.deletedCount} deleted (${r.syncedCount} received, ${r.requests} requests)`
      : `${r.status}: ${r.error?.message ?? ''}`;
  const details = r.detailsFetched > 0 || r.detailsPending > 0 ? `; details: ${r.detailsFetched} fetched, ${r.detailsPending} to go` : '';
  const scan = r.mode === 'full' && r.status === 'ok' && !r.fullScanComplete ? '; full scan continues at the next sync' : '';
  const warnings = r.warnings.map((w) => `\n  warning: ${w}`).join('');
  return `Athlete ${r.athleteId} ${what}${r.status === 'ok' ? details + scan : ''}${warnings}\n`;
}

export const problemLine = (p: StoreProblem) =>
  `Splits could not read ${p.file} (${p.reason}). It was moved aside to ${p.movedTo}; ${afterProblem(basename(p.file))}\n`;

/** What a file set aside costs: the store comes back from Strava, the vault's files do not. */
function afterProblem(file: string): string {
  if (file === VAULT_CHOICE_FILE) return 'Splits chose again where to keep your Strava secrets.';
  if (file === TOKEN_FILE) return 'log in again (and enter the Strava client credentials again if you had stored them).';
  return 'the next sync restores the data from Strava.';
}
