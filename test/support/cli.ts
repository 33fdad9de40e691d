import { spawn, type ChildProcess } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderForProcess } from './run-folder';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = fileURLToPath(new URL('../../bin/splits.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/**
 * Starts `splits` as a real process, with only the environment given (plus PATH and HOME, and SPLITS_VAULT=file
 * unless given: no test touches the system keychain of the machine running it; keychain tests give a D-Bus session of
 * their own, test/support/keyring-session.ts).
 */
export interface CliOptions {
  /** Given whole, then closed; or 'open': a pipe the test writes to (child.stdin) as a person would type. */
  stdin?: string | 'open';
  /** Run as a user other than the test's (root can write anywhere, so "cannot write" needs someone else). */
  uid?: number;
  /** The current folder (default: the project's root). */
  cwd?: string;
}

/** A user who is not the test's own, for folders the CLI must not be able to write: nobody when tests run as root. */
export const otherUser = (): number | undefined => (process.getuid?.() === 0 ? 65534 : undefined);

/**
 * bin/splits.js as `npm link` installs it: a link named `splits`, so the CLI quotes itself as `splits` (run as
 * `node bin/splits.js`, it says that). Made once per test process, in a private temporary folder.
 */
// On globalThis: test files share their worker's process, and a module reset (the stand-in harness) loads this module
// again, which must not make a folder and an exit listener each time.
/** The variables of `env` among `names` that are set. */
const pick = (env: NodeJS.ProcessEnv, names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]!]])));

const shared = globalThis as { splitsLinkedBin?: string };
function splitsOnPath(): string {
  if (shared.splitsLinkedBin === undefined) {
    const folder = folderForProcess('splits-bin-');
    shared.splitsLinkedBin = join(folder, 'splits');
    symlinkSync(bin, shared.splitsLinkedBin);
  }
  return shared.splitsLinkedBin;
}

export function startCli(args: string[], env: Record<string, string>, options: CliOptions = {}): CliRun {
  const child = spawn(process.execPath, [splitsOnPath(), ...args], {
    cwd: options.cwd ?? root,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: env.HOME ?? process.env.HOME ?? '/tmp',
      SPLITS_VAULT: 'file',
      // The run's zone and locale (vitest.config.ts): what the CLI prints is then the same on any machine.
      ...pick(process.env, ['TZ', 'LC_ALL', 'LANG']),
      ...env,
    },
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  // Given as standard input (then closed), as a pipe or a redirect would give it.
  if (options.stdin !== undefined && options.stdin !== 'open') child.stdin!.end(options.stdin);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

export async function runCli(
  args: string[],
  env: Record<string, string>,
  options: CliOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, env, options);
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** The authorize address a `splits login --no-browser` prints on stderr, once it has. */
export async function waitForAuthorizeUrl(run: CliRun): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(run.stderr());
    if (match) return match[1]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no authorize URL on stderr: ${run.stderr()}`);
}
