import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { detailRequests, folderFingerprint, syncedWorld } from './archive-test-kit';

const LONG = 60_000;

describe('splits import', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-cli-');

  it('imports an archive end to end: progress on stderr, the summary on stdout; again with --json changes nothing; the next sync asks for no detail', async () => {
    const { w, seeded } = await syncedWorld(world, 8);
    const zip = join(await temp(), 'export_1001.zip');
    await writeArchive(zip, { activities: [...fromSimulator(seeded, (_a, i) => (i < 3 ? { format: 'fit', gzip: true } : undefined))], athleteId: 1001, extraColumns: ['Mood'] });

    const first = await runCli(['import', zip], w.env);
    expect(first.stderr).toBe('Reading activities.csv...\nReading original files...\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        'Imported the archive of athlete 1001 (made 2026-10-01): 8 activities read.',
        "  8 matched Strava's: 8 details filled from the archive (the backfill skips them), 0 kept as they were.",
        '  3 tracks stored.',
        '  1 column Splits does not know, ignored: Mood.',
        '',
      ].join('\n'),
    );
    const files = await folderFingerprint(w.dataDir);
    const again = await runCli(['import', zip, '--json', '--athlete', '1001'], w.env);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(again.stdout)).toMatchObject({ athleteId: 1001, rowsRead: 8, detailsFilled: 0, detailsKept: 8, tracksStored: 0, tracksKept: 3, cancelled: false });
    expect(await folderFingerprint(w.dataDir)).toEqual(files);

    const before = detailRequests(w);
    // A new process: the CLI wrote the folder since this one read it.
    const next = await w.open();
    const report = await next.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 0, detailsPending: 0 });
    expect(detailRequests(w)).toBe(before);
    expect((await (await next.store.activities(1001)).detail(seeded[0]!.id))?.calories).toBe(seeded[0]!.calories);
  }, LONG);

  it('a file that is not an archive exits 2 with what to do; no path exits 2 with the usage; a sync holding the folder exits 7', async () => {
    const { w, seeded } = await syncedWorld(world, 2);
    const dir = await temp();
    const notZip = await runCli(['import', join(w.dataDir, 'accounts.json')], w.env);
    expect(notZip).toMatchObject({ code: 2, stdout: '' });
    expect(notZip.stderr).toMatch(/^splits: .*accounts\.json is not a zip file\. Import the zip Strava sends/);

    const noPath = await runCli(['import'], w.env);
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toMatch(/"splits import" needs PATH\.zip[\s\S]*Usage: splits import PATH\.zip/);

    const zip = join(dir, 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded) });
    const lock = await DataLock.acquire(w.dataDir);
    try {
      const busy = await runCli(['import', zip], w.env);
      expect(busy.code).toBe(7);
      expect(busy.stderr).toMatch(/^splits: Another Splits is syncing this data folder\..*--wait/);
    } finally {
      await lock.release();
    }
    const wrong = await runCli(['import', zip, '--athlete', '2002'], w.env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Athlete 2002 is not connected to Splits/);
  }, LONG);
});
