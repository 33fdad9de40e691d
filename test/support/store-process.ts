import { spawn, spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { bundledChild } from './bundled-child';
import { folderForProcess } from './run-folder';

const script = fileURLToPath(new URL('./store-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs test/support/store-child.ts as a real process, optionally as another user or under a command (strace). */
export async function runStoreChild(
  args: string[],
  options: { uid?: number; gid?: number; wrap?: string[] } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Another user may not reach the checkout (a clone in a 0700 temp folder): that child runs a bundle of the script
  // with its packages inside, in a folder of its own in the run's temp folder (opened to others), which needs nothing
  // of the checkout. This user's runs the run's bundle (bundled-child.ts), whose packages are the checkout's.
  const entry = options.uid === undefined ? [await bundledChild(script)] : [bundleForOtherUsers()];
  const command = [...(options.wrap ?? []), process.execPath, ...entry, ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: options.uid === undefined ? root : tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined
      ? {}
      : { uid: options.uid, gid: options.gid ?? options.uid, env: { ...process.env, HOME: '/tmp' } }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

let bundled: string | null = null;

function bundleForOtherUsers(): string {
  if (bundled) return bundled;
  // In the run's folder (removed when the run ends; a folder of /tmp was left by every run), readable by the other user.
  const dir = folderForProcess('splits-store-child-');
  chmodSync(dir, 0o755);
  const outfile = join(dir, 'store-child.mjs');
  buildSync({
    entryPoints: [script],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Bundled CommonJS dependencies require Node's modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  chmodSync(outfile, 0o644);
  bundled = outfile;
  return outfile;
}

export const hasStrace = spawnSync('strace', ['-V']).status === 0;
export const isRoot = process.getuid?.() === 0;
