import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import { fitFile, fromSimulator, writeArchive } from '../../support/archive-fixture';
import { runCli, startCli, type CliRun } from '../../support/cli';
import { startLockHolder } from '../../support/lock-process';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { detailRequests, folderFingerprint, syncedWorld } from './archive-test-kit';

const LONG = 60_000;

describe('splits import', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-cli-');

  it(
    'imports an archive end to end: progress on stderr, the summary on stdout; again with --json changes nothing; the next sync asks for no detail',
    async () => {
      const { w, seeded } = await syncedWorld(world, 8);
      const zip = join(await temp(), 'export_1001.zip');
      await writeArchive(zip, {
        activities: [...fromSimulator(seeded, (_a, i) => (i < 3 ? { format: 'fit', gzip: true } : undefined))],
        athleteId: 1001,
        extraColumns: ['Mood'],
      });

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
      expect(JSON.parse(again.stdout)).toMatchObject({
        athleteId: 1001,
        rowsRead: 8,
        detailsFilled: 0,
        detailsKept: 8,
        tracksStored: 0,
        tracksKept: 3,
        cancelled: false,
      });
      expect(await folderFingerprint(w.dataDir)).toEqual(files);

      const before = detailRequests(w);
      // A new process: the CLI wrote the folder since this one read it.
      const next = await w.open();
      const report = await next.engine.sync({ trigger: 'cli' });
      expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 0, detailsPending: 0 });
      expect(detailRequests(w)).toBe(before);
      expect((await (await next.store.activities(1001)).detail(seeded[0]!.id))?.calories).toBe(seeded[0]!.calories);
    },
    LONG,
  );

  it(
    'names what it could not read and what only the archive has',
    async () => {
      const { w, seeded } = await syncedWorld(world, 3);
      const broken = fitFile(seeded[0]!.start, 20);
      broken[50] = broken[50]! ^ 0xff;
      const rows = fromSimulator(seeded, (a, i) =>
        i === 0 ? { name: `activities/${a.id}.fit`, bytes: broken } : undefined,
      );
      const zip = join(await temp(), 'export.zip');
      await writeArchive(zip, {
        activities: [
          ...rows,
          {
            id: 9_000_001,
            name: 'Only here',
            type: 'Run',
            start: seeded[2]!.start - 86_400,
            distance: 5000,
            movingTime: 1500,
            elapsedTime: 1600,
            elevationGain: 3,
          },
        ],
        rawRows: [['x1', 'Oct 7, 2020, 2:43:11 PM', 'Bad']],
      });
      const run = await runCli(['import', zip], w.env);
      expect(run.code).toBe(0);
      expect(run.stdout.replace(/damaged \([^)]*\)/, 'damaged (...)')).toBe(
        [
          'Imported the archive of athlete 1001 (made 2026-10-01): 5 activities read.',
          "  3 matched Strava's: 3 details filled from the archive (the backfill skips them), 0 kept as they were.",
          '  1 activity only the archive has, added: the next sync confirms or removes them (it scans the whole history: `splits sync`).',
          '  0 tracks stored.',
          '  1 original file could not be read (those activities are imported without a track):',
          `    activity ${seeded[0]!.id}, activities/${seeded[0]!.id}.fit: the FIT file is damaged (...)`,
          '  1 row of activities.csv skipped:',
          '    row 5: its activity id is not a positive whole number',
          '',
        ].join('\n'),
      );
    },
    LONG,
  );

  it(
    'Ctrl-C while it reads the original files keeps what was done, says so, and exits 130; importing again finishes',
    async () => {
      const { w, seeded } = await syncedWorld(world, 60);
      const zip = join(await temp(), 'export.zip');
      // One file made once, stored for every activity: the encoder is slow, the import decodes each copy all the same.
      const fit = fitFile(seeded[0]!.start, 4000);
      await writeArchive(zip, {
        activities: fromSimulator(seeded, (a) => ({ name: `activities/${a.id}.fit`, bytes: fit })),
      });
      const run = startCli(['import', zip], w.env);
      await new Promise<void>((resolve) => {
        const check = () => (run.stderr().includes('Reading original files...') ? resolve() : undefined);
        run.child.stderr!.on('data', check);
        check();
      });
      // Meanwhile a sync finds the folder busy, and says with what.
      const sync = await runCli(['sync'], w.env);
      expect(sync.code).toBe(7);
      expect(sync.stderr).toMatch(/is importing a Strava archive into this data folder/);
      run.child.kill('SIGINT');
      expect(await run.exit, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/Stopping at the next row or file: keeping what was imported\.\.\./);
      expect(run.stdout()).toMatch(
        /^Stopped importing the archive of athlete 1001 .*60 activities read\.\n {2}60 matched Strava's: 60 details filled[\s\S]*What was imported is kept; import the archive again to finish\.\n$/,
      );
      const again = await runCli(['import', zip, '--json'], w.env);
      expect(again.code).toBe(0);
      const summary = JSON.parse(again.stdout) as { tracksKept: number; tracksStored: number; detailsKept: number };
      expect(summary.detailsKept).toBe(60);
      expect(summary.tracksKept + summary.tracksStored).toBe(60);
      expect(summary.tracksStored).toBeGreaterThan(0);
    },
    LONG,
  );

  it(
    '--wait reads the archive once, then waits for the folder (said once; Ctrl-C ends the wait with nothing changed), and imports once it is free',
    async () => {
      const { w, seeded } = await syncedWorld(world, 4);
      const zip = join(await temp(), 'export.zip');
      await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })), athleteId: 1001 });
      const holder = startLockHolder(['hold', w.dataDir]);
      let waiting: CliRun;
      try {
        await holder.output('held');
        // What an import writes (the CLI's own start writes the vault's choice and the rate limit's lease).
        const imported = async () => [
          await folderFingerprint(join(w.dataDir, 'activities')),
          await readFile(join(w.dataDir, 'sync-state.json'), 'utf8'),
        ];
        const before = await imported();
        const stopped = startCli(['import', zip, '--wait'], w.env);
        await until(stopped, () => /Waiting for it to finish/.test(stopped.stderr()));
        stopped.child.kill('SIGINT');
        expect(await stopped.exit, stopped.stderr()).toBe(130);
        expect(stopped.stderr()).toMatch(
          /^Reading activities\.csv\.\.\.\nAnother Splits is using this data folder\. Waiting for it to finish \(Ctrl-C stops\)\.\.\.\n[\s\S]*Stopped waiting for the other Splits\. Nothing was changed\.\n$/,
        );
        expect(await imported()).toEqual(before);

        waiting = startCli(['import', zip, '--wait'], w.env);
        await until(waiting, () => /Waiting for it to finish/.test(waiting.stderr()));
        // The archive was read and checked before the wait, and the import keeps it open: it is not read again when the
        // folder comes free (the person may even have moved it away meanwhile).
        await rm(zip);
      } finally {
        // The holder is gone: its lock is taken over at once.
        holder.child.kill('SIGKILL');
        await holder.exit;
      }
      expect(await waiting.exit, waiting.stderr()).toBe(0);
      expect(waiting.stderr()).toBe(
        'Reading activities.csv...\nAnother Splits is using this data folder. Waiting for it to finish (Ctrl-C stops)...\nReading original files...\n',
      );
      expect(waiting.stdout()).toMatch(
        /^Imported the archive of athlete 1001 .*4 activities read\.\n[\s\S]* {2}4 tracks stored\.\n$/,
      );
    },
    LONG,
  );

  it(
    'a file that is not an archive exits 2 with what to do; no path exits 2 with the usage; a sync holding the folder exits 7',
    async () => {
      const { w, seeded } = await syncedWorld(world, 2);
      const dir = await temp();
      const notZip = await runCli(['import', join(w.dataDir, 'accounts.json')], w.env);
      expect(notZip).toMatchObject({ code: 2, stdout: '' });
      expect(notZip.stderr).toMatch(/^splits: .*accounts\.json is not a zip file\. Import the zip Strava sends/);

      const noPath = await runCli(['import'], w.env);
      expect(noPath.code).toBe(2);
      expect(noPath.stderr).toBe('splits: `splits import` needs PATH.zip. See `splits help import`.\n');

      const zip = join(dir, 'export.zip');
      await writeArchive(zip, { activities: fromSimulator(seeded) });
      const lock = await DataLock.acquire(w.dataDir);
      try {
        const busy = await runCli(['import', zip], w.env);
        expect(busy.code).toBe(7);
        // The archive was read and found good before the folder was asked for.
        expect(busy.stderr).toMatch(
          /^Reading activities\.csv\.\.\.\nsplits: Another Splits is syncing this data folder\..*--wait/,
        );
      } finally {
        await lock.release();
      }
      const wrong = await runCli(['import', zip, '--athlete', '2002'], w.env);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/Athlete 2002 is not connected to Splits/);
    },
    LONG,
  );
});

/** Resolves once `done` holds; fails when the command ended first. */
async function until(run: CliRun, done: () => boolean): Promise<void> {
  while (!done()) {
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.stdout()}${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
