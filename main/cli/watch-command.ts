import { DataFolderBusyError } from '../store/data-lock';
import type { SyncTrigger } from '../store/history-store';
import type { CliIo, CliServices } from './cli-context';
import { isoSeconds, syncSummary } from './format';
import { onInterrupt } from './interrupts';

/**
 * The background syncs in the foreground, until SIGINT or SIGTERM. Every turn prints what it did (synced, or skipped
 * or failed and why) and when the next one is due: a turn skipped for the reserve must not look like a hang. The loop
 * is the desktop scheduler's (a sync at start, then every interval, background priority keeping the reserve), told
 * turn by turn.
 */
export async function watchCommand(services: CliServices, io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { config, engine, clock } = services;
  const intervalMs = config.syncIntervalMinutes * 60_000;
  const interrupt = onInterrupt(signals, () => {
    io.err('Stopping: the sync under way stops at its next safe point and keeps what it received...\n');
    void engine.cancel();
  });
  io.err(`Syncing now and every ${config.syncIntervalMinutes} minutes. Ctrl-C stops.\n`);
  try {
    for (let trigger: SyncTrigger = 'launch'; !interrupt.signal.aborted; trigger = 'background') {
      const lines = await turn(services, io, trigger);
      const next = clock.now() + intervalMs;
      io.out(interrupt.signal.aborted ? lines : `${lines}${isoSeconds(clock.now())} Next sync at ${isoSeconds(next)}.\n`);
      await clock.sleep(intervalMs, interrupt.signal).catch(() => undefined);
    }
    return 0;
  } finally {
    interrupt.dispose();
  }
}

/** One turn, as the lines it prints. */
async function turn(services: CliServices, io: CliIo, trigger: SyncTrigger): Promise<string> {
  const { engine, limiter, clock, store } = services;
  const at = () => isoSeconds(clock.now());
  const decision = limiter.decide('read', 'background');
  if (!decision.go) {
    const read = limiter.status().read;
    // Blocked for background work but open to the person: the reserve, not the limit.
    const why = limiter.decide('read', 'user').go
      ? `the read budget is down to the reserve kept for syncs you start yourself (${read.requests15min}/${read.limit15min} this 15 minutes, ${read.requestsDay}/${read.limitDay} today)`
      : `Strava's rate limit is reached (${read.requests15min}/${read.limit15min} this 15 minutes, ${read.requestsDay}/${read.limitDay} today)`;
    return `${at()} Skipped: ${why}; it lifts at ${isoSeconds(decision.retryAt)}. \`${io.self} sync\` spends the reserve now.\n`;
  }
  if (store.accounts.list().length === 0) return `${at()} Nothing to sync: no Strava account is connected (\`${io.self} login\`).\n`;
  try {
    const report = await engine.sync({ trigger });
    return report.results.map((r) => `${isoSeconds(report.endedAt)} ${syncSummary(r)}`).join('');
  } catch (error) {
    if (error instanceof DataFolderBusyError) return `${at()} Skipped: ${error.message.replace(/ Wait for it.*$/, '')}\n`;
    return `${at()} Failed: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}
