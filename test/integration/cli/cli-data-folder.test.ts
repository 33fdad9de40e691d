// The CLI on data folders it must not change: one other users can write to (refused, exit 2, left as it was), and links
// inside its own (set aside, never followed, nothing of what they point to shown). Real processes, real folders.
import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;
const freshDir = useTempDirs('splits-cli-folder-');

const fullMode = async (path: string) => (await stat(path)).mode & 0o7777;

async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)),
  );
}

describe('splits on a data folder it must not change', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });

  it(
    'refuses a 1777 folder (as /tmp) with exit 2 naming SPLITS_DATA_DIR, for reads and writes alike, and leaves it as it was',
    async () => {
      const w = await live();
      const shared = join(await freshDir(), 'shared');
      await mkdir(shared);
      await writeFile(join(shared, 'someone-else.txt'), "not Splits' file\n");
      await chmod(shared, 0o1777);
      const before = await contents(shared);
      const token = w.sim.grantTokens(1001).refresh_token;
      for (const args of [
        ['status'],
        ['activities'],
        ['history', '--json'],
        ['sync'],
        ['login', '--refresh-token', '-'],
      ]) {
        const run = await runCli(args, { ...w.env, SPLITS_DATA_DIR: shared }, { stdin: `${token}\n` });
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(
          /^splits: The data folder .*shared can be written to by other users \(mode 1777\)\. Splits keeps your Strava tokens and activities there, so it left the folder as it was and wrote nothing into it\. Set SPLITS_DATA_DIR to a folder of your own/,
        );
        // Shared on purpose (sticky): no advice to chmod it, which would break every other program that uses it.
        expect(run.stderr, args.join(' ')).not.toMatch(/chmod/);
        expect(run.stdout).toBe('');
        expect(await fullMode(shared), args.join(' ')).toBe(0o1777);
        expect(await contents(shared), args.join(' ')).toEqual(before);
      }
      // Nothing was sent to Strava for the login: the token was not spent.
      expect(w.sim.log.filter((e) => e.path.includes('/oauth/token'))).toEqual([]);
    },
    LONG,
  );

  it(
    'makes a new data folder 0700, each level of it, and leaves the folder above as it was',
    async () => {
      const w = await live();
      const parent = await freshDir();
      await chmod(parent, 0o755);
      // A command that writes makes it (one that only reads says none is there: cli-no-data-folder.test.ts).
      const run = await runCli(['sync'], { ...w.env, SPLITS_DATA_DIR: join(parent, 'new', 'data') });
      expect(run.stderr).not.toMatch(/data folder/);
      expect(await fullMode(join(parent, 'new'))).toBe(0o700);
      expect(await fullMode(join(parent, 'new', 'data'))).toBe(0o700);
      expect(await fullMode(parent)).toBe(0o755);
    },
    LONG,
  );
});

describe('splits never follows a link in its data folder', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });

  it(
    'activities: a year file that is a link is set aside, what it points to neither changed nor shown',
    async () => {
      const w = await live();
      const years = join(w.dataDir, 'activities', '1001');
      await mkdir(years, { recursive: true });
      await writeFile(
        join(years, '2022.json'),
        JSON.stringify({
          version: 1,
          activities: {
            '5': { id: 5, name: 'Stored ride', sport_type: 'Ride', start_date: '2022-03-01T07:00:00Z', distance: 1000 },
          },
        }),
      );
      const outside = await freshDir();
      const script = join(outside, 'deploy.sh');
      await writeFile(join(outside, 'deploy.sh'), '#!/bin/sh\nexport API_TOKEN=hunter2-never-shown\n', { mode: 0o644 });
      const otherYear = join(outside, 'year.json');
      await writeFile(
        otherYear,
        JSON.stringify({
          version: 1,
          activities: {
            '7': {
              id: 7,
              name: 'Ride through a link',
              sport_type: 'Ride',
              start_date: '2020-05-01T07:00:00Z',
              distance: 1,
            },
          },
        }),
        { mode: 0o644 },
      );
      await symlink(script, join(years, '2021.json'));
      await symlink(otherYear, join(years, '2020.json'));

      const run = await runCli(['activities', '--json'], w.env);
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ id: number }>).map((a) => a.id)).toEqual([5]);
      const said = run.stdout + run.stderr;
      expect(said).not.toMatch(/hunter2|API_TOKEN|#!|Ride through a link/);
      expect(run.stderr).toMatch(
        /2021\.json \(it is a link, which Splits never follows in its data folder: what it points to was neither read nor changed\)\. It was moved aside to .*2021\.corrupt-.*\.json; the next sync restores those Strava still has/,
      );
      for (const [file, mode] of [
        [script, 0o644],
        [otherYear, 0o644],
      ] as const)
        expect(await fullMode(file), file).toBe(mode);
      expect(await readFile(script, 'utf8')).toBe('#!/bin/sh\nexport API_TOKEN=hunter2-never-shown\n');
      const aside = (await readdir(years)).filter((n) => n.includes('.corrupt-'));
      expect(aside).toHaveLength(2);
      for (const name of aside) expect((await lstat(join(years, name))).isSymbolicLink(), name).toBe(true);
      expect(
        await readlink(
          join(
            years,
            aside.find((n) => n.startsWith('2021'))!,
          ),
        ),
      ).toBe(script);
    },
    LONG,
  );

  it(
    "sync: a tracks folder that is a link is set aside, and the words say what brings the tracks back: this sync fetches Strava's again, an archive's come back by importing it",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 6, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details'], w.env)).stdout).toMatch(/tracks: 6 fetched, 0 to go/);
      const tracks = join(w.dataDir, 'activities', '1001', 'tracks');
      const outside = await freshDir();
      await writeFile(join(outside, 'notes.txt'), 'not a track\n');
      await rm(tracks, { recursive: true });
      await symlink(outside, tracks);

      const run = await runCli(['sync', '--no-details'], w.env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(
        /tracks \(it is a link, .*\)\. It was moved aside to .*tracks\.corrupt-[^ ]+; the next syncs fetch the tracks from Strava again \(unless run with `--no-tracks`\); those an imported Strava archive had come back by importing it again \(`splits import`\)\.\n/,
      );
      expect(run.stderr).not.toMatch(/import your Strava archive again to restore the recorded tracks/);
      // What the words say is what happened: the sync that found the link fetched every track again.
      expect(run.stdout).toMatch(/tracks: 6 fetched, 0 to go/);
      expect((await readdir(tracks)).filter((n) => /^\d+\.json\.gz$/.test(n))).toHaveLength(6);
      expect(await readdir(outside)).toEqual(['notes.txt']);
    },
    LONG,
  );

  it(
    'status: accounts.json that is a link is set aside, the athletes it names neither shown nor written to',
    async () => {
      const w = await live();
      const outside = join(await freshDir(), 'accounts.json');
      const text = JSON.stringify({
        version: 1,
        accounts: [
          {
            athleteId: 7317,
            name: 'Linked Stranger',
            scope: 'read',
            state: 'connected',
            stateMessage: null,
            connectedAt: 1,
          },
        ],
      });
      await writeFile(outside, text, { mode: 0o664 });
      await chmod(outside, 0o664);
      await symlink(outside, join(w.dataDir, 'accounts.json'));

      const run = await runCli(['status'], w.env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/Linked Stranger|7317/);
      expect(run.stderr).toMatch(
        /accounts\.json \(it is a link, .*\)\. It was moved aside to .*accounts\.corrupt-.*\.json; the list of connected athletes is gone/,
      );
      expect(await readFile(outside, 'utf8')).toBe(text);
      expect(await fullMode(outside)).toBe(0o664);
      expect(await readdir(w.dataDir)).not.toContain('accounts.json');
    },
    LONG,
  );
});
