import { StravaError } from '../strava/errors';
import { SyncScheduler } from '../sync/sync-scheduler';
import type { SyncProgress } from '../sync/sync-types';
import type { CliIo, CliServices } from './cli-context';
import { exitCodeOfSync } from './exit-codes';
import { duration, isoSeconds, syncSummary } from './format';

export interface SyncArgs {
  athleteId: number | undefined;
  full: boolean;
  perPage: number | undefined;
  maxPages: number | undefined;
  details: boolean;
  json: boolean;
}

export async function syncCommand(services: CliServices, io: CliIo, args: SyncArgs, signals: NodeJS.EventEmitter = process): Promise<number> {
  const accounts = services.store.accounts.list();
  if (accounts.length === 0) throw new StravaError('needs-login', 'No Strava account is connected. Run `splits login` first.');
  if (args.athleteId !== undefined && !accounts.some((a) => a.athleteId === args.athleteId)) {
    throw new StravaError('needs-login', `Athlete ${args.athleteId} is not connected. Run \`splits login\` to connect them.`);
  }
  const unsubscribe = !args.json && io.isTTY ? services.engine.onProgress((p) => io.err(`\r${progressLine(p)}\x1b[K`)) : () => undefined;
  // Ctrl-C stops at the next safe point: what was received is written, and the next sync continues from there.
  const interrupt = () => {
    io.err('\nStopping: writing what was received...\n');
    void services.engine.cancel();
  };
  signals.once('SIGINT', interrupt);
  signals.once('SIGTERM', interrupt);
  const report = await services.engine.sync({
    trigger: 'cli',
    ...(args.athleteId !== undefined ? { athleteId: args.athleteId } : {}),
    full: args.full,
    ...(args.perPage !== undefined ? { perPage: args.perPage } : {}),
    ...(args.maxPages !== undefined ? { maxPages: args.maxPages } : {}),
    details: args.details,
  }).finally(() => {
    signals.off('SIGINT', interrupt);
    signals.off('SIGTERM', interrupt);
  });
  unsubscribe();
  if (!args.json && io.isTTY) io.err('\r\x1b[K');
  for (const result of report.results) {
    if (args.json) io.out(`${JSON.stringify(result)}\n`);
    else io.out(syncSummary(result));
  }
  return exitCodeOfSync(report.results.map((r) => r.status));
}

/** The background scheduler in the foreground, until SIGINT or SIGTERM. */
export async function watchCommand(services: CliServices, io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { config, engine, limiter, clock, logger } = services;
  const scheduler = new SyncScheduler(
    engine,
    limiter,
    clock,
    logger,
    { enabled: true, intervalMinutes: config.syncIntervalMinutes, syncAtStart: true, afterWakeMs: 30_000 },
    (report) => {
      for (const r of report.results) io.out(`${isoSeconds(report.endedAt)} ${syncSummary(r)}`);
    },
  );
  io.err(`Syncing now and every ${config.syncIntervalMinutes} minutes. Ctrl-C stops.\n`);
  scheduler.start();
  await new Promise<void>((resolve) => {
    signals.once('SIGINT', resolve);
    signals.once('SIGTERM', resolve);
  });
  io.err('Stopping after the current sync...\n');
  await scheduler.stop();
  return 0;
}

function progressLine(p: SyncProgress): string {
  const what = p.phase === 'details' ? `details: ${p.detailsFetched} fetched, ${p.detailsLeft ?? '?'} to go` : `${p.phase} page ${p.page}: ${p.received} received, ${p.newCount} new`;
  const eta = p.secondsLeft !== null && Number.isFinite(p.secondsLeft) && p.secondsLeft > 0 ? ` (about ${duration(p.secondsLeft)} left)` : '';
  return `athlete ${p.athleteId} ${what}${eta}`;
}
