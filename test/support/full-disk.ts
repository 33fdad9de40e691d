// A real full disk for tests: a small tmpfs, filled with a ballast file but for a few kilobytes. Mounting needs root
// (CI runs as root) and CAP_SYS_ADMIN; elsewhere the tests that need it are skipped and say why, rather than faking
// ENOSPC.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';

export const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  // Root is not enough in a container without CAP_SYS_ADMIN: mount a tiny tmpfs once to know.
  const probe = mkdtempSync(join(tmpdir(), 'splits-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

/** Mounts a tmpfs of `size` (e.g. '4m') on a folder; unmounted after each test. Call in a describe. */
export function useTmpfs(): (dir: string, size: string) => void {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
  });
  return (dir, size) => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
    mounted.push(dir);
  };
}

/** Writes the ballast until the file system refuses (ENOSPC), then gives `leaveBytes` back. */
export async function fillDisk(ballast: string, leaveBytes: number): Promise<void> {
  const handle = await open(ballast, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  let size = 0;
  try {
    for (;;) {
      const { bytesWritten } = await handle.write(chunk);
      size += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    await handle.close();
  }
  await truncate(ballast, Math.max(0, size - leaveBytes));
}
