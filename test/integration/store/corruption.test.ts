import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

describe('unreadable store files', () => {
  const world = useWorld();

  it('moves a corrupted year file aside, says so, and the next sync brings the data back', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 900, { listHiddenShare: 0 });
    const first = await w.openConnected();
    await first.engine.sync({ trigger: 'cli', details: false });

    const dir = join(w.dataDir, 'activities', '1001');
    const years = (await readdir(dir)).filter((n) => /^\d{4}\.json$/.test(n));
    expect(years.length).toBeGreaterThan(2);
    const victim = join(dir, years[1]!);
    const original = await readFile(victim, 'utf8');
    await writeFile(victim, original.slice(0, original.length / 2)); // a torn write from another tool

    w.clock.set(w.clock.now() + 3600_000);
    const second = await w.open();
    const report = await second.engine.sync({ trigger: 'cli', details: false });
    expect(second.store.problems).toHaveLength(1);
    expect(second.store.problems[0]).toMatchObject({
      file: victim,
      movedTo: expect.stringMatching(new RegExp(`${years[1]!.replace('.json', '')}\\.corrupt-.*\\.json$`)),
    });
    // The damaged file is kept, byte for byte, for the person to inspect.
    expect(await readFile(second.store.problems[0]!.movedTo, 'utf8')).toBe(original.slice(0, original.length / 2));
    // A lost year forces a full scan, which restores it.
    expect(report.results[0]).toMatchObject({ mode: 'full', status: 'ok', deletedCount: 0 });
    expect(await storedSummaries(second, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('keeps a file that is valid JSON but not a store file, and starts that document afresh', async () => {
    const w = await world();
    await writeFile(join(w.dataDir, 'history.json'), JSON.stringify({ version: 1, runs: [{ nonsense: true }] }));
    await writeFile(join(w.dataDir, 'accounts.json'), JSON.stringify({ version: 99, accounts: [] }));
    const splits = await w.open();
    expect(splits.store.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/newer Splits/),
      expect.stringMatching(/invalid: runs\.0/),
    ]);
    expect(splits.store.history.recent()).toEqual([]);
    const names = await readdir(w.dataDir);
    expect(names.filter((n) => n.includes('.corrupt-'))).toHaveLength(2);
  });
});
