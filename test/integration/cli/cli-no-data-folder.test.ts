// Commands that only read make no data folder: a mistyped SPLITS_DATA_DIR is said, not created and read as empty. An
// empty SPLITS_DATA_DIR is a mistake named, not a silent fall back to the default folder. Real processes, real folders.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;
const tempDir = useTempDirs('splits-cli-nofolder-');

describe('a data folder that is not there', () => {
  it(
    'status, activities, history and export say no data folder is there (exit 2), and create nothing',
    async () => {
      const parent = await tempDir();
      const typo = join(parent, 'splist-data');
      for (const args of [['status'], ['status', '--json'], ['activities'], ['history'], ['export', '--out', parent]]) {
        const run = await runCli(args, { SPLITS_DATA_DIR: typo, HOME: parent });
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(
          /There is no data folder at .*splist-data: nothing was synced there\. If your activities are in another folder, set SPLITS_DATA_DIR to it; to start here, run `.*login`\./,
        );
        expect(run.stdout, args.join(' ')).not.toMatch(/No activities stored yet/);
      }
      expect(await readdir(parent)).toEqual([]);
    },
    LONG,
  );

  it(
    'an empty SPLITS_DATA_DIR is an error naming the variable, for reads and writes, and nothing is created',
    async () => {
      const home = await tempDir();
      for (const value of ['', '  ']) {
        for (const args of [['status'], ['sync']]) {
          const run = await runCli(args, { SPLITS_DATA_DIR: value, HOME: home, XDG_DATA_HOME: join(home, 'data') });
          expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
          expect(run.stderr).toMatch(
            /SPLITS_DATA_DIR is set but empty\. Set it to the folder Splits keeps your data in/,
          );
        }
      }
      expect(await readdir(home)).toEqual([]);
    },
    LONG,
  );

  it(
    'a data folder that is there but empty still reads as nothing stored yet',
    async () => {
      const dir = await tempDir();
      const run = await runCli(['activities'], { SPLITS_DATA_DIR: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/no data folder/);
    },
    LONG,
  );
});
