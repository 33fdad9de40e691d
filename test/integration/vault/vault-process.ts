import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledChild } from '../../support/bundled-child';
import { root } from '../../support/cli';

const child = fileURLToPath(new URL('./vault-child.ts', import.meta.url));

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The child's JSON line; undefined when it printed none (killed). */
  result: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs vault-child.ts (a process standing for the desktop app) with only the environment given, plus PATH and HOME. */
export async function runVaultChild(
  mode: 'setup' | 'open' | 'peek',
  env: Record<string, string>,
): Promise<ChildOutcome> {
  const proc = spawn(process.execPath, [await bundledChild(child), mode], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      const line = out.trim().split('\n').pop();
      resolve({ code, signal, result: line ? (JSON.parse(line) as Record<string, unknown>) : undefined, stderr: err });
    }),
  );
}
