import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

// A real full disk: the data folder on a small tmpfs, filled with a ballast file but for a few kilobytes, so that a
// sync runs out of space in the middle of writing. Mounting needs root (CI runs as root); elsewhere the test says why
// it is skipped rather than faking ENOSPC.
const canMount = (() => {
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

/** Year files and details as bytes, by path: what must survive a failed write unchanged. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /^\d{4}(\.details)?\.json$/.test(e.name)) files.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return files;
}

async function everyFile(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Writes the ballast until the file system refuses (ENOSPC), then gives `leaveBytes` back. */
async function fillDisk(ballast: string, leaveBytes: number): Promise<void> {
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

describe.skipIf(!canMount)('a full disk in the middle of a sync (a real tmpfs)', () => {
  const world = useWorld();
  const freshDir = useTempDirs('splits-full-disk-');
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
  });

  it('says the disk is full and what to do, keeps every stored file whole, and the next sync after space is freed completes', async () => {
    const disk = await freshDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', disk]);
    mounted.push(disk);
    const w = await world({ limits: { read15: 10_000, readDay: 100_000, overall15: 10_000, overallDay: 100_000 } });
    const dataDir = join(disk, 'splits');
    await mkdir(dataDir, { mode: 0o700 });
    const env = { ...w.env, SPLITS_DATA_DIR: dataDir };
    const seeded = w.sim.seedActivities(1001, 150);
    expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], env)).code).toBe(0);
    const first = await runCli(['sync', '--no-details'], env);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(dataDir);
    expect(before.size).toBeGreaterThan(0);
    const storedBefore = w.sim.listableSummaries(1001);
    // Edited on Strava meanwhile: the next sync rewrites that activity's year file, so the write the full disk stops is
    // a replacement of a good file, which must stay as it was.
    const newest = [...seeded].sort((a, b) => b.start - a.start)[0]!;
    w.sim.editActivity(newest.id, { name: 'Edited while the disk was full' });

    // Full but for a few pages: the backfill's first batch of details does not fit.
    const ballast = join(disk, 'ballast');
    await fillDisk(ballast, 24 * 1024);
    const full = await runCli(['sync'], env);
    const said = `${full.stdout}${full.stderr}`;
    expect(full.code, said).not.toBe(0);
    expect(said).toMatch(/disk is full/i);
    expect(said).toMatch(/free (up )?some space/i);
    expect(said).toMatch(/nothing stored was lost/i);
    expect(said).not.toMatch(/ENOSPC: no space left on device, (write|open)/); // Node's own words alone are not a message
    expect(said).not.toMatch(/unexpected/i); // the disk's refusal is not a fault of Splits

    // The last good files are whole and unchanged, nothing half-written is left behind, and the store opens cleanly.
    for (const [path, text] of before) expect(await readFile(path, 'utf8'), path).toBe(text);
    const leftovers = (await everyFile(dataDir)).filter((p) => p.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    for (const path of (await everyFile(dataDir)).filter((p) => p.endsWith('.json'))) {
      const text = await readFile(path, 'utf8');
      expect(() => JSON.parse(text), path).not.toThrow();
    }
    const store = await SplitsStore.open(dataDir);
    expect(store.problems).toEqual([]);
    expect([...(await store.activities(1001)).all()].sort((a, b) => a.id - b.id)).toEqual(storedBefore);

    await rm(ballast);
    const after = await runCli(['sync', '--json'], env);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ status: 'ok', detailsPending: 0 });
    const reopened = await SplitsStore.open(dataDir);
    const activities = await reopened.activities(1001);
    expect([...activities.all()].sort((a, b) => a.id - b.id)).toEqual(w.sim.listableSummaries(1001));
    expect(activities.ids().every((id) => activities.hasDetail(id))).toBe(true);
    expect(activities.get(newest.id)!.name).toBe('Edited while the disk was full');
  }, 60_000);
});
