// One athlete's sync result as a line of text: what the CLI prints and what the CLI's and the desktop app's logs keep.
import type { AthleteSyncResult } from './sync-types';

/**
 * The result in words: what changed, or why it failed or stopped, and each warning on a line of its own. `login` is
 * the command that logs in again where the line is read (the CLI's `splits login`, as typed), named when one is needed.
 */
export function syncSummary(r: AthleteSyncResult, login?: string): string {
  if (r.status === 'cancelled')
    return `Athlete ${r.athleteId} ${stoppedAt(r)}${r.warnings.map((w) => `\n  warning: ${w}`).join('')}\n`;
  const what =
    r.status === 'ok'
      ? `synced: ${r.newCount} new, ${r.updatedCount} updated, ${r.deletedCount} deleted (${r.syncedCount} received, ${plural(r.requests, 'request')})`
      : `${outcomeWords(r.status)}: ${r.status === 'needs-login' ? withLogin(r.error?.message ?? '', login) : (r.error?.message ?? '')}`;
  const details =
    r.detailsFetched > 0 || r.detailsPending > 0
      ? `; details: ${r.detailsFetched} fetched, ${r.detailsPending} to go`
      : '';
  const tracks =
    (r.tracksFetched ?? 0) > 0 || (r.tracksPending ?? 0) > 0
      ? `; tracks: ${r.tracksFetched ?? 0} fetched, ${r.tracksPending ?? 0} to go`
      : '';
  const scan = r.mode === 'full' && r.status === 'ok' ? scanWords(r) : '';
  const warnings = r.warnings.map((w) => `\n  warning: ${w}`).join('');
  return `Athlete ${r.athleteId} ${what}${r.status === 'ok' ? details + tracks + scan : ''}${warnings}\n`;
}

/**
 * The level a result is logged at: a sync that did not get through (failed, a login needed, the rate limit, Strava
 * unreachable or the application inactive) is a warning, so that a log read for warnings and errors finds every failed
 * sync. Done and stopped by the person are the log's ordinary news.
 */
export function syncResultLevel(r: Pick<AthleteSyncResult, 'status'>): 'info' | 'warn' {
  return r.status === 'ok' || r.status === 'cancelled' ? 'info' : 'warn';
}

/** Where a cancelled sync stopped, and that nothing received is lost. */
function stoppedAt(r: AthleteSyncResult): string {
  const pass = r.mode === 'full' ? 'full scan' : 'sync';
  const where =
    r.pagesFetched > 0 ? ` after ${r.pagesFetched} page${r.pagesFetched === 1 ? '' : 's'}` : ' before its first page';
  const details = r.detailsFetched > 0 ? `, ${r.detailsFetched} details` : '';
  const why = r.error?.code === 'cancelled' ? 'stopped' : `stopped (${r.error?.message ?? 'cancelled'})`;
  return `${why}: the ${pass} stopped${where} (${r.syncedCount} received, ${r.newCount} new${details}), all of it kept. The next sync continues from there.`;
}

/** Which scan ran (a new one, or one continued: `sync --full` continues, `--restart` starts over) and where it is. */
function scanWords(r: AthleteSyncResult): string {
  const from = r.scanFromPage;
  const continued = from !== undefined && from > 1;
  const ran = continued ? `full scan continued from page ${from}` : 'full scan from page 1';
  if (r.fullScanComplete) return continued ? `; ${ran}, complete` : '';
  return `; ${ran}, continues at the next sync`;
}

/** A sync's outcome as the history keeps it, in words: never a code a person must decode ("needs-login"). */
export function outcomeWords(outcome: string): string {
  return OUTCOME_WORDS[outcome] ?? outcome;
}

// 'unreachable' and 'failed' read as words already; an outcome a later Splits wrote is shown as it is.
const OUTCOME_WORDS: Record<string, string> = {
  ok: 'synced',
  cancelled: 'stopped',
  'rate-limited': 'stopped at the rate limit',
  'needs-login': 'needs a new login',
  'app-inactive': 'stopped (the Strava application is inactive)',
};

/**
 * Why a login is needed, with the command that gives it: the engine's words end in "Log in again" (they are the
 * window's too, where the login is a button), and the command line names its own.
 */
export function withLogin(message: string, login: string | undefined): string {
  if (login === undefined || message.includes(`\`${login}\``)) return message;
  const command = `Log in again with \`${login}\``;
  return message.includes('Log in again')
    ? message.replace('Log in again', command)
    : `${message}${message === '' || /[.!?]$/.test(message) ? ' ' : '. '}${command}.`.trimStart();
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
