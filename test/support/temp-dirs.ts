import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
