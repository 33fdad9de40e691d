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
      await committer.pageDone(
        i + 1,
        rows.map((r) => r.id),
        new Set(rows.map((r) => Number(r.start_date.slice(0, 4)))),
      );
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
      await committer.pageDone(
        i + 1,
        rows.map((r) => r.id),
        new Set(rows.map((r) => Number(r.start_date.slice(0, 4)))),
      );
    }
    // 2026 closed at page 6 and was written; 2025 is still open, so the position stays at page 5.
    expect(commits).toEqual([5]);
    await committer.commit(null);
    expect(commits).toEqual([5, 7]);
    expect((await AthleteActivities.open(dir, 1001, () => undefined, null)).count).toBe(60);
  });
});
