import { basename } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AtomicJsonFile } from '../../../main/store/atomic-json-file';
import { AthleteActivities } from '../../../main/store/activity-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { PageCommitter } from '../../../main/sync/page-committer';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-committer-');

/** Ten activities a page, newest first, in the years given for each page. */
function pages(yearsOfPages: number[][]): SummaryActivity[][] {
  let id = 1;
  return yearsOfPages.map((years) =>
    Array.from({ length: 10 }, (_, i) => {
      const year = years[Math.floor((i * years.length) / 10)]!;
      return { id: id++, name: `Run ${id}`, start_date: `${year}-06-01T07:00:00Z` } as SummaryActivity;
    }),
  );
}

/** One page listed, its rows stored in memory already: told to the committer with the years they touched. */
function pageDone(committer: PageCommitter, page: number, rows: SummaryActivity[]): Promise<void> {
  return committer.pageDone(
    page,
    rows.map((r) => r.id),
    new Set(rows.map((r) => Number(r.start_date.slice(0, 4)))),
  );
}

describe('when listed pages are written, and the position saved', () => {
  it('never saves a position past a page whose rows are not on disk, and writes each closed year once', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([
      [2026],
      [2026],
      [2026, 2025],
      [2025],
      [2025],
      [2025, 2024],
      [2024],
      [2024],
      [2024, 2023],
      [2023],
      [2023],
    ]);
    const commits: Array<{ next: number; ids: number[] }> = [];
    // Every write of a year file, by name.
    const writes = new Map<string, number>();
    const write = AtomicJsonFile.prototype.write;
    AtomicJsonFile.prototype.write = function (this: AtomicJsonFile<unknown>, ...args: Parameters<typeof write>) {
      const name = basename(this.path);
      writes.set(name, (writes.get(name) ?? 0) + 1);
      return write.apply(this, args);
    };
    onTestFinished(() => void (AtomicJsonFile.prototype.write = write));
    const committer = new PageCommitter(activities, async (next, ids) => {
      commits.push({ next, ids });
      // What a process started now would find on disk: every row before the saved position.
      const onDisk = await AthleteActivities.open(dir, 1001, () => undefined, null);
      for (const row of listed.slice(0, next - 1).flat())
        expect(onDisk.get(row.id), `page ${next - 1}, activity ${row.id}`).toBeDefined();
    });
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      await pageDone(committer, i + 1, rows);
    }
    await committer.commit(null);

    // Fewer commits than pages, the last one past every page, and every id handed over exactly once.
    expect(commits.length).toBeLessThan(listed.length / 2);
    expect(commits.at(-1)!.next).toBe(listed.length + 1);
    expect(commits.flatMap((c) => c.ids).sort((a, b) => a - b)).toEqual(listed.flat().map((a) => a.id));
    // The saved position only moves forward.
    expect(commits.map((c) => c.next)).toEqual([...commits.map((c) => c.next)].sort((a, b) => a - b));
    const reopened = await AthleteActivities.open(dir, 1001, () => undefined, null);
    expect(reopened.count).toBe(110);
    // A year is written when the list has moved past it, not after each of its pages.
    expect([...writes.values()].every((n) => n <= 2)).toBe(true);
    expect([...writes.values()].reduce((a, b) => a + b)).toBeLessThan(listed.length);
  });

  it('a listing stopped midway (a limit, an error) still writes what it received, open years included', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026], [2026], [2026, 2025], [2025]]);
    const commits: number[] = [];
    const committer = new PageCommitter(activities, async (next) => void commits.push(next));
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      await pageDone(committer, i + 1, rows);
    }
    // 2026 closed at page 6 and was written (in the background); 2025 is still open, so that position stays at page
    // 5. The stop waits for it, then writes the open year.
    await committer.commit(null);
    expect(commits).toEqual([5, 7]);
    expect((await AthleteActivities.open(dir, 1001, () => undefined, null)).count).toBe(60);
  });

  it('goes on listing while a batch is written: the page that closes a year does not wait for its files', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026], [2026, 2025], [2025], [2025]]);
    let saved: (() => void) | null = null;
    const commits: number[] = [];
    // The position of the first batch is saved only when the test says so: as a slow disk would hold it.
    const committer = new PageCommitter(activities, async (next) => {
      if (commits.length === 0) await new Promise<void>((resolve) => (saved = resolve));
      commits.push(next);
    });
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      const page = pageDone(committer, i + 1, rows);
      // Page 4 closes nothing, page 5 closes 2026: its batch is on its way, and the listing is not held up by it.
      if (i + 1 === 5)
        expect(await Promise.race([page.then(() => 'listing goes on'), until(() => saved !== null)])).toBe(
          'listing goes on',
        );
      await page;
    }
    expect(commits).toEqual([]);
    // The stop writes the rest as soon as the batch in flight has its files on disk, while that batch's position is
    // still being saved (issue 20, item 12): every row reaches the disk (the test's time-out if not). Positions are
    // saved in order.
    const stopped = committer.commit(null);
    await until(() => saved !== null);
    while ((await AthleteActivities.open(dir, 1001, () => undefined, null)).count < 60)
      await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([]);
    saved!();
    await stopped;
    expect(commits).toEqual([4, 7]);
    expect((await AthleteActivities.open(dir, 1001, () => undefined, null)).count).toBe(60);
  });

  it('a position the batch before could not save goes again with the last batch, its ids handed over once', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026], [2026, 2025], [2025], [2025]]);
    let fail: (() => void) | null = null;
    const commits: Array<{ next: number; ids: number[] }> = [];
    const committer = new PageCommitter(activities, async (next, ids) => {
      if (fail === null) {
        await new Promise<void>((resolve) => (fail = resolve));
        throw new Error('the scan log could not be written');
      }
      commits.push({ next, ids });
    });
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      await pageDone(committer, i + 1, rows);
    }
    const stopped = committer.commit(7, true);
    await until(() => fail !== null);
    // The last batch is taken and its files written while the first one's save is still out; then that save fails.
    while ((await AthleteActivities.open(dir, 1001, () => undefined, null)).count < 60)
      await new Promise((resolve) => setImmediate(resolve));
    fail!();
    await stopped;
    expect(commits.map((c) => c.next)).toEqual([7]);
    expect(commits[0]!.ids.sort((a, b) => a - b)).toEqual(listed.flat().map((a) => a.id));
    expect((await AthleteActivities.open(dir, 1001, () => undefined, null)).count).toBe(60);
  });

  it('writes one flush at a time: the stop waits for the files of the batch in flight before it writes its own', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026], [2026, 2025], [2025], [2025]]);
    const flushes = watchFlushes(activities, { holdFirst: true });
    const committer = new PageCommitter(activities, async () => undefined);
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      await pageDone(committer, i + 1, rows);
    }
    const stopped = committer.commit(7, true);
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(flushes.started).toBe(1);
    flushes.release();
    await stopped;
    expect(flushes.started).toBe(2);
    expect(flushes.overlapped).toBe(false);
  });

  it('rows whose files failed while the batch before saved its position stay owed, and the next commit hands them over', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    // Ten pages make a batch of everything; the eleventh is a page of records set aside (ids, no years).
    const listed = pages(Array.from({ length: 10 }, () => [2026]));
    const flushes = watchFlushes(activities, { failSecond: true });
    let saved: (() => void) | null = null;
    const handed: number[][] = [];
    const committer = new PageCommitter(activities, async (_next, ids) => {
      if (saved === null) await new Promise<void>((resolve) => (saved = resolve));
      handed.push(ids);
    });
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      await pageDone(committer, i + 1, rows);
    }
    await committer.pageDone(11, [9001, 9002], new Set());
    const stopped = committer.commit(12, true).catch((error: unknown) => error);
    await until(() => flushes.started === 2 && saved !== null);
    await new Promise((resolve) => setImmediate(resolve));
    saved!(); // the batch before saves its position after the last files failed
    expect(await stopped).toBeInstanceOf(Error);
    await committer.commit(null);
    expect(handed.flat().sort((a, b) => a - b)).toEqual([...listed.flat().map((a) => a.id), 9001, 9002]);
  });

  it('a batch that fails stops the listing, and the next commit writes it, its ids handed over, its pages not passed', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026, 2025], [2025], [2025], [2025, 2024], [2024], [2024], [2024, 2023]]);
    const refused = new Error('the scan log could not be written');
    let failed = false;
    const commits: Array<{ next: number; ids: number[] }> = [];
    const committer = new PageCommitter(activities, async (next, ids) => {
      // The first save fails (a full disk, then space freed), as the scan's log append can.
      if (commits.length === 0 && !failed) {
        failed = true;
        throw refused;
      }
      commits.push({ next, ids });
      const onDisk = await AthleteActivities.open(dir, 1001, () => undefined, null);
      for (const row of listed.slice(0, next - 1).flat())
        expect(onDisk.get(row.id), `page ${next - 1}, activity ${row.id}`).toBeDefined();
    });
    let stoppedBy: unknown = null;
    let lastDone = 0;
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      try {
        await pageDone(committer, i + 1, rows);
        lastDone = i + 1;
      } catch (error) {
        // What listPages does: the listing stops, and its finally commits what it received.
        stoppedBy = error;
        lastDone = i + 1;
        break;
      }
      // Page 4 closed 2026: its batch fails before page 5 comes (a page takes the network's time).
      if (i + 1 === 4) {
        await until(() => failed);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await committer.commit(null);
    expect(stoppedBy).toBe(refused);
    expect(lastDone).toBe(5);
    // Every id of the pages done handed over once, the failed batch's included, and the position past the last one.
    expect(commits.flatMap((c) => c.ids).sort((a, b) => a - b)).toEqual(
      listed
        .slice(0, lastDone)
        .flat()
        .map((a) => a.id),
    );
    expect(commits.at(-1)!.next).toBe(lastDone + 1);
  });

  it('while a batch is written, the batches due wait for it without holding the listing up, until 20 pages wait', async () => {
    const dir = await freshDir();
    const activities = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const listed = pages([[2026], [2026], [2026], [2026, 2025], ...Array.from({ length: 22 }, () => [2025])]);
    let release: (() => void) | null = null;
    const commits: number[] = [];
    // The first batch's position waits until the test says so: a disk much slower than the list.
    const committer = new PageCommitter(activities, async (next) => {
      if (commits.length === 0 && release === null) await new Promise<void>((resolve) => (release = resolve));
      commits.push(next);
    });
    const heldUp: number[] = [];
    const done: Array<Promise<void>> = [];
    for (const [i, rows] of listed.entries()) {
      for (const row of rows) await activities.upsert(row);
      const page = pageDone(committer, i + 1, rows);
      done.push(page);
      // Microtasks all run before the next turn of the event loop: a page not done by then waits for the disk.
      const turn = new Promise<string>((resolve) => setImmediate(() => resolve('held up')));
      if ((await Promise.race([page.then(() => 'done'), turn])) === 'held up') heldUp.push(i + 1);
      if (heldUp.length > 0) break;
    }
    // Page 5 closed 2026 (the batch in flight); pages 15 and later were due, and went on; page 25 made 20 waiting.
    expect(heldUp).toEqual([25]);
    expect(commits).toEqual([]);
    await until(() => release !== null);
    release!();
    await Promise.all(done);
    await committer.commit(null);
    expect(commits).toEqual([4, 26]);
    expect((await AthleteActivities.open(dir, 1001, () => undefined, null)).count).toBe(250);
  });
});

/**
 * Counts the store's flushes and whether two ever ran at once; `holdFirst` holds the first until `release`, and
 * `failSecond` makes the second fail as a full disk would.
 */
function watchFlushes(activities: AthleteActivities, how: { holdFirst?: boolean; failSecond?: boolean }) {
  const flush = activities.flush.bind(activities);
  let running = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const watch = { started: 0, overlapped: false, release: () => release() };
  activities.flush = async (keepOpen) => {
    const call = ++watch.started;
    if (running++ > 0) watch.overlapped = true;
    try {
      if (call === 1 && how.holdFirst) await held;
      if (call === 2 && how.failSecond) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return await flush(keepOpen);
    } finally {
      running--;
    }
  };
  return watch;
}

/** Resolves 'waited for the disk' once `done()` holds, looking after each turn of the event loop. */
async function until(done: () => boolean): Promise<string> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
  return 'waited for the disk';
}
