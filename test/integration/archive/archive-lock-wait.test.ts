import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import type { ImportProgress } from '../../../main/archive/import-types';
import { DataLock } from '../../../main/store/data-lock';
import { importProgressSchema } from '../../../preload/payloads';
import { phaseWords } from '../../../renderer/src/features/archive/import-words';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { folderFingerprint, syncedWorld } from './archive-test-kit';

describe('waiting for the data folder', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-wait-');

  it("the lock's wait ends when its signal aborts, with the reason, and takes nothing", async () => {
    const dir = await temp();
    const held = await DataLock.acquire(dir);
    try {
      const stop = new AbortController();
      const started = Date.now();
      const waiting = DataLock.acquire(dir, { waitMs: 60_000, signal: stop.signal });
      setTimeout(() => stop.abort(new Error('the person gave up')), 100);
      await expect(waiting).rejects.toThrow('the person gave up');
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(DataLock.acquire(dir, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
        'already',
      );
    } finally {
      await held.release();
    }
    // Free again: nothing was left held by the cancelled waits.
    await (await DataLock.acquire(dir)).release();
  });

  it('an import waiting for a sync says so, and stops waiting when cancelled, having written nothing', async () => {
    const { splits, seeded } = await syncedWorld(world, 2);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded) });
    const lock = await DataLock.acquire(splits.store.dataDir);
    const phases: ImportProgress[] = [];
    try {
      const before = await folderFingerprint(splits.store.dataDir);
      const stop = new AbortController();
      const started = Date.now();
      const importing = importArchive({
        store: splits.store,
        path: zip,
        waitMs: 60_000,
        signal: stop.signal,
        onProgress: (p) => phases.push(p),
      });
      setTimeout(() => stop.abort(new Error('cancelled by the person')), 200);
      await expect(importing).rejects.toThrow('cancelled by the person');
      expect(Date.now() - started).toBeLessThan(5_000);
      // The archive is read first (reading changes nothing), then the import waits for the folder.
      expect(phases).toEqual([
        { phase: 'reading', done: 0, total: null },
        { phase: 'waiting', done: 0, total: null },
      ]);
      expect(importProgressSchema.parse(phases[1])).toEqual(phases[1]);
      expect(phaseWords(phases[1]!)).toMatch(/Waiting for the sync/);
      expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);
    } finally {
      await lock.release();
    }
    expect(await importArchive({ store: splits.store, path: zip })).toMatchObject({ detailsFilled: 2 });
  });
});
