import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/**
 * Fresh temp folders for a test file, removed once the test is done (modes restored first, so rm can enter them). One
 * made inside a test goes after everything the test set up later has ended: vitest runs afterEach hooks before a
 * test's onTestFinished callbacks, so a folder removed in an afterEach was made again by the last writes of an app the
 * test had booted into it, ended by its onTestFinished (electron-standin/harness.ts). One made outside a test (no test
 * to hang it on) goes after each test, as before.
 */
export function useTempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await removeTempDir(d);
  });
  return async () => {
    const d = await mkdtemp(join(tmpdir(), prefix));
    try {
      onTestFinished(() => removeTempDir(d));
    } catch {
      dirs.push(d);
    }
    return d;
  };
}

async function removeTempDir(d: string): Promise<void> {
  await chmod(d, 0o700).catch(() => undefined);
  // Retried: an app a failed test left running may still be writing into it as it ends (ENOTEMPTY).
  await rm(d, { recursive: true, force: true, maxRetries: 5 });
}

/** Writes each file of `files` (a path under `dir`, '/' separated, and its text), making the folders on the way. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
