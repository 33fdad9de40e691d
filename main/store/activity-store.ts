import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { detailedActivitySchema, summaryActivitySchema, type DetailedActivity, type SummaryActivity } from '../strava/schemas';
import type { AtomicJsonFile } from './atomic-json-file';
import { openDocument, type DocumentSpec, type ProblemReporter } from './json-document';

// Activities live in one file per athlete and year of start, details in a twin file: a page of 200 touches one or two
// years, so a sync rewrites only those, and adding one activity rewrites one year, never the whole history.

const yearFileSchema = z.object({ version: z.literal(1), activities: z.record(z.string(), summaryActivitySchema) });
const detailFileSchema = z.object({ version: z.literal(1), details: z.record(z.string(), detailedActivitySchema) });
type YearFile = z.infer<typeof yearFileSchema>;
type DetailFile = z.infer<typeof detailFileSchema>;
const YEAR_SPEC: DocumentSpec<YearFile> = { schema: yearFileSchema, version: 1, empty: () => ({ version: 1, activities: {} }) };
const DETAIL_SPEC: DocumentSpec<DetailFile> = { schema: detailFileSchema, version: 1, empty: () => ({ version: 1, details: {} }) };

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

const yearOf = (a: { start_date: string }): number => Number(a.start_date.slice(0, 4));

/** One athlete's activities, all in memory, written back by year. */
export class AthleteActivities {
  private readonly byId = new Map<number, SummaryActivity>();
  private readonly detailIds = new Set<number>();
  private readonly years = new Map<number, Low<YearFile>>();
  private readonly detailYears = new Map<number, Low<DetailFile>>();
  private readonly dirty = new Set<Low<YearFile> | Low<DetailFile>>();
  /** True when a file was unreadable at open: the next sync must list everything again. */
  lostData = false;
  /** Each file as this copy last read or wrote it (size and mtime), to tell whether another process wrote since. */
  private signatures = new Map<string, string>();

  private constructor(
    readonly athleteId: number,
    private readonly dir: string,
    private readonly report: ProblemReporter,
  ) {}

  static async open(dataDir: string, athleteId: number, report: ProblemReporter): Promise<AthleteActivities> {
    const store = new AthleteActivities(athleteId, join(dataDir, 'activities', String(athleteId)), report);
    await store.load();
    store.signatures = await store.readSignatures();
    return store;
  }

  /** Whether another process wrote this athlete's files since this copy read or wrote them. */
  async changedOnDisk(): Promise<boolean> {
    const now = await this.readSignatures();
    return now.size !== this.signatures.size || [...now].some(([name, sig]) => this.signatures.get(name) !== sig);
  }

  private async readSignatures(): Promise<Map<string, string>> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
    return new Map(await Promise.all(names.map(async (n) => [n, await signature(join(this.dir, n))] as const)));
  }

  private async load(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const noteLoss: ProblemReporter = (p) => {
      this.lostData = true;
      this.report(p);
    };
    for (const name of names) {
      const summary = /^(\d{4})\.json$/.exec(name);
      const detail = /^(\d{4})\.details\.json$/.exec(name);
      if (summary) {
        const doc = await openDocument(join(this.dir, name), YEAR_SPEC, noteLoss);
        this.years.set(Number(summary[1]), doc);
        for (const a of Object.values(doc.data.activities)) this.byId.set(a.id, a);
      } else if (detail) {
        const doc = await openDocument(join(this.dir, name), DETAIL_SPEC, this.report);
        this.detailYears.set(Number(detail[1]), doc);
      }
    }
    // A detail only counts while its summary is here and from the same year file.
    for (const [year, doc] of this.detailYears) {
      for (const d of Object.values(doc.data.details)) {
        const s = this.byId.get(d.id);
        if (s && yearOf(s) === year) this.detailIds.add(d.id);
      }
    }
  }

  get count(): number {
    return this.byId.size;
  }

  get(id: number): SummaryActivity | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<SummaryActivity> {
    return this.byId.values();
  }

  ids(): number[] {
    return [...this.byId.keys()];
  }

  /** Latest start_date stored, epoch seconds; null when empty. */
  newestStart(): number | null {
    let newest: number | null = null;
    for (const a of this.byId.values()) {
      const t = Date.parse(a.start_date) / 1000;
      if (newest === null || t > newest) newest = t;
    }
    return newest;
  }

  hasDetail(id: number): boolean {
    return this.detailIds.has(id);
  }

  async detail(id: number): Promise<DetailedActivity | undefined> {
    const s = this.byId.get(id);
    if (!s || !this.detailIds.has(id)) return undefined;
    return this.detailYears.get(yearOf(s))?.data.details[String(id)];
  }

  /** Stores Strava's object as received. A changed summary drops its detail, so the backfill fetches it afresh. */
  async upsert(activity: SummaryActivity): Promise<UpsertOutcome> {
    const old = this.byId.get(activity.id);
    if (old && isDeepStrictEqual(old, activity)) return 'unchanged';
    if (old) await this.remove(activity.id);
    const doc = await this.yearDoc(yearOf(activity));
    doc.data.activities[String(activity.id)] = activity;
    this.byId.set(activity.id, activity);
    this.dirty.add(doc);
    return old ? 'updated' : 'new';
  }

  async setDetail(detail: DetailedActivity): Promise<void> {
    const s = this.byId.get(detail.id);
    if (!s) return;
    const doc = await this.detailDoc(yearOf(s));
    doc.data.details[String(detail.id)] = detail;
    this.detailIds.add(detail.id);
    this.dirty.add(doc);
  }

  async remove(id: number): Promise<boolean> {
    const s = this.byId.get(id);
    if (!s) return false;
    const year = yearOf(s);
    const doc = this.years.get(year);
    if (doc) {
      delete doc.data.activities[String(id)];
      this.dirty.add(doc);
    }
    const details = this.detailYears.get(year);
    if (details && String(id) in details.data.details) {
      delete details.data.details[String(id)];
      this.dirty.add(details);
    }
    this.byId.delete(id);
    this.detailIds.delete(id);
    return true;
  }

  /** Writes the year files that changed since the last flush, and only those. Returns how many were written. */
  async flush(): Promise<number> {
    const docs = [...this.dirty];
    this.dirty.clear();
    await Promise.all(docs.map((d) => d.write()));
    // Only the files just written changed: stat those, not the whole folder.
    for (const doc of docs) {
      const path = (doc.adapter as AtomicJsonFile<unknown>).path;
      this.signatures.set(basename(path), await signature(path));
    }
    return docs.length;
  }

  private async yearDoc(year: number): Promise<Low<YearFile>> {
    let doc = this.years.get(year);
    if (!doc) {
      doc = await openDocument(join(this.dir, `${year}.json`), YEAR_SPEC, this.report);
      this.years.set(year, doc);
    }
    return doc;
  }

  private async detailDoc(year: number): Promise<Low<DetailFile>> {
    let doc = this.detailYears.get(year);
    if (!doc) {
      doc = await openDocument(join(this.dir, `${year}.details.json`), DETAIL_SPEC, this.report);
      this.detailYears.set(year, doc);
    }
    return doc;
  }
}

async function signature(path: string): Promise<string> {
  const s = await stat(path).catch(() => null);
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}
