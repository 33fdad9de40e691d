// `splits export` into a folder that is there but takes no files: a mistake of the folder chosen (exit 2, as a folder
// that cannot be made), said before any file is tried, in words that fit the one CSV file. A read-only tmpfs gives the
// refusal even to root, as CI runs (another user's folder would give it elsewhere). Real processes, a real mount.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { canMount, useTmpfs } from '../../support/full-disk';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;
const tempDir = useTempDirs('splits-cli-export-folder-');

describe.skipIf(!canMount)('exporting into a folder that takes no files', () => {
  const world = useWorld();
  const mount = useTmpfs();

  it(
    'exits 2 naming the folder and why, for CSV and GPX, and writes nothing',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details', '--no-tracks'], w.env)).code).toBe(0);
      const out = join(await tempDir(), 'read-only');
      await mkdir(out);
      mount(out, '1m');
      execFileSync('mount', ['-o', 'remount,ro', out]);
      for (const format of ['csv', 'gpx']) {
        const run = await runCli(['export', '--format', format, '--out', out], w.env);
        expect(run.code, `${format}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toMatch(
          /Splits cannot write into the export folder .*read-only \(EROFS: the disk is read-only\)\. Choose a folder you can write; nothing was exported\./,
        );
        expect(run.stderr).not.toMatch(/files written before it/);
      }
      expect(await readdir(out)).toEqual([]);
    },
    LONG,
  );
});
