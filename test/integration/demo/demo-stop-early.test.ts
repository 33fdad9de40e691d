// `npm run demo` stopped by Ctrl-C before it has printed its address, while its first sync writes the data folder:
// the sync stops at a safe point before the folder goes, so the demo ends with 0, says nothing went wrong, and leaves
// no folder behind. (Stopped after the address, see demo.test.ts.)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../../scripts/demo/build';
import { useTempDirs } from '../../support/temp-dirs';

describe('the demo stopped while it starts', () => {
  const freshDir = useTempDirs('splits-demo-tmp-');

  it('stops its first sync before removing the data folder: exit 0, no error, nothing left', async () => {
    // Its own TMPDIR, so that what it leaves is told apart from other runs' folders.
    const tmp = await freshDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/demo/main.ts'), '--no-open'], {
      cwd: root,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // In the middle of the first sync: its first year file is on disk, its address not yet printed.
    const syncing = async (): Promise<boolean> => {
      for (const name of await readdir(tmp)) {
        if (!name.startsWith('splits-demo-') || name.includes('-build-') || name.includes('-exports-')) continue;
        const athletes = join(tmp, name, 'activities');
        if (existsSync(athletes) && (await readdir(athletes)).length > 0) return true;
      }
      return false;
    };
    await expect.poll(syncing, { timeout: 60_000, interval: 20 }).toBe(true);
    expect(out).not.toMatch(/Splits demo:/);
    child.kill('SIGINT');

    expect(await exited, out).toBe(0);
    expect(out).not.toMatch(/error|ENOENT|ENOTEMPTY/i);
    // (tsx keeps its compile cache in the same TMPDIR: not the demo's.)
    expect(
      (await readdir(tmp)).filter((name) => !name.startsWith('tsx-')),
      out,
    ).toEqual([]);
  }, 90_000);
});
