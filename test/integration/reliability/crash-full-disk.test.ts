import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { canMount, fillDisk, useTmpfs } from '../../support/full-disk';
import { useTempDirs } from '../../support/temp-dirs';

// A real full disk: the data folder on a small tmpfs (test/support/full-disk.ts), filled but for a few kilobytes, so
// that a sync runs out of space in the middle of writing.

/** Year files and details as bytes, by path: what must survive a failed write unchanged. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /^\d{4}(\.details)?\.json$/.test(e.name))
      files.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return files;
}

async function everyFile(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!canMount)('a full disk in the middle of a sync (a real tmpfs)', () => {
  const world = useWorld();
  const freshDir = useTempDirs('splits-full-disk-');
  const mount = useTmpfs();

  it('says the disk is full and what to do, keeps every stored file whole, and the next sync after space is freed completes', async () => {
    const disk = await freshDir();
    mount(disk, '4m');
    const w = await world({ limits: { read15: 10_000, readDay: 100_000, overall15: 10_000, overallDay: 100_000 } });
    const dataDir = join(disk, 'splits');
    await mkdir(dataDir, { mode: 0o700 });
    const env = { ...w.env, SPLITS_DATA_DIR: dataDir };
    const seeded = w.sim.seedActivities(1001, 150);
    // Tracks come with the details, small enough that all of them fit once space is freed.
    w.sim.maxStreamSamples = 50;
    expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], env)).code).toBe(0);
    const first = await runCli(['sync', '--no-details', '--no-tracks'], env);
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
