import { describe, expect, it } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { startLockHolder } from '../../support/lock-process';
import { useWorld } from '../../support/splits';

describe("the window's word for a busy data folder", () => {
  const world = useWorld();

  it('names what holds it: an import by another Splits, an import of this one, or a sync', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();

      // Another process imports Strava's archive into the folder.
      const holder = startLockHolder(['hold', w.dataDir, 'import']);
      try {
        await holder.output('held');
        expect((await app.invoke('sync:now', { mode: 'quick' })).error).toEqual({
          code: 'busy',
          message:
            'Another Splits (the command line, or a second copy) is importing a Strava archive into your data right now. Try again when it has finished.',
        });
      } finally {
        holder.child.kill('SIGKILL');
        await holder.exit;
      }

      // This process holds it for an import (another of its tasks): not "another Splits".
      const importing = await DataLock.acquire(w.dataDir, { purpose: 'import' });
      try {
        expect((await app.invoke('sync:now', { mode: 'quick' })).error).toEqual({
          code: 'busy',
          message: 'Splits is importing a Strava archive into your data right now. Try again when it has finished.',
        });
      } finally {
        await importing.release();
      }

      // A sync of the command line.
      const syncing = startLockHolder(['hold', w.dataDir]);
      try {
        await syncing.output('held');
        expect((await app.invoke('sync:now', { mode: 'quick' })).error?.message).toBe(
          'Another Splits (the command line, or a second copy) is syncing your data right now. Try again when it has finished.',
        );
      } finally {
        syncing.child.kill('SIGKILL');
        await syncing.exit;
      }
      // Free again: the sync runs.
      expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({ results: [{ status: 'ok' }] });
    } finally {
      await app.close();
    }
  }, 30_000);
});
