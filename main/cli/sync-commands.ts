import type { Logger } from '../log';
import { StravaError } from '../strava/errors';
import type { SyncProgress } from '../sync/sync-types';
import { whenFolderFree } from './busy-wait';
import type { CliIo, CliServices } from './cli-context';
import { exitCodeOfSync } from './exit-codes';
import { syncResultLevel, syncSummary } from '../sync/sync-result-line';
import { duration } from './format';
import { onInterrupt } from './interrupts';

export interface SyncArgs {
  athleteId: number | undefined;
  full: boolean;
  /** Drop an unfinished full scan and start a new one from the first page (`--restart`). */
  restart: boolean;
  perPage: number | undefined;
  maxPages: number | undefined;
  details: boolean;
  /** Fetch missing tracks (false: `--no-tracks`). */
  tracks: boolean;
  json: boolean;
  /** Wait for another Splits using the data folder (a sync, an import) instead of exiting 7. */
  wait: boolean;
}

export async function syncCommand(
  services: CliServices,
  io: CliIo,
  args: SyncArgs,
  /** Where each result goes once stdout has it (cli-context.ts's resultLogger). */
  results: Logger,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const accounts = services.store.accounts.list();
  if (accounts.length === 0)
    throw new StravaError('needs-login', `No Strava account is connected. Run \`${io.self} login\` first.`);
  if (args.athleteId !== undefined && !accounts.some((a) => a.athleteId === args.athleteId)) {
    throw new StravaError(
      'needs-login',
      `Athlete ${args.athleteId} is not connected. Run \`${io.self} login\` to connect them.`,
    );
  }
  const unsubscribe =
    !args.json && io.isTTY ? services.engine.onProgress((p) => io.err(`\r${progressLine(p)}\x1b[K`)) : () => undefined;
  // Ctrl-C stops at the next safe point: what was received is written, history records the run as cancelled, the
  // lock is released, and the next sync continues from there.
  const interrupt = onInterrupt(signals, () => {
    io.err(`${io.isTTY ? '\r\x1b[K' : ''}Stopping at the next safe point: writing what was received...\n`);
    void services.engine.cancel();
  });
  try {
    const report = await whenFolderFree(io, args.wait, interrupt.signal, () =>
      services.engine.sync({
        trigger: 'cli',
        ...(args.athleteId !== undefined ? { athleteId: args.athleteId } : {}),
        full: args.full,
        ...(args.restart ? { restart: true } : {}),
        ...(args.perPage !== undefined ? { perPage: args.perPage } : {}),
        ...(args.maxPages !== undefined ? { maxPages: args.maxPages } : {}),
        details: args.details,
        tracks: args.tracks,
      }),
    );
    unsubscribe();
    if (!args.json && io.isTTY) io.err('\r\x1b[K');
    for (const result of report.results) {
      if (args.json) io.out(`${JSON.stringify(result)}\n`);
      else io.out(syncSummary(result, `${io.self} login`));
      // The summary is on stdout already; a --log-file keeps it, a failed one as a warning.
      results[syncResultLevel(result)](syncSummary(result, `${io.self} login`).trimEnd());
    }
    return exitCodeOfSync(report.results);
  } finally {
    unsubscribe();
    interrupt.dispose();
  }
}

function progressLine(p: SyncProgress): string {
  const what =
    p.phase === 'details'
      ? `details: ${p.detailsFetched} fetched, ${p.detailsLeft ?? '?'} to go`
      : `${p.phase} page ${p.page}: ${p.received} received, ${p.newCount} new`;
  const eta =
    p.secondsLeft !== null && Number.isFinite(p.secondsLeft) && p.secondsLeft > 0
      ? ` (about ${duration(p.secondsLeft)} left)`
      : '';
  return `athlete ${p.athleteId} ${what}${eta}`;
}
