// `npm run sim` as a person runs it: a real process (tsx, as the npm script starts it), its output read as printed.
import { spawn } from 'node:child_process';
import { root } from './cli';

const tsx = `${root}/node_modules/.bin/tsx`;

export interface SimRun {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  stop: () => void;
}

/** Starts the simulator's command line with `args`, from the project's folder; `env` is added to this process's. */
export function startSim(args: string[], env: Record<string, string> = {}): SimRun {
  const child = spawn(tsx, ['test/strava-sim/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = new Promise<number | null>((resolve) =>
    child.once('exit', (c) => {
      exited = true;
      resolve(c);
    }),
  );
  return {
    code,
    stdout: () => out,
    stderr: () => err,
    // Once only: a pid the process left may be another's by the time a second signal would go.
    stop: () => {
      if (!exited) child.kill('SIGTERM');
    },
  };
}

/** The first match of `pattern` in what the simulator printed, once it has; its stderr if it ended first. */
export async function untilPrinted(run: SimRun, pattern: RegExp): Promise<RegExpExecArray> {
  let ended = false;
  void run.code.then(() => (ended = true));
  for (;;) {
    const match = pattern.exec(run.stdout());
    if (match) return match;
    if (ended) throw new Error(`the simulator ended without printing ${pattern}: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
