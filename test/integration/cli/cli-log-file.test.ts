import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../main/cli/usage';
import { LOG_FILE_MAX_BYTES } from '../../../main/log-file';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('splits --log-file', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });
  const tempDir = useTempDirs('splits-cli-log-');

  it(
    "writes each run's log to the file, private, appended run after run, a relative path from the current folder",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      // A folder with no package.json above it: the log is written wherever Splits is run from.
      const cwd = await tempDir();
      const sync = await runCli(['sync', '--log-file', 'splits.log'], w.env, { cwd });
      expect(sync.code, sync.stderr).toBe(0);
      const path = join(cwd, 'splits.log');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toMatch(
        /^\S+ info \[splits\] splits sync started\n\S+ info \[splits\] Athlete 1001 synced: 5 new, .*\n\S+ info \[splits\] splits sync finished \(exit 0\)\n$/,
      );
      // The file has every level; stderr, without --verbose, warnings only.
      expect(sync.stderr).toBe('');

      // A failing sync: the retries' warnings and the outcome, after the first run's lines. The athlete's result is a
      // warning, so that reading the log for warnings and errors finds it; stdout has it, and stderr does not repeat it.
      w.sim.injectFault({ kind: 500 });
      const failing = await runCli(['--log-file', path, 'sync'], { ...w.env, SPLITS_MAX_RETRIES: '1' });
      expect(failing.code).toBe(6);
      const text = await readFile(path, 'utf8');
      expect(text).toMatch(
        /splits sync finished \(exit 0\)\n\S+ info \[splits\] splits sync started\n[\s\S]*warn \[splits\] retrying a failed request [\s\S]*warn \[splits\] Athlete 1001 unreachable: Strava kept failing \(HTTP 500\).*\n\S+ info \[splits\] splits sync finished \(exit 6\)\n$/,
      );
      expect(failing.stdout).toMatch(/^Athlete 1001 unreachable: Strava kept failing/);
      expect(failing.stderr).not.toContain('Athlete 1001');
      // The warnings stderr showed are in the file too, but for their times.
      const warnings = failing.stderr.split('\n').filter((line) => / warn \[splits\] /.test(line));
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings) expect(text).toContain(warning.replace(/^\S+ /, ''));

      // A command that fails by throwing: its message, as stderr said it.
      const loggedOut = await runCli([`--log-file=${path}`, 'sync'], { ...w.env, SPLITS_DATA_DIR: join(cwd, 'empty') });
      expect(loggedOut.code).toBe(3);
      expect(await readFile(path, 'utf8')).toMatch(
        /warn \[splits\] splits sync failed \(exit 3\): No Strava account is connected\. Run `splits login` first\.\n$/,
      );
    },
    LONG,
  );

  it(
    'keeps the stack of an unexpected error, which stderr shows only with --verbose',
    async () => {
      const w = await live();
      const dir = await tempDir();
      // A folder where the history file should be: a failure Splits has no words of its own for (exit 1).
      await mkdir(join(dir, 'data', 'history.json'), { recursive: true, mode: 0o700 });
      const path = join(dir, 'splits.log');
      const run = await runCli(['history', '--log-file', path], { ...w.env, SPLITS_DATA_DIR: join(dir, 'data') });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^splits: Splits cannot read \S+history\.json \(EISDIR\)/);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(await readFile(path, 'utf8')).toMatch(
        /\n\S+ error \[splits\] splits history failed \(exit 1\): StoreFileUnreadableError: Splits cannot read \S+history\.json \(EISDIR\).*\n(\s+at .+\n)+$/,
      );
    },
    LONG,
  );

  it(
    'refuses a --log-file it cannot use (exit 2, what to do), before anything is made',
    async () => {
      const w = await live();
      const dir = await tempDir();
      const env = { ...w.env, SPLITS_DATA_DIR: join(dir, 'data') };
      await mkdir(join(dir, 'a-folder'));
      await writeFile(join(dir, 'a-file'), '');
      // A link to a file in a folder that does not exist.
      await symlink(join(dir, 'gone', 'splits.log'), join(dir, 'dangling.log'));
      const cases: Array<[string[], RegExp]> = [
        [
          ['sync', '--log-file', join(dir, 'missing', 'splits.log')],
          /^splits: The folder of --log-file, \S+missing, does not exist\. Make it first, or give a file in a folder that exists\.\n$/,
        ],
        [
          ['sync', '--log-file', join(dir, 'a-file', 'splits.log')],
          /^splits: The folder of --log-file, \S+a-file, is a file\. Give a file in a folder\.\n$/,
        ],
        [
          ['status', '--log-file', join(dir, 'a-folder')],
          /^splits: --log-file \S+a-folder is a folder\. Give a file's name, for example \S+a-folder\/splits\.log\.\n$/,
        ],
        [
          ['status', '--log-file', join(dir, 'dangling.log')],
          /^splits: --log-file \S+dangling\.log cannot be written \(ENOENT\)\. Give a file you can write, or fix its permissions\.\n$/,
        ],
        [
          ['sync', '--log-file'],
          /^splits: --log-file needs a value: the file to write the log to\. See `splits help sync`\.\n$/,
        ],
        [['sync', '--log-file', '--json'], /^splits: --log-file needs a value/],
        [['--log-file=', 'status'], /^splits: --log-file needs a value/],
      ];
      for (const [args, message] of cases) {
        const run = await runCli(args, env);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(message);
        expect(run.stdout).toBe('');
      }
      // Neither the missing folders nor the data folder were made.
      expect((await readdir(dir)).sort()).toEqual(['a-file', 'a-folder', 'dangling.log']);
      // A mistake in another option makes no data folder (the log file then keeps it: the next test).
      expect((await runCli(['sync', '--per-page', '500', '--log-file', join(dir, 'splits.log')], env)).code).toBe(2);
      expect(await exists(join(dir, 'data'))).toBe(false);
    },
    LONG,
  );

  it(
    "keeps an export's result, and a usage mistake (exit 2) but no secret it quotes, making nothing else",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details', '--no-tracks'], w.env)).code).toBe(0);
      const dir = await tempDir();
      const path = join(dir, 'splits.log');

      // The result stdout shows, in words even with --json.
      const exported = await runCli(
        ['export', '--format', 'csv', '--out', join(dir, 'out'), '--json', '--log-file', path],
        w.env,
      );
      expect(exported.code, exported.stderr).toBe(0);
      expect(await readFile(path, 'utf8')).toMatch(
        /^\S+ info \[splits\] splits export started\n\S+ info \[splits\] Exported 3 activities to \S+\/out\/activities\.csv \(metric\)\.\n\S+ info \[splits\] splits export finished \(exit 0\)\n$/,
      );

      // Mistakes on the command line, whose stderr a cron job may send nowhere: in the file too. A refresh token
      // given where --refresh-token was forgotten is quoted on stderr, for the person who typed it, but not kept.
      const token = randomBytes(20).toString('hex');
      const env = { ...w.env, SPLITS_DATA_DIR: join(dir, 'data') };
      const mistakes: Array<[string[], string]> = [
        [['login', token], 'splits login failed (exit 2): unexpected argument "[redacted]" for `splits login`'],
        [
          ['sync', '--per-page', '500'],
          'splits sync failed (exit 2): --per-page takes a whole number from 1 to 200, not "500"',
        ],
        [['synk'], 'splits synk failed (exit 2): unknown command "synk"'],
      ];
      for (const [args, line] of mistakes) {
        const run = await runCli([...args, '--log-file', path], env);
        expect(run.code, args.join(' ')).toBe(2);
        expect((await readFile(path, 'utf8')).trimEnd().split('\n').at(-1), args.join(' ')).toMatch(
          new RegExp(`^\\S+ warn \\[splits\\] ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
        );
      }
      expect(await readFile(path, 'utf8')).not.toContain(token);
      // Nothing else was made: no data folder, no export.
      expect((await readdir(dir)).sort()).toEqual(['out', 'splits.log']);
    },
    LONG,
  );

  it(
    'starts a new file when the one earlier runs wrote is past the cap, keeping it as NAME.old.EXT',
    async () => {
      const w = await live();
      const dir = await tempDir();
      const path = join(dir, 'cron.log');
      const earlier = `${'an earlier run\n'.repeat(Math.ceil(LOG_FILE_MAX_BYTES / 15))}`;
      expect(earlier.length).toBeGreaterThan(LOG_FILE_MAX_BYTES);
      await writeFile(path, earlier, { mode: 0o644 });
      expect((await runCli(['status', '--log-file', path], w.env)).code).toBe(0);
      expect(await readFile(join(dir, 'cron.old.log'), 'utf8')).toBe(earlier);
      expect(await readFile(path, 'utf8')).toMatch(
        /^\S+ info \[splits\] splits status started\n\S+ info \[splits\] splits status finished \(exit 0\)\n$/,
      );
      for (const name of ['cron.log', 'cron.old.log'])
        expect((await stat(join(dir, name))).mode & 0o777, name).toBe(0o600);
    },
    LONG,
  );

  it(
    'is in the help, which it does not change: alone it prints the usage and writes nothing',
    async () => {
      const w = await live();
      const dir = await tempDir();
      expect(USAGE).toContain('--log-file PATH');
      expect(USAGE).toContain(`past ${LOG_FILE_MAX_BYTES / 1024 ** 2} MB it is renamed NAME.old.EXT`);
      const alone = await runCli(['--log-file', join(dir, 'splits.log')], w.env);
      expect(alone).toMatchObject({ code: 0, stderr: '' });
      expect(alone.stdout).toBe(USAGE);
      const help = await runCli(['sync', '--help', '--log-file', join(dir, 'splits.log')], w.env);
      expect(help.stdout).toMatch(/^Usage: splits sync /);
      expect(await readdir(dir)).toEqual([]);
    },
    LONG,
  );
});
