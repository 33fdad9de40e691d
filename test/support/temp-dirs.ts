import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** Fresh temp folders for a test file, removed after each test (modes restored first, so rm can enter them). */
export function useTempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) {
      await chmod(d, 0o700).catch(() => undefined);
      // Retried: an app a failed test left running may still be writing into it as it ends (ENOTEMPTY).
      await rm(d, { recursive: true, force: true, maxRetries: 5 });
    }
  });
  return async () => {
    const d = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/** Writes each file of `files` (a path under `dir`, '/' separated, and its text), making the folders on the way. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
