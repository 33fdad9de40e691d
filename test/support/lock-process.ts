import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledChild } from './bundled-child';

const script = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
// Made as this module loads: startLockHolder hands back its process at once.
const holderBundle = await bundledChild(script);

/** Runs test/support/lock-holder.ts as a real process, with `env` over this one's (a shifted clock: clock-shift.ts). */
export function startLockHolder(
  args: string[],
  env: Record<string, string> = {},
): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
  output: (text: string) => Promise<void>;
} {
  const child = spawn(process.execPath, [holderBundle, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(text)) resolve();
        else if (child.exitCode !== null) reject(new Error(`exited before "${text}": ${err}`));
        else setTimeout(check, 20);
      };
      check();
    });
  return { child, exit, stderr: () => err, output };
}
