import { mkdir, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessRunning } from '../../main/store/process-alive';
import { systemClock } from '../strava-sim';
import { runCli, startCli } from '../support/cli';
import { startLockHolder } from '../support/lock-process';
import { useWorld } from '../support/splits';
import {
  BIG_LIMITS,
  changeStrava,
  expectStoreEqualsStrava,
  loggedIn,
  twoSyncsAtOnce,
} from '../integration/reliability/concurrency-probes';
import { recordSoakFigures } from './figures';

const ROUNDS = 20;

describe('soak: concurrency', () => {
  const world = useWorld();

  it(
    `two CLI syncs at once, ${ROUNDS} times; locks of a live unrelated process and of a live Splits, waited on for real`,
    async () => {
      const w = await world({ clock: systemClock as never, limits: BIG_LIMITS });
      await loggedIn(w);
      const started = Date.now();
      const figures = await twoSyncsAtOnce(w, ROUNDS);
      const twoSyncsMs = Date.now() - started;

      // A lock naming a live process that is not Splits, never refreshed: `--wait` takes it over once it is 10 s old,
      // without waiting forever and without touching that process.
      const sleeper = spawn('sleep', ['120']);
      const timing = { unrelatedWaitMs: 0 };
      try {
        await mkdir(join(w.dataDir, 'sync.lock'), { mode: 0o700 });
        await writeFile(
          join(w.dataDir, 'sync.lock', 'owner.json'),
          JSON.stringify({ pid: sleeper.pid, host: hostname() }),
        );
        changeStrava(w, ROUNDS, 'recent');
        const t0 = Date.now();
        const waited = await runCli(['sync', '--no-details', '--no-tracks', '--wait'], w.env);
        timing.unrelatedWaitMs = Date.now() - t0;
        expect(waited.code, waited.stderr).toBe(0);
        expect(waited.stderr).toMatch(/Waiting for it to finish/);
        expect(timing.unrelatedWaitMs).toBeLessThan(40_000);
        expect(isProcessRunning(sleeper.pid!)).toBe(true);
        await expectStoreEqualsStrava(w);
      } finally {
        sleeper.kill('SIGKILL');
      }

      // A live Splits holding the lock (refreshing it every 2.5 s) is never taken over, however long one waits.
      const holder = startLockHolder(['hold', w.dataDir]);
      await holder.output('held');
      const waiting = startCli(['sync', '--no-details', '--no-tracks', '--wait'], w.env);
      await new Promise((r) => setTimeout(r, 25_000)); // 2.5 times the age at which an unrefreshed lock is stale
      expect(waiting.child.exitCode).toBeNull();
      expect(waiting.stderr()).toMatch(/Waiting for it to finish/);
      holder.child.kill('SIGKILL');
      await holder.exit;
      expect(await waiting.exit, waiting.stderr()).toBe(0);

      await recordSoakFigures({
        id: 'concurrency',
        title: 'Concurrency',
        markdown: [
          '| Probe | Result |',
          '| --- | --- |',
          `| Two \`splits sync --full\` at once | ${ROUNDS} rounds in ${(twoSyncsMs / 1000).toFixed(0)} s: both ran in turn ${figures.bothRan}, one exited 7 (busy) ${figures.oneBusy}, of which --wait rounds ${figures.waited}; runs never overlapped; the lock named only the two (${figures.lockSamples} samples); store equal to Strava after every round |`,
          `| Lock naming a live unrelated process (never refreshed) | \`sync --wait\` took it over after ${(timing.unrelatedWaitMs / 1000).toFixed(1)} s; that process still running |`,
          '| Lock of a live Splits (refreshed) | `sync --wait` still waiting after 25 s; ran at once when the holder died |',
        ].join('\n'),
      });
    },
    30 * 60_000,
  );
});
