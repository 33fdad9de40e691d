// Issue 20, item 8: the command line's words as a newcomer meets them. Real `splits` processes against the simulator.
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json';
import { systemClock } from '../../strava-sim';
import { bin, root, runCli, startCli, type CliRun } from '../../support/cli';
import { openDesktop } from '../../support/desktop-core';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

async function until(what: string, ready: () => boolean, run?: CliRun): Promise<void> {
  for (let i = 0; i < 1500 && !ready(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!ready()) throw new Error(`never saw ${what}${run ? `: ${run.stderr()}` : ''}`);
}

/** Whether the simulator was asked for this page of the activity list (asked, not answered: it may hang). */
const listed = (w: { sim: { apiRequests: (p: string) => Array<{ query: Record<string, string> }> } }, page: string) =>
  w.sim.apiRequests('/athlete/activities').some((e) => e.query.page === page);

/** `node bin/splits.js ARGS`, as a person types it in the project's folder. */
async function typedAsNode(args: string[]) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, ['bin/splits.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the command line's words", () => {
  const world = useWorld();

  it(
    'a usage mistake is one line with the near word and the help to read, in the form typed',
    async () => {
      const command = await runCli(['stauts'], {});
      expect(command.code).toBe(2);
      expect(command.stderr).toBe('splits: unknown command "stauts". Did you mean status? See `splits help`.\n');
      const option = await runCli(['sync', '--ful'], {});
      expect(option.code).toBe(2);
      expect(option.stderr).toBe(
        'splits: unknown option "--ful" for `splits sync`. Did you mean --full? See `splits help sync`.\n',
      );
      const missing = await runCli(['sync', '--athlete'], {});
      expect(missing.stderr).toBe('splits: --athlete needs a value. See `splits help sync`.\n');
      // Nothing near: no guess.
      const far = await runCli(['export', '--colour', 'red'], {});
      expect(far.stderr).toBe('splits: unknown option "--colour" for `splits export`. See `splits help export`.\n');
      // Typed as `node bin/splits.js`: quoted so.
      const node = await typedAsNode(['forget']);
      expect(node.code).toBe(2);
      expect(node.stderr).toBe('splits: `node bin/splits.js forget` needs ID. See `node bin/splits.js help forget`.\n');
      // As `npm run --silent splits --` (npm names the script it runs).
      const npm = await runCli(['synk'], { npm_lifecycle_event: 'splits' });
      expect(npm.stderr).toBe(
        'splits: unknown command "synk". Did you mean sync? See `npm run --silent splits -- help`.\n',
      );
      expect(bin).toMatch(/splits\.js$/);
    },
    LONG,
  );

  it(
    'a word every object answers to (constructor, toString, __proto__) is no command: refused in one line, no help of its',
    async () => {
      const w = await world();
      for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        // It ran as `history` and exited 0 (constructor), or took no argument as a command would.
        const run = await runCli([word], w.env);
        expect(run.code, word).toBe(2);
        expect(run.stderr).toBe(`splits: unknown command "${word}". See \`splits help\`.\n`);
        // Their help was Object's function, which no stream takes: a stack trace, exit 1.
        for (const args of [
          ['help', word],
          [word, '--help'],
        ]) {
          const help = await runCli(args, {});
          expect(help.code, args.join(' ')).toBe(args[0] === 'help' ? 0 : 2);
          if (args[0] === 'help') expect(help.stdout).toMatch(/^Usage: splits <command>/);
          expect(help.stderr).not.toMatch(/TypeError|at /);
        }
      }
    },
    LONG,
  );

  it('--version and version print the version package.json gives', async () => {
    for (const args of [['--version'], ['version'], ['--verbose', '--version']]) {
      const run = await runCli(args, {});
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toBe(`splits ${packageJson.version}\n`);
    }
  });

  it('STRAVA_API_URL that is not an address is named once', async () => {
    const run = await runCli(['status'], { STRAVA_API_URL: 'not-a-url', SPLITS_DATA_DIR: '/nonexistent/splits' });
    expect(run.code).toBe(2);
    expect(run.stderr.match(/STRAVA_API_URL/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/STRAVA_API_URL is "9 characters, not an address": a web address/);
  });

  it(
    'a login needed is a sentence with the login command, in status, the sync line and history',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      w.sim.revokeAccess(1001);
      const sync = await runCli(['sync', '--no-details', '--no-tracks'], w.env);
      expect(sync.code).toBe(3);
      expect(sync.stdout).toMatch(/^Athlete 1001 needs a new login: .*Log in again with `splits login`/);
      const status = await runCli(['status'], w.env);
      expect(status.stdout).toMatch(/ {2}1001 .* needs a new login: .*Log in again with `splits login`/);
      const history = await runCli(['history'], w.env);
      expect(history.stdout).toMatch(/athlete 1001 {2}needs a new login: .*\(.*Log in again with `splits login`/);
      for (const out of [sync.stdout, status.stdout, history.stdout])
        expect(out).not.toMatch(/needs-login|NEEDS LOGIN/);
    },
    LONG,
  );

  it(
    'a busy folder names the command holding it; status after a stopped sync says when and what it kept; Ctrl-C on watch exits 130',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      // The second page never answers: the sync holds the folder until it is stopped.
      w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=2(&|$)/ });
      const sync = startCli(['sync', '--per-page', '10', '--no-details', '--no-tracks'], w.env);
      await until('page 2 asked', () => listed(w, '2'), sync);
      const busy = await runCli(['status'], w.env);
      expect(busy.code).toBe(0); // reading needs no lock
      const second = await runCli(['sync'], w.env);
      expect(second.code).toBe(7);
      expect(second.stderr).toBe(
        `splits: Another Splits (\`splits sync\`, process ${sync.child.pid}) is syncing this data folder. Wait for it to finish, or stop it. Or run again with --wait to wait for it (exit 7).\n`,
      );
      sync.child.kill('SIGINT');
      expect(await sync.exit).toBe(130);
      const status = await runCli(['status'], w.env);
      expect(status.stdout).toMatch(
        /1001 .* connected {2}10 activities, last sync never completed; the sync at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ stopped \(10 received, 10 new, kept\)\n/,
      );
      expect(status.stdout).not.toMatch(/last sync never\b(?! completed)/);

      const watch = startCli(['watch'], w.env);
      await until('the first turn', () => /Next sync at/.test(watch.stdout()), watch);
      watch.child.kill('SIGINT');
      expect(await watch.exit).toBe(130);
      // The complete sync is now the last one.
      expect((await runCli(['status'], w.env)).stdout).toMatch(/30 activities, last sync \d{4}-\S+Z\n/);
    },
    LONG,
  );

  it(
    'a folder the desktop app is syncing is said to be the desktop app',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      // Retried 10 times, each given up after 2 s (the core's time-out here): the app holds the folder for 20 s at least
      // on a page that never answers, time enough for a loaded machine to start the CLI.
      w.env.SPLITS_MAX_RETRIES = '10';
      const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
      try {
        // The first page never answers, nor its retries, until the sync is cancelled.
        w.sim.injectFault({ kind: 'hang', times: 20, path: /[?&]page=1(&|$)/ });
        const syncing = app.services.engine.sync({ trigger: 'manual' });
        await until('page 1 asked', () => listed(w, '1'));
        const busy = await runCli(['sync'], w.env);
        expect(busy.code, busy.stdout + busy.stderr).toBe(7);
        expect(busy.stderr).toMatch(
          new RegExp(
            `^splits: Another Splits \\(the desktop app, process ${process.pid}\\) is syncing this data folder\\.`,
          ),
        );
        await app.services.engine.cancel();
        await syncing;
      } finally {
        await app.close();
      }
    },
    LONG,
  );
});
