import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AthleteActivities } from '../../../main/store/activity-store';
import { AtomicJsonFile, StoreFileUnreadableError } from '../../../main/store/atomic-json-file';
import { HistoryStore } from '../../../main/store/history-store';
import { SplitsStore } from '../../../main/store/splits-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { deadPid } from '../../support/dead-pid';
import { hasStrace, isRoot, runStoreChild } from '../../support/store-process';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-files-');

const activity = (id: number, start: string): SummaryActivity => ({
  id,
  name: `Ride ${id}`,
  sport_type: 'Ride',
  start_date: start,
  distance: 1000,
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('store files that cannot be read are errors, not corruption', () => {
  it('a folder in place of a document (EISDIR) is reported and left where it is', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'history.json'));
    const opening = HistoryStore.open(dir, () => undefined, null);
    await expect(opening).rejects.toBeInstanceOf(StoreFileUnreadableError);
    await expect(opening).rejects.toThrow(/cannot read .*history\.json \(EISDIR\)/);
    expect(await readdir(dir)).toEqual(['history.json']);
  });

  it("a folder in place of a year file fails the athlete's load and moves nothing aside", async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(join(years, '2020.json'), { recursive: true });
    const problems: unknown[] = [];
    await expect(AthleteActivities.open(dir, 1001, (p) => problems.push(p), null)).rejects.toMatchObject({
      code: 'EISDIR',
    });
    expect(problems).toEqual([]);
    expect(await readdir(years)).toEqual(['2020.json']);
  });

  it.skipIf(!isRoot)(
    'a file another user cannot read (EACCES) is reported to that user and left where it is',
    async () => {
      const dir = await freshDir();
      await chmod(dir, 0o777); // the other user may write the folder: only the file's mode stops it
      const history = join(dir, 'history.json');
      await writeFile(history, JSON.stringify({ version: 1, runs: [] }), { mode: 0o600 });
      const run = await runStoreChild(['open-history', dir], { uid: 65534 });
      expect(JSON.parse(run.stdout || '{}'), run.stderr).toMatchObject({
        error: 'StoreFileUnreadableError',
        code: 'EACCES',
        message: expect.stringMatching(/permission denied/),
      });
      expect(await readdir(dir)).toEqual(['history.json']);
    },
  );

  it('a file that is not JSON is still corrupt: moved aside and reported', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'history.json'), '{"version": 1, "runs": [');
    const problems: unknown[] = [];
    await HistoryStore.open(dir, (p) => problems.push(p), null);
    expect(problems).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.startsWith('history.corrupt-'))).toHaveLength(1);
  });
});

describe('atomic writes', () => {
  it.skipIf(!hasStrace)('flush the folder after the rename, so the rename itself survives a power cut', async () => {
    const dir = await freshDir();
    const trace = join(dir, 'trace');
    const run = await runStoreChild(['write-doc', join(dir, 'doc.json')], {
      wrap: ['strace', '-f', '-e', 'trace=openat,fsync,rename', '-o', trace],
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = (await readFile(trace, 'utf8')).split('\n');
    const renamed = lines.findIndex((l) => /rename\(.*\.doc\.json\.\d+\.0\.tmp", ".*\/doc\.json"\) = 0/.test(l));
    expect(renamed).toBeGreaterThan(-1);
    const after = lines.slice(renamed + 1);
    const folderOpen = after
      .map((l) => new RegExp(`openat\\(AT_FDCWD, "${dir}", .*\\) = (\\d+)`).exec(l))
      .find((m) => m !== null);
    expect(folderOpen, 'the folder is opened after the rename').toBeDefined();
    // (strace pads its columns, and may split a call over two lines when threads interleave.)
    expect(after.some((l) => new RegExp(`\\bfsync\\(${folderOpen![1]}\\)`).test(l) && !l.includes('= -1'))).toBe(true);
  });

  it.skipIf(!hasStrace)(
    'flush the parent of a folder a write made, so the new folder survives a power cut too',
    async () => {
      const dir = await freshDir();
      const trace = join(dir, 'trace');
      const run = await runStoreChild(['write-doc', join(dir, 'activities', '1001', '2026.json')], {
        wrap: ['strace', '-f', '-e', 'trace=openat,fsync,mkdir', '-o', trace],
      });
      expect(run.code, run.stderr).toBe(0);
      const lines = (await readFile(trace, 'utf8')).split('\n');
      const fsynced = (folder: string) => {
        const fds = lines
          .map((l) => new RegExp(`openat\\(AT_FDCWD, "${folder}", .*\\) = (\\d+)`).exec(l)?.[1])
          .filter((fd) => fd !== undefined);
        return fds.some((fd) => lines.some((l) => new RegExp(`\\bfsync\\(${fd}\\)`).test(l) && !l.includes('= -1')));
      };
      // activities/ and activities/1001/ were new: their entries are flushed in their parents.
      expect(fsynced(dir)).toBe(true);
      expect(fsynced(join(dir, 'activities'))).toBe(true);
    },
  );

  it('a folder removed by hand between two writes is made again by the next one (its parents flushed as at first)', async () => {
    const dir = await freshDir();
    const path = join(dir, 'activities', '1001', '2026.json');
    const file = new AtomicJsonFile<{ n: number }>(path, null);
    await file.write({ n: 1 });
    await rm(join(dir, 'activities'), { recursive: true });
    await file.write({ n: 2 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ n: 2 });
    expect(await modeOf(join(dir, 'activities', '1001'))).toBe(0o700);
    // A file in its place is not taken for a missing folder: the write fails, and says so.
    await rm(join(dir, 'activities'), { recursive: true });
    await writeFile(join(dir, 'activities'), 'not a folder');
    await expect(file.write({ n: 3 })).rejects.toThrow();
  });

  it("temp files left by killed writes are removed at open; a live writer's is kept", async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(years, { recursive: true });
    const dead = await deadPid();
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const deadTop = `.history.json.${dead}.0.tmp`;
      const liveTop = `.history.json.${live.pid}.3.tmp`;
      const deadYear = `.2020.json.${dead}.12.tmp`;
      const liveYear = `.2021.json.${live.pid}.4.tmp`;
      const oldYear = `.2022.json.${live.pid}.5.tmp`; // a live pid, but two minutes old: a reused pid's, not a write's
      for (const name of [deadTop, liveTop]) await writeFile(join(dir, name), '{"version":1,');
      for (const name of [deadYear, liveYear, oldYear]) await writeFile(join(years, name), '{"version":1,');
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await utimes(join(years, oldYear), twoMinutesAgo, twoMinutesAgo);

      const store = await SplitsStore.open(dir);
      await store.activities(1001);
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([liveTop]);
      expect((await readdir(years)).filter((n) => n.endsWith('.tmp'))).toEqual([liveYear]);
    } finally {
      live.kill('SIGKILL');
      await new Promise((r) => live.once('exit', r));
    }
  });
});

describe('personal data is private', () => {
  it('every file 0600 and every folder of its own 0700, including ones an earlier version left readable', async () => {
    const dir = await freshDir();
    const years = join(dir, 'activities', '1001');
    await mkdir(years, { recursive: true });
    for (const d of [dir, join(dir, 'activities'), years]) await chmod(d, 0o755);
    await writeFile(join(dir, 'history.json'), JSON.stringify({ version: 1, runs: [] }), { mode: 0o644 });
    await writeFile(
      join(years, '2020.json'),
      JSON.stringify({ version: 1, activities: { '7': activity(7, '2020-05-01T07:00:00Z') } }),
      { mode: 0o644 },
    );

    const store = await SplitsStore.open(dir);
    const activities = await store.activities(1001);
    expect(activities.count).toBe(1);
    for (const d of [join(dir, 'activities'), years]) expect(await modeOf(d), d).toBe(0o700);
    // The data folder was there before Splits: the person's, its mode theirs (one others could write to is refused:
    // data-folder.test.ts).
    expect(await modeOf(dir)).toBe(0o755);
    expect(await modeOf(join(dir, 'history.json'))).toBe(0o600);
    expect(await modeOf(join(years, '2020.json'))).toBe(0o600);

    // New files and folders are private from the start.
    const fresh = await SplitsStore.open(join(dir, 'new'));
    const other = await fresh.activities(2002);
    await other.upsert(activity(8, '2021-05-01T07:00:00Z'));
    await other.flush();
    await fresh.history.record({
      startedAt: 1,
      endedAt: 2,
      trigger: 'cli',
      athleteId: 2002,
      mode: 'full',
      outcome: 'ok',
      syncedCount: 1,
      newCount: 1,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      requests: 1,
      error: null,
    });
    for (const d of ['new', 'new/activities', 'new/activities/2002']) expect(await modeOf(join(dir, d)), d).toBe(0o700);
    for (const f of ['new/activities/2002/2021.json', 'new/history.json'])
      expect(await modeOf(join(dir, f)), f).toBe(0o600);
  });
});
