// `npm run sim -- --archive PATH.zip` (issue 20, item 9): Strava's archive of the simulator's athlete, for trying
// `splits import` without an archive of one's own. Real processes throughout: the simulator's command line, and
// `splits` pointed at it by the lines it prints.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import polyline from '@mapbox/polyline';
import { describe, expect, it } from 'vitest';
import { readTrack } from '../../../main/archive/track';
import { runCli } from '../../support/cli';
import { startSim, untilPrinted, type SimRun } from '../../support/sim-process';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 120_000;
// Among them (the seed is fixed) one that Strava's list pages leave out, three private ones and two manual entries:
// the archive has them all, as Strava's does, and the sync after the import keeps them all.
const ACTIVITIES = 80;

/** The environment the printed `export` lines set, as a shell would read them. */
function exportedEnv(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, name, value] of stdout.matchAll(/^ {2}export ([A-Z_]+)=(.*)$/gm))
    env[name!] = value!.replace(/^'(.*)'$/, '$1');
  return env;
}

describe('the simulator’s --archive', () => {
  const temp = useTempDirs('splits-sim-archive-');

  it(
    'writes the athlete’s archive where npm was started, which `splits import` takes whole; the tracks start where the activities’ routes do, and a sync then finds the same activities',
    async () => {
      const folder = await temp();
      // `npm run sim` runs from the project's folder and says in INIT_CWD where the person was: a relative path is theirs.
      const run = startSim(['--port', '0', '--activities', String(ACTIVITIES), '--archive', 'export.zip'], {
        INIT_CWD: folder,
      });
      let sim: SimRun | null = run;
      let dataDir: string | undefined;
      try {
        await untilPrinted(run, /Ctrl-C stops it\./);
        const zip = join(folder, 'export.zip');
        const [, path, rows, files] = await untilPrinted(
          run,
          /Strava's archive of athlete 1001 \(Ada Lovelace\): (.+)\n {2}(\d+) activities in activities\.csv, and the recordings of the newest as (\d+) FIT files in activities\//,
        );
        expect(path).toBe(zip);
        // The one file asked for, and no temp file left beside it.
        expect(await readdir(folder)).toEqual(['export.zip']);
        const env = exportedEnv(run.stdout());
        dataDir = env.SPLITS_DATA_DIR;
        const [, token] = await untilPrinted(run, /login --refresh-token (\S+)\n/);
        const [, importArg] = await untilPrinted(run, /splits -- import '([^']+)'\n/);
        expect(importArg).toBe(zip);

        expect(await runCli(['login', '--refresh-token', token!], env)).toMatchObject({ code: 0 });
        const imported = await runCli(['import', importArg!, '--json'], env);
        expect(imported.code, imported.stderr).toBe(0);
        const summary = JSON.parse(imported.stdout) as Record<string, unknown>;
        expect(summary).toMatchObject({
          athleteId: 1001,
          rowsRead: Number(rows),
          archiveOnlyAdded: Number(rows),
          tracksStored: Number(files),
          filesUnreadable: 0,
          filesWithoutPoints: 0,
          skippedRows: 0,
          unknownColumnCount: 0,
          cancelled: false,
        });
        expect(Number(files)).toBeGreaterThan(ACTIVITIES / 2);

        // Strava's list agrees with the archive: the sync adds nothing, removes nothing, and the scan is whole.
        const synced = await runCli(['sync', '--json'], env);
        expect(synced.code, synced.stderr).toBe(0);
        expect(JSON.parse(synced.stdout)).toMatchObject({
          status: 'ok',
          fullScanComplete: true,
          newCount: 0,
          deletedCount: 0,
        });
        const listed = await runCli(['activities', '--json'], env);
        const stored = JSON.parse(listed.stdout) as Array<{
          id: number;
          manual?: boolean;
          map?: { summary_polyline?: string | null };
        }>;
        expect(Number(rows)).toBe(ACTIVITIES);
        expect(stored).toHaveLength(ACTIVITIES);
        expect(new Set(stored.map((a) => a.id)).size).toBe(stored.length);

        // Each imported track is the recording of the activity Strava serves: it starts at its route's first point.
        let routes = 0;
        for (const a of stored) {
          const route = a.map?.summary_polyline ? polyline.decode(a.map.summary_polyline) : [];
          const track = await readTrack(env.SPLITS_DATA_DIR!, 1001, a.id);
          // A manual entry recorded nothing: its archive row has no file (and Strava still draws its route).
          if (route.length === 0 || a.manual) continue;
          routes++;
          expect(track?.source, `${a.id}`).toBe('fit');
          expect(track?.lat?.[0], `${a.id}`).toBeCloseTo(route[0]![0], 5);
          expect(track?.lng?.[0], `${a.id}`).toBeCloseTo(route[0]![1], 5);
        }
        expect(routes).toBeGreaterThan(ACTIVITIES / 2);

        sim.stop();
        sim = null;
        expect(await run.code).toBe(0);
        // The archive is the person's: stopping the simulator leaves it.
        expect(existsSync(zip)).toBe(true);
      } finally {
        sim?.stop();
        // The simulator makes the data folder it prints and leaves it for the person: the test removes its own.
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    },
    LONG,
  );

  it(
    'refuses, in one line and before it starts, a path in a missing folder or one that exists already (exit 2)',
    async () => {
      const folder = await temp();
      const mine = join(folder, 'mine.zip');
      await writeFile(mine, 'not to be replaced');
      for (const [path, said] of [
        [join(folder, 'missing', 'export.zip'), `the folder ${join(folder, 'missing')} does not exist`],
        [mine, `${mine} exists already`],
        [folder, `${folder} exists already`],
      ] as const) {
        const run = startSim(['--port', '0', '--activities', '1', '--archive', path]);
        expect(await run.code, path).toBe(2);
        expect(run.stderr()).toMatch(new RegExp(`^sim: --archive: [^\\n]*${said.replace(/[/.]/g, '\\$&')}[^\\n]*\\n$`));
        expect(run.stdout()).toBe('');
      }
      expect(await readFile(mine, 'utf8')).toBe('not to be replaced');
      expect(await readdir(folder)).toEqual(['mine.zip']);
    },
    LONG,
  );
});
