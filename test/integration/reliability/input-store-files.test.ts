import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';
import { damageArb, FILE_KINDS, goodFolder, openOn, probeOnce, type FileKind } from './input-store-files';

const LIMITS = { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 };

describe('hostile input: every kind of store file, damaged', () => {
  const world = useWorld();

  it('each kind truncated, of the wrong types, random bytes, or of an older schema: it loads or is set aside, and the sync brings back the rest', async () => {
    const w = await world({ limits: LIMITS });
    const good = await goodFolder(w);
    const seen = new Map<FileKind, { setAside: number; loaded: number }>();
    // Every kind, once, with a damage fast-check picks (the soak, test/soak/input-store-files.soak.ts, runs 400): each
    // run is a sync, so npm test keeps to nine.
    for (const kind of FILE_KINDS) {
      await fc.assert(
        fc.asyncProperty(damageArb, async (damage) => {
          const { setAside } = await probeOnce(w, good, kind, damage);
          const tally = seen.get(kind) ?? { setAside: 0, loaded: 0 };
          tally[setAside ? 'setAside' : 'loaded']++;
          seen.set(kind, tally);
        }),
        { numRuns: 1, seed: 10 },
      );
    }
    expect([...seen.keys()].sort()).toEqual([...FILE_KINDS].sort());
  }, 240_000);

  it('a year file whose records hold fields the window reads of the wrong type is set aside, so the list, its sorts and the charts keep working', async () => {
    const w = await world({ limits: LIMITS });
    w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
    const first = await w.openConnected();
    await first.engine.sync({ trigger: 'cli', details: false });
    const dir = join(w.dataDir, 'activities', '1001');
    const year = (await readdir(dir)).find((n) => /^\d{4}\.json$/.test(n))!;
    const doc = JSON.parse(await readFile(join(dir, year), 'utf8')) as {
      activities: Record<string, Record<string, unknown>>;
    };
    const [a, b] = Object.values(doc.activities);
    // As a hand edit or another tool could leave them: a name that is a number, a local start that is not a string.
    a!.name = 42;
    b!.start_date_local = 7;
    await writeFile(join(dir, year), JSON.stringify(doc));

    const splits = await openOn(w, w.dataDir);
    await splits.store.activities(1001);
    expect(splits.store.problems).toEqual([
      expect.objectContaining({
        file: join(dir, year),
        reason: expect.stringMatching(/name is number|start_date_local is number/),
      }),
    ]);
    for (const sort of ['name', 'start_date', 'distance'] as const) await splits.store.query({ sort, search: 'a' });
    await splits.store.totals();
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', mode: 'full' });
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });
});
