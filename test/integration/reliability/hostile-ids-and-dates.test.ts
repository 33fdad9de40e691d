import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/config';
import { silentLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { bestsIndexPath } from '../../../main/store/best-efforts-file';
import { TokenFile } from '../../../main/vault/token-file';
import { toDetailed } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';
import { storedSummaries, useWorld, type World } from '../../support/splits';

/** Every file and folder under `root`, relative to it, with its size (folders: -1): "what was written", compared. */
async function tree(root: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      out.set(relative(root, path), entry.isDirectory() ? -1 : (await stat(path)).size);
      if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(root);
  return out;
}

/**
 * Services on a data folder three levels down a private temp root: a name like `../../x` that escaped the data folder
 * would land in the root, where the listing before and after sees it.
 */
async function openNested(w: World, root: string) {
  const dataDir = join(root, 'a', 'b', 'data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const open = () =>
    createServices({
      config: loadConfig({ ...w.env, SPLITS_DATA_DIR: dataDir }),
      clock: w.clock,
      logger: silentLogger,
      vault: (store) => TokenFile.open(dataDir, (p) => store.problems.push(p)),
      timeoutMs: 2000,
      random: () => 0.5,
      sync: { betweenAthletesMs: 0 },
    });
  const services = await open();
  await w.connect(services, 1001);
  return { dataDir, services, open };
}

describe('hostile ids and start dates', () => {
  const world = useWorld();
  const tempDir = useTempDirs('splits-hostile-');

  it('an id like ../../x or beyond 2^53 is set aside; starts in 9999 and 1900 are filed as 9999.json and 1900.json, kept through a reload, and nothing is written outside the data folder', async () => {
    const w = await world();
    const root = await tempDir();
    const seeded = w.sim.seedActivities(1001, 20, { listHiddenShare: 0 });
    const [traversal, tooBig, absolute] = [seeded[3]!, seeded[4]!, seeded[5]!];
    w.sim.editActivity(traversal.id, { corrupt: { id: '../../x' } });
    w.sim.editActivity(tooBig.id, { corrupt: { id: 2 ** 53 + 2 } });
    w.sim.editActivity(absolute.id, { corrupt: { id: '/etc/passwd' } });
    const far = w.sim.addActivity(1001, {
      start: Date.UTC(9999, 11, 31, 12) / 1000,
      name: 'A watch set to the year 9999',
    });
    const old = w.sim.addActivity(1001, { start: Date.UTC(1900, 0, 1, 9) / 1000, name: 'A watch reset to 1900' });
    const maxSafe = w.sim.addActivity(1001, { id: Number.MAX_SAFE_INTEGER, name: 'The largest id a number holds' });
    const { dataDir, services, open } = await openNested(w, root);
    const before = await tree(root);

    const report = await services.engine.sync({ trigger: 'cli' });
    const result = report.results[0]!;
    expect(result).toMatchObject({ status: 'ok', newCount: 20, detailsFetched: 20, detailsPending: 0 });
    const warnings = result.warnings.join('\n');
    expect(warnings.match(/Set aside an activity without a usable id/g)).toHaveLength(3);
    expect(warnings).not.toMatch(/\.\.\/\.\.\/x|\/etc\/passwd/);

    // Only the data folder changed; every new path lies inside it.
    const outside = (listing: Map<string, number>) =>
      [...listing].filter(([path]) => path !== 'a/b/data' && !path.startsWith('a/b/data/'));
    const after = await tree(root);
    expect(outside(after)).toEqual(outside(before));
    expect(after.size).toBeGreaterThan(before.size);
    // Beside the year files, the tracks folder (tracks are fetched by default): its files are named by the stored
    // activities' ids alone, and no streams were asked for an id that was set aside.
    const athleteFiles = (await readdir(join(dataDir, 'activities', '1001'))).filter((name) => name !== 'tracks');
    expect(athleteFiles).toEqual(
      expect.arrayContaining(['1900.json', '1900.details.json', '9999.json', '9999.details.json']),
    );
    expect(athleteFiles.filter((name) => !/^\d{4}(\.details)?\.json$/.test(name))).toEqual([]);
    const storedIds = new Set((await storedSummaries(services, 1001)).map((a) => String(a.id)));
    expect(storedIds.size).toBe(20);
    const tracksDir = join(dataDir, 'activities', '1001', 'tracks');
    // Beside the tracks, the index of their best efforts, by the same ids.
    const trackFiles = (await readdir(tracksDir)).filter((name) => name !== '.best-efforts.json');
    const trackIds = trackFiles.map((name) => /^(\d+)(\.view)?\.json\.gz$/.exec(name)?.[1] ?? name);
    expect(trackIds.filter((id) => !storedIds.has(id))).toEqual([]);
    const bests = JSON.parse(await readFile(bestsIndexPath(tracksDir), 'utf8')) as { entries: object };
    expect(Object.keys(bests.entries).filter((id) => !storedIds.has(id))).toEqual([]);
    expect(trackIds).toContain(String(Number.MAX_SAFE_INTEGER));
    const streamsAskedFor = w.sim.apiRequests(/\/streams$/).map((e) => e.path.split('/')[4]!);
    expect(streamsAskedFor.filter((id) => !storedIds.has(id))).toEqual([]);

    // A new process loads them all without a problem, and has each of them with its detail.
    const reopened = await open();
    expect(reopened.store.problems).toEqual([]);
    const stored = await reopened.store.activities(1001);
    for (const a of [far, old, maxSafe]) expect(await stored.detail(a.id)).toEqual(toDetailed(a));
    expect(await storedSummaries(reopened, 1001)).toEqual(
      w.sim.listableSummaries(1001).filter((a) => typeof a.id === 'number' && Number.isSafeInteger(a.id)),
    );

    // The next full scan takes none of the set-aside activities for deleted, and the store keeps every activity.
    const again = await reopened.engine.sync({ trigger: 'cli', full: true });
    expect(again.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 0 });
    expect(stored.count).toBe(20);
  });
});
