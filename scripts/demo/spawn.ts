// Starts `npm run demo` as its own process (as tsx runs it) and reads what it prints: for the demo's tests, the
// accessibility test and the screenshots script, which all want the real thing rather than pieces of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build';
import { tokenInAddress } from './page/token';

export interface RunningDemo {
  child: ChildProcess;
  /** The page's address, with its token in the fragment. */
  url: URL;
  token: string;
  /** Activities the simulator's list pages show, all athletes: what a complete sync stores. */
  listed: number;
  dataDir: string;
  simUrl: string;
  output: () => string;
  /** Ctrl-C, and the exit code once it has stopped. */
  stop: () => Promise<number | null>;
}

export async function spawnDemo(options: { timeoutMs?: number } = {}): Promise<RunningDemo> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/demo/main.ts'), '--no-open'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timeoutMs = options.timeoutMs ?? 150_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`the demo printed no address in ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    child.stdout!.on('data', () => {
      if (!/Splits demo: \S+/.test(out)) return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before printing its address:\n${out}`));
    });
  });
  const url = new URL(/Splits demo: (\S+)/.exec(out)![1]!);
  return {
    child,
    url,
    token: tokenInAddress(url.href)!,
    listed: [...out.matchAll(/(\d+) listed, \d+ stored/g)].reduce((sum, m) => sum + Number(m[1]), 0),
    dataDir: /Data folder: (\S+)/.exec(out)![1]!,
    simUrl: /Strava simulator: (\S+)/.exec(out)![1]!,
    output: () => out,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
