import { DataFolderBusyError } from '../store/data-lock';
import type { SyncTrigger } from '../../common/sync-trigger';
import type { CliIo, CliServices } from './cli-context';
import { syncSummary } from '../sync/sync-result-line';
import { EXIT } from './exit-codes';
import { isoSeconds } from './format';
import { onInterrupt } from './interrupts';

/**
 * The background syncs in the foreground, until SIGINT or SIGTERM (exit 130). Every turn prints what it did (synced, or skipped
 * or failed and why) and when the next one is due: a turn skipped for the reserve must not look like a hang. The loop
 * is the desktop scheduler's (a sync at start, then every interval, background priority keeping the reserve), told
 * turn by turn.
 */
export async function watchCommand(
  services: CliServices,
  io: CliIo,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const { config, engine, clock } = services;
  const intervalMs = config.syncIntervalMinutes * 60_000;
  const interrupt = onInterrupt(signals, () => {
    io.err(
      engine.isRunning
        ? 'Stopping: the sync under way stops at its next safe point and keeps what it received...\n'
        : 'Stopping.\n',
    );
    void engine.cancel();
  });
  io.err(`Syncing now and every ${config.syncIntervalMinutes} minutes. Ctrl-C stops.\n`);
  try {
    for (let trigger: SyncTrigger = 'launch'; !interrupt.signal.aborted; trigger = 'background') {
      const { lines, liftsAt } = await turn(services, io, trigger);
      // A turn skipped for the budget comes again when the budget lifts, if that is sooner than the interval.
      const next = Math.min(clock.now() + intervalMs, liftsAt ?? Number.POSITIVE_INFINITY);
      io.out(
        interrupt.signal.aborted ? lines : `${lines}${isoSeconds(clock.now())} Next sync at ${isoSeconds(next)}.\n`,
      );
      await clock.sleep(Math.max(0, next - clock.now()), interrupt.signal).catch(() => undefined);
    }
    // Only a signal ends it: interrupted, as the README's table says of Ctrl-C (what every turn received is kept).
    return EXIT.interrupted;
  } finally {
    interrupt.dispose();
  }
}

/** One turn: the lines it prints, and when a budget that made it skip lifts. */
async function turn(
  services: CliServices,
  io: CliIo,
  trigger: SyncTrigger,
): Promise<{ lines: string; liftsAt?: number }> {
  const { engine, limiter, clock, store } = services;
  const at = () => isoSeconds(clock.now());
  const decision = limiter.decide('read', 'background');
  if (!decision.go) {
    const read = limiter.status().read;
    // Blocked for background work but open to the person: the reserve, not the limit.
    const why = limiter.decide('read', 'user').go
      ? `the read budget is down to the reserve kept for syncs you start yourself (${read.requests15min}/${read.limit15min} this 15 minutes, ${read.requestsDay}/${read.limitDay} today)`
      : `Strava's rate limit is reached (${read.requests15min}/${read.limit15min} this 15 minutes, ${read.requestsDay}/${read.limitDay} today)`;
    return {
      lines: `${at()} Skipped: ${why}; it lifts at ${isoSeconds(decision.retryAt)}. \`${io.self} sync\` spends the reserve now.\n`,
      liftsAt: decision.retryAt,
    };
  }
  if (store.accounts.list().length === 0)
    return { lines: `${at()} Nothing to sync: no Strava account is connected (\`${io.self} login\`).\n` };
  try {
    const report = await engine.sync({ trigger });
    return {
      lines: report.results.map((r) => `${isoSeconds(report.endedAt)} ${syncSummary(r, `${io.self} login`)}`).join(''),
    };
  } catch (error) {
    if (error instanceof DataFolderBusyError)
      return { lines: `${at()} Skipped: ${error.message.replace(/ Wait for it.*$/, '')}\n` };
    return { lines: `${at()} Failed: ${error instanceof Error ? error.message : String(error)}\n` };
  }
}
