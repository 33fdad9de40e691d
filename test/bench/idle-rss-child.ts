// A child process of the idle-memory benchmark (idle-rss.ts), run with --expose-gc: the desktop core in plain Node
// (test/support/desktop-core.ts, as the tests build it) over a data folder the parent filled, against the parent's
// simulator. It syncs once (a full scan, the heaviest first sync), asks what the window asks when it opens, lets the
// garbage go, and prints what the process holds as one JSON line on stdout.
import { writeHeapSnapshot } from 'node:v8';
import { systemClock } from '../../main/clock';
import { openDesktop } from '../support/desktop-core';
import { WINDOW_FIRST_QUESTIONS } from '../support/window-first-questions';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Collects until the heap stops shrinking: one pass leaves what only a finalizer or a weak map still held. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function memory() {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
  };
}

const env = {
  SPLITS_DATA_DIR: process.env.SPLITS_DATA_DIR!,
  STRAVA_API_URL: process.env.STRAVA_API_URL!,
  STRAVA_OAUTH_URL: process.env.STRAVA_OAUTH_URL!,
  STRAVA_CLIENT_ID: process.env.STRAVA_CLIENT_ID!,
  STRAVA_CLIENT_SECRET: process.env.STRAVA_CLIENT_SECRET!,
};

await settle();
const started = memory();
// What the process holds after each step, uncollected, and the most it has held so far (its peak stays mapped): where
// the idle figure comes from.
const phases: Record<string, ReturnType<typeof memory> & { maxRssMb: number }> = {};
const phase = (name: string) => {
  phases[name] = { ...memory(), maxRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 };
};
const app = await openDesktop({ env, dataDir: env.SPLITS_DATA_DIR, clock: systemClock }, { vault: 'implicit' });
phase('opened');
const sync = await app.invoke('sync:now', { mode: 'full' });
const results = (sync.value as { results?: Array<{ status: string; error?: { message: string } }> } | undefined)
  ?.results;
if (!sync.ok || !results?.length || results.some((r) => r.status !== 'ok'))
  throw new Error(`the first sync did not end ok: ${JSON.stringify(sync.error ?? results?.map((r) => r.error))}`);
for (const [channel, ...args] of WINDOW_FIRST_QUESTIONS) {
  if (channel === 'app:ready') phase('synced');
  const answer = await app.invoke(channel, ...args);
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error?.message}`);
  phase(channel);
}
const stored = await app.services.store.activities(Number(process.env.BENCH_ATHLETE));
const withDetail = stored.ids().filter((id) => stored.hasDetail(id)).length;
await settle();
const idle = memory();
if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
process.stdout.write(`${JSON.stringify({ started, idle, stored: stored.count, withDetail, phases })}\n`);
await app.close();
process.exit(0);
