import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

describe('two processes on one data folder (the desktop app and the CLI)', () => {
  const world = useWorld();

  it('take turns without either writing from a stale copy', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 400, { listHiddenShare: 0 });
    const desktop = await w.openConnected();
    const cli = await w.open();

    await desktop.engine.sync({ trigger: 'launch', details: false });
    expect((await desktop.store.activities(1001)).count).toBe(400);

    // The CLI syncs while the desktop app sits idle with its copy in memory.
    w.sim.deleteActivity(seeded[2]!.id);
    const late = w.sim.addActivity(1001, { name: 'From the CLI run' });
    w.clock.set(w.clock.now() + 3600_000);
    const cliRun = await cli.engine.sync({ trigger: 'cli', details: false });
    expect(cliRun.results[0]).toMatchObject({ status: 'ok', newCount: 1, deletedCount: 1 });

    // The desktop app's next sync starts from what is on disk now: nothing comes back, nothing is lost.
    w.clock.set(w.clock.now() + 3600_000);
    const next = await desktop.engine.sync({ trigger: 'background', details: false });
    expect(next.results[0]).toMatchObject({ status: 'ok', newCount: 0, deletedCount: 0 });
    expect((await desktop.store.activities(1001)).get(late.id)?.name).toBe('From the CLI run');
    expect((await desktop.store.activities(1001)).get(seeded[2]!.id)).toBeUndefined();
    expect(desktop.store.history.recent().map((r) => r.trigger)).toEqual(['background', 'cli', 'launch']);
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
    // The requests the CLI spent count for the desktop app too.
    expect(desktop.limiter.status().read.requests15min).toBe(w.sim.rateLimits.usage.read15);
  });
});
