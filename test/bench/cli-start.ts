// The CLI as a person runs it, in real processes: cold starts of `help` and `status --json` (the bundle that npm's
// prepare builds), and the peak RSS of a first sync of 20,000 activities run by `splits sync`.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock } from '../../main/clock';
import { CLI_BUNDLE, buildCli } from '../../scripts/build-cli.mjs';
import { median, progress, round, stopwatch } from './stats';
import { UNLIMITED, openSplits, startSim } from './world';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'splits.js');
const probe = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;

/** bin/splits.js's own rule: the bundle runs only while no file under main/ is newer (else tsx compiles main/). */
function bundleIsCurrent(): boolean {
  let built: number;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return false;
  }
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs > built,
    );
  return !newer(join(root, 'main'));
}

function coldStarts(args: string[], env: Record<string, string>, runs: number, script = [bin]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const elapsed = stopwatch();
    const r = spawnSync(process.execPath, [...script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push(elapsed());
    if (r.status !== 0) throw new Error(`splits ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return round(median(times), 0);
}

/** Runs `splits sync` to its end; returns its peak RSS (MB) and its wall time (s). */
function syncProcess(env: Record<string, string>): Promise<{ rssMb: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const elapsed = stopwatch();
    const child = spawn(process.execPath, ['--import', probe, bin, 'sync', '--no-details', '--no-tracks', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const kb = /bench-max-rss-kb=(\d+)/.exec(err);
      if (code !== 0 || !kb) reject(new Error(`splits sync exited ${code}: ${err}`));
      else resolve({ rssMb: round(Number(kb[1]) / 1024, 0), seconds: round(elapsed() / 1000, 2) });
    });
  });
}

export interface CliFigures {
  help: number;
  status: number;
  /** Whether the starts ran the bundle; false when main/ changed during the run and bin/ fell back to tsx. */
  bundled: boolean;
  rssMb: number;
  syncSeconds: number;
  /** `node -e 0` on the same machine at the same moment: what no CLI can start faster than. */
  bareNodeMs: number;
}

export async function measureCli(activities: number, runs: number): Promise<CliFigures> {
  await buildCli({ quiet: true });
  // The CLI runs on the real clock, so the simulator does too (its tokens would look expired otherwise).
  const sim = await startSim(activities, { clock: systemClock, limits: UNLIMITED });
  const splits = await openSplits(sim, systemClock);
  try {
    const before = bundleIsCurrent();
    const sync = await syncProcess(splits.env);
    progress(`  splits sync (${activities} activities, no details): ${sync.seconds} s, peak RSS ${sync.rssMb} MB`);
    const help = coldStarts(['help'], splits.env, runs);
    const status = coldStarts(['status', '--json'], splits.env, runs);
    const bundled = before && bundleIsCurrent();
    const bareNodeMs = coldStarts(['-e', '0'], {}, runs, []);
    progress(
      `  cold start: help ${help} ms, status --json ${status} ms (median of ${runs}; bare node ${bareNodeMs} ms${bundled ? ', bundled' : ', NOT bundled: main/ changed meanwhile'})`,
    );
    return { help, status, bundled, rssMb: sync.rssMb, syncSeconds: sync.seconds, bareNodeMs };
  } finally {
    await sim.stop();
    await splits.dispose();
  }
}
