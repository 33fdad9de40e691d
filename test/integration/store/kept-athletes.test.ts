// Activities kept after a disconnect stay what the window shows and exports, and only real athletes' folders count:
// a stray file named like an athlete, or a folder a delete left empty, is no athlete.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logout } from '../../../main/accounts/account-service';
import { selectActivities } from '../../../main/export/select-activities';
import { useWorld } from '../../support/splits';

describe('athletes disconnected with their activities kept', () => {
  const world = useWorld();

  it('are in the query, and the export of the rows shown holds the same rows, for all and for the kept athlete alone', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0, privateShare: 0 });
    w.sim.seedActivities(1002, 7, { listHiddenShare: 0, privateShare: 0 });
    const splits = await w.openConnected();
    await w.connect(splits, 1002);
    await splits.engine.sync({ trigger: 'cli', details: false });
    await logout(splits, 1002, false);

    expect(await splits.store.keptAthletes()).toEqual([{ athleteId: 1002, name: expect.any(String) }]);
    const shown = await splits.store.query({ pageSize: 500 });
    expect(shown.total).toBe(12);
    expect((await selectActivities(splits.store, { query: {} })).map((s) => s.activity.id)).toEqual(
      shown.items.map((r) => r.id),
    );
    const hers = await splits.store.query({ athleteId: 1002, pageSize: 500 });
    expect(hers.total).toBe(7);
    expect((await selectActivities(splits.store, { query: { athleteId: 1002 } })).map((s) => s.activity.id)).toEqual(
      hers.items.map((r) => r.id),
    );

    // Deleted with the athlete: gone from both.
    await logout(splits, 1001, true);
    expect((await splits.store.query({ pageSize: 500 })).total).toBe(7);
  });

  it('a file named like an athlete, or an empty folder, is no athlete and breaks no query', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0, privateShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    await writeFile(join(w.dataDir, 'activities', '123'), 'not a folder');
    await mkdir(join(w.dataDir, 'activities', '77'));
    await mkdir(join(w.dataDir, 'activities', '1001.tmp'), { recursive: true });

    expect(await splits.store.athleteIds()).toEqual([1001]);
    expect(await splits.store.keptAthletes()).toEqual([]);
    expect((await splits.store.query({ pageSize: 500 })).total).toBe(5);
    expect((await splits.store.totals({})).years.length).toBeGreaterThan(0);
  });
});
