import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataFolderBusyError } from '../../../main/store/data-lock';
import { useWorld } from '../../support/splits';

describe('one sync at a time per data folder', () => {
  const world = useWorld();

  it('a second request joins the running sync', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 500);
    const splits = await w.openConnected();
    const a = splits.engine.sync({ trigger: 'manual', details: false });
    const b = splits.engine.sync({ trigger: 'background', details: false });
    expect(splits.engine.isRunning).toBe(true);
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb).toBe(ra);
    expect(w.sim.apiRequests('/athlete/activities')).toHaveLength(4);
    expect(splits.engine.isRunning).toBe(false);
  });

  it("another live process holding the lock keeps this one out; a dead one's lock is taken over", async () => {
    const w = await world();
    w.sim.seedActivities(1001, 10);
    const splits = await w.openConnected();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      // Its lock, fresh, naming it: as a CLI syncing the same folder holds it.
      await mkdir(join(w.dataDir, 'sync.lock'));
      await writeFile(
        join(w.dataDir, 'sync.lock', 'owner.json'),
        JSON.stringify({ pid: other.pid, host: hostname(), purpose: 'sync' }),
      );
      await expect(splits.engine.sync({ trigger: 'cli' })).rejects.toBeInstanceOf(DataFolderBusyError);
      expect(w.sim.apiRequests()).toHaveLength(0);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]!.status).toBe('ok');
  });
});
