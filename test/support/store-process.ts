import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./store-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs test/support/store-child.ts as a real process, optionally as another user or under a command (strace). */
export function runStoreChild(args: string[], options: { uid?: number; gid?: number; wrap?: string[] } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = [...(options.wrap ?? []), process.execPath, '--import', 'tsx', script, ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid, env: { ...process.env, HOME: '/tmp' } }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

export const hasStrace = spawnSync('strace', ['-V']).status === 0;
export const isRoot = process.getuid?.() === 0;
