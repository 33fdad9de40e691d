// Links in the data folder are never followed: a link where Splits keeps a file or folder of its own is set aside (the
// link itself moved), what it points to is neither read nor changed (bytes and mode), and no report quotes a file's
// content. Real files, real symlinks.
import { watch } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../../main/cli/data-folder';
import { AtomicJsonFile } from '../../../main/store/atomic-json-file';
import type { StoreProblem } from '../../../main/store/json-document';
import { ScanSeenLog } from '../../../main/store/scan-seen-log';
import { SplitsStore } from '../../../main/store/splits-store';
import { TokenFile } from '../../../main/vault/token-file';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-links-');

/** What another application keeps outside the data folder, at its own mode: it must stay byte for byte, mode and all. */
interface Outside {
  path: string;
  text: string;
  mode: number;
}

async function outsideFile(name: string, text: string, mode = 0o644): Promise<Outside> {
  const path = join(await freshDir(), name);
  await writeFile(path, text);
  await chmod(path, mode);
  return { path, text, mode };
}

async function expectUntouched(file: Outside): Promise<void> {
  expect(await readFile(file.path, 'utf8'), file.path).toBe(file.text);
  expect((await stat(file.path)).mode & 0o7777, file.path).toBe(file.mode);
}

/** The link was moved aside as a damaged file is, and still points where it did. */
async function expectSetAside(problem: StoreProblem | undefined, file: string, target: string): Promise<void> {
  expect(problem).toMatchObject({
    file,
    movedTo: expect.stringContaining('.corrupt-'),
    reason: expect.stringMatching(/link, which Splits never follows/),
  });
  expect((await lstat(problem!.movedTo)).isSymbolicLink()).toBe(true);
  expect(await readlink(problem!.movedTo)).toBe(target);
}

const ride = (id: number, start: string, name: string) => ({
  id,
  name,
  sport_type: 'Ride',
  start_date: start,
  distance: 1000,
});
const yearFile = (activities: Array<ReturnType<typeof ride>>) =>
  JSON.stringify({ version: 1, activities: Object.fromEntries(activities.map((a) => [String(a.id), a])) });

describe('a link in place of a store file', () => {
  it('a year file: set aside, never read (even when it holds a good year), and a flush writes a file of its own', async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(years, { recursive: true });
    const good = await outsideFile(
      'someone-elses-2020.json',
      yearFile([ride(7, '2020-05-01T07:00:00Z', 'Ride through the link')]),
    );
    const script = await outsideFile('deploy.sh', '#!/bin/sh\nexport API_TOKEN=hunter2-do-not-show\n', 0o755);
    await symlink(good.path, join(years, '2020.json'));
    await symlink(script.path, join(years, '2021.json'));

    const store = await SplitsStore.open(dir);
    const activities = await store.activities(1001);
    await expectUntouched(good);
    await expectUntouched(script);
    expect(activities.count).toBe(0);
    const byFile = (name: string) => store.problems.find((p) => p.file === join(years, name));
    await expectSetAside(byFile('2020.json'), join(years, '2020.json'), good.path);
    await expectSetAside(byFile('2021.json'), join(years, '2021.json'), script.path);
    expect(JSON.stringify(store.problems)).not.toMatch(/hunter2|API_TOKEN|#!|Ride through/);
    // What the link stood for comes back from Strava: the athlete owes a full scan.
    expect(activities.lostData).toBe(true);
    expect(store.syncState.get(1001).lastFullScanAt).toBeNull();

    await activities.upsert(ride(8, '2020-06-01T07:00:00Z', 'Stored here'));
    await activities.flush();
    expect((await lstat(join(years, '2020.json'))).isFile()).toBe(true);
    // Another application writing its file (which the link set aside still points to) is not a change of ours.
    await writeFile(good.path, good.text);
    await chmod(good.path, good.mode);
    expect(await activities.changedOnDisk()).toBe(false);
    await expectUntouched(good);
    await expectUntouched(script);
  });

  it('accounts.json and the token file (shared documents): set aside at open, written afresh at a change, the target untouched', async () => {
    const dir = await freshDir();
    const accounts = await outsideFile(
      'accounts.json',
      JSON.stringify({
        version: 1,
        accounts: [
          {
            athleteId: 4242,
            name: 'Linked Athlete',
            scope: 'read',
            state: 'connected',
            stateMessage: null,
            connectedAt: 1,
          },
        ],
      }),
    );
    const tokens = await outsideFile(
      'tokens.json',
      JSON.stringify({
        version: 2,
        tokens: { '4242': { accessToken: 'acc-not-ours', refreshToken: 'ref-not-ours', expiresAt: 9 } },
        client: null,
      }),
      0o640,
    );
    await symlink(accounts.path, join(dir, 'accounts.json'));
    await symlink(tokens.path, join(dir, 'cli-tokens.json'));

    const store = await SplitsStore.open(dir);
    expect(store.accounts.list()).toEqual([]);
    await expectSetAside(
      store.problems.find((p) => p.file === join(dir, 'accounts.json')),
      join(dir, 'accounts.json'),
      accounts.path,
    );
    const problems: StoreProblem[] = [];
    const vault = await TokenFile.open(dir, (p) => problems.push(p));
    expect(await vault.get(4242)).toBeNull();
    await expectSetAside(problems[0], join(dir, 'cli-tokens.json'), tokens.path);

    await store.accounts.save({
      athleteId: 1001,
      name: 'Ada',
      scope: 'read',
      state: 'connected',
      stateMessage: null,
      connectedAt: 2,
    });
    await vault.set(1001, { accessToken: 'a', refreshToken: 'r', expiresAt: 1 });
    for (const name of ['accounts.json', 'cli-tokens.json']) {
      const info = await lstat(join(dir, name));
      expect(info.isFile(), name).toBe(true);
      expect(info.mode & 0o777, name).toBe(0o600);
    }
    await expectUntouched(accounts);
    await expectUntouched(tokens);
  });

  it('a link made after the open is not written through: the write replaces the link, never its target', async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const other = await outsideFile('history.json', '{"keep":"me"}');
    await symlink(other.path, join(dir, 'history.json'));
    await store.history.record({
      startedAt: 1,
      endedAt: 2,
      trigger: 'cli',
      athleteId: 1,
      mode: 'incremental',
      outcome: 'ok',
      syncedCount: 0,
      newCount: 0,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      requests: 1,
      error: null,
    });
    expect((await lstat(join(dir, 'history.json'))).isFile()).toBe(true);
    await expectUntouched(other);
  });

  it("the rate limiter's fresh read does not follow a link to another state", async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const counters = { limit15: 200, limitDay: 2000, used15: 199, usedDay: 1999 };
    const state = { version: 1, state: { quarter: 1, day: 1, overall: counters, read: counters, clockOffsetMs: 0 } };
    const other = await outsideFile('rate-limit.json', JSON.stringify(state));
    await symlink(other.path, join(dir, 'rate-limit.json'));
    expect(await store.limiterState.loadFresh!()).toBeNull();
    await expectUntouched(other);
  });

  it('a temp file name a link holds is skipped, never written through', async () => {
    const dir = await freshDir();
    const target = await outsideFile('precious.txt', 'not to be overwritten\n');
    const file = new AtomicJsonFile<{ version: number }>(join(dir, 'doc.json'), null);
    // The next temp file's number, from the name the first write used.
    const names: string[] = [];
    const watcher = watch(dir, (_event, name) => name && names.push(name));
    await file.write({ version: 1 });
    await new Promise((r) => setTimeout(r, 50));
    watcher.close();
    const used = Math.max(...names.map((n) => Number(/\.(\d+)\.tmp$/.exec(n)?.[1] ?? -1)));
    expect(used).toBeGreaterThanOrEqual(0);
    for (let n = used + 1; n <= used + 20; n++)
      await symlink(target.path, join(dir, `.doc.json.${process.pid}.${n}.tmp`));

    await file.write({ version: 2 });
    expect(JSON.parse(await readFile(join(dir, 'doc.json'), 'utf8'))).toEqual({ version: 2 });
    await expectUntouched(target);
  });

  it("a write command's probe never writes through a link at its name", async () => {
    const dir = await freshDir();
    const target = await outsideFile('precious.txt', 'not to be truncated\n');
    await symlink(target.path, join(dir, `.write-check-${process.pid}`));
    await checkDataFolder(dir, true);
    await expectUntouched(target);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("a link in place of a folder of Splits' own", () => {
  it("an athlete's folder: set aside, nothing in what it points to read or changed", async () => {
    const dir = await freshDir();
    const elsewhere = await freshDir();
    await writeFile(
      join(elsewhere, '2020.json'),
      yearFile([ride(7, '2020-05-01T07:00:00Z', 'Ride in another folder')]),
    );
    await chmod(elsewhere, 0o755);
    await mkdir(join(dir, 'activities'));
    await symlink(elsewhere, join(dir, 'activities', '1001'));

    const store = await SplitsStore.open(dir);
    const activities = await store.activities(1001);
    expect(activities.count).toBe(0);
    expect(activities.lostData).toBe(true);
    await expectSetAside(store.problems[0], join(dir, 'activities', '1001'), elsewhere);
    await activities.upsert(ride(8, '2021-05-01T07:00:00Z', 'Here'));
    await activities.flush();
    expect((await lstat(join(dir, 'activities', '1001'))).isDirectory()).toBe(true);
    expect(await readdir(elsewhere)).toEqual(['2020.json']);
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o755);
  });

  it('a tracks folder: its files are never swept as tracks of no activity', async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(years, { recursive: true });
    await writeFile(join(years, '2020.json'), yearFile([ride(7, '2020-05-01T07:00:00Z', 'Ride')]));
    const elsewhere = await freshDir();
    await writeFile(join(elsewhere, '999.json.gz'), "someone else's file of a like name");
    await symlink(elsewhere, join(years, 'tracks'));

    const store = await SplitsStore.open(dir);
    expect((await store.activities(1001)).count).toBe(1);
    expect(await readdir(elsewhere)).toEqual(['999.json.gz']);
    await expectSetAside(store.problems[0], join(years, 'tracks'), elsewhere);
  });

  it('the whole activities folder: set aside at open, and every connected athlete owes a full scan', async () => {
    const dir = await freshDir();
    const elsewhere = await freshDir();
    await mkdir(join(elsewhere, '1001'));
    await writeFile(join(elsewhere, '1001', '2020.json'), yearFile([ride(7, '2020-05-01T07:00:00Z', 'Ride')]));
    await symlink(elsewhere, join(dir, 'activities'));
    // An account and a finished scan, as a store that synced before would have them.
    await writeFile(
      join(dir, 'accounts.json'),
      JSON.stringify({
        version: 1,
        accounts: [
          {
            athleteId: 1001,
            name: 'Ada',
            scope: 'read,activity:read_all',
            state: 'connected',
            stateMessage: null,
            connectedAt: 1,
          },
        ],
      }),
    );
    await writeFile(
      join(dir, 'sync-state.json'),
      JSON.stringify({
        version: 3,
        athletes: { '1001': { lastSyncAt: 5, lastFullScanAt: 5, fullScan: null, detailUnavailable: [] } },
      }),
    );

    const store = await SplitsStore.open(dir);
    await expectSetAside(store.problems[0], join(dir, 'activities'), elsewhere);
    expect(store.syncState.get(1001).lastFullScanAt).toBeNull();
    expect((await store.activities(1001)).count).toBe(0);
    expect(await readdir(join(elsewhere, '1001'))).toEqual(['2020.json']);
  });

  it("a scan's log and its folder: set aside, never read or appended to through the link", async () => {
    const dir = await freshDir();
    const ids = await outsideFile('ids.txt', '\n1\n2\n3\n');
    await mkdir(join(dir, 'scan'));
    await symlink(ids.path, join(dir, 'scan', '1001.seen'));
    const log = ScanSeenLog.for(dir, 1001, null);
    expect(await log.read()).toEqual(new Set());
    expect((await readdir(join(dir, 'scan'))).filter((n) => n.startsWith('1001.seen.corrupt-'))).toHaveLength(1);
    await symlink(ids.path, join(dir, 'scan', '1001.seen'));
    await log.append([7, 8]);
    expect(await log.read()).toEqual(new Set([7, 8]));
    await expectUntouched(ids);

    const elsewhere = await freshDir();
    const other = await freshDir();
    await symlink(elsewhere, join(other, 'scan'));
    const store = await SplitsStore.open(other);
    await expectSetAside(store.problems[0], join(other, 'scan'), elsewhere);
    await ScanSeenLog.for(other, 1001, null).append([9]);
    expect(await readdir(elsewhere)).toEqual([]);
  });
});

describe('a report never quotes what a file holds', () => {
  it('not JSON, a key of its own, a record keyed by something that is not an id', async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(years, { recursive: true });
    await writeFile(join(dir, 'history.json'), 'password=hunter2-history and more');
    await writeFile(
      join(dir, 'sync-state.json'),
      JSON.stringify({ version: 3, athletes: { sk_live_SYNCSTATE: { lastSyncAt: 'x' } } }),
    );
    await writeFile(
      join(years, '2020.json'),
      JSON.stringify({ version: 1, activities: { sk_live_YEARKEY: { id: 1 } } }),
    );
    const store = await SplitsStore.open(dir);
    await store.activities(1001);
    const reasons = Object.fromEntries(store.problems.map((p) => [p.file.slice(dir.length + 1), p.reason]));
    expect(reasons).toEqual({
      'history.json': 'not valid JSON',
      'sync-state.json': expect.stringMatching(/^invalid: athletes\.\*\.lastSyncAt Invalid input/),
      'activities/1001/2020.json': 'invalid: activities.*.id',
    });
    expect(JSON.stringify(store.problems)).not.toMatch(/hunter2|password|sk_live/);
    // Ids, and the schema's own names, are shown.
    await writeFile(
      join(dir, 'sync-state.json'),
      JSON.stringify({ version: 3, athletes: { '1001': { lastSyncAt: 'x' } } }),
    );
    expect((await SplitsStore.open(dir)).problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/^invalid: athletes\.1001\.lastSyncAt Invalid input/),
    ]);
  });
});
