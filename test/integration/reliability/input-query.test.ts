import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityQuery } from '../../../common/activity-query';
import { queryActivities, toRow } from '../../../main/store/activity-query';
import { AthleteActivities } from '../../../main/store/activity-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-query-');

const ATHLETES = [1001, 1002];
const SPORTS = ['Run', 'Ride', 'Swim', 'TrailRun', 'Workout'];
// Names where folding matters: accents, case, and the empty name.
const nameArb = fc.oneof(
  fc.constantFrom('Morning Run', 'Évening ride', 'EVENING RIDE', 'café loop', 'Cafe Loop', '', 'Zürich 10k', 'a'),
  fc.string({ maxLength: 12 }),
);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const activityArb = fc
  .record({
    name: nameArb,
    sport: fc.option(fc.constantFrom(...SPORTS), { nil: undefined }),
    type: fc.option(fc.constantFrom(...SPORTS), { nil: undefined }),
    start: fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2026, 11, 31) }),
    // The local start is the athlete's wall clock: up to 14 hours either side of UTC, or absent.
    offsetH: fc.option(fc.integer({ min: -14, max: 14 }), { nil: undefined }),
    distance: fc.option(fc.constantFrom(0, 5000, 5000.5, 10_000, 42_195), { nil: null }),
    moving: fc.option(
      fc.integer({ min: 0, max: 4 }).map((n) => n * 900),
      { nil: null },
    ),
    elevation: fc.option(fc.constantFrom(0, 12.5, 100, 1000), { nil: undefined }),
  })
  .map((r) => ({
    name: r.name,
    ...(r.sport ? { sport_type: r.sport } : {}),
    ...(r.type ? { type: r.type } : {}),
    start_date: iso(r.start),
    ...(r.offsetH !== undefined ? { start_date_local: iso(r.start + r.offsetH * 3600_000) } : {}),
    distance: r.distance,
    moving_time: r.moving,
    ...(r.elevation !== undefined ? { total_elevation_gain: r.elevation } : {}),
  }));

/** Mostly absent, sometimes given: a query with every filter at once matches nothing, and proves little. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const queryArb: fc.Arbitrary<ActivityQuery> = fc
  .record({
    page: sometimes(fc.integer({ min: 1, max: 6 })),
    pageSize: sometimes(fc.constantFrom(1, 2, 3, 7, 50, 500)),
    sort: sometimes(fc.constantFrom('start_date', 'distance', 'moving_time', 'elevation', 'name')),
    direction: sometimes(fc.constantFrom('asc', 'desc')),
    athleteId: sometimes(fc.constantFrom(...ATHLETES, 4242)),
    sportTypes: sometimes(fc.array(fc.constantFrom(...SPORTS, 'Kitesurf'), { maxLength: 3 })),
    from: sometimes(fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2024, 0, 1) })),
    to: sometimes(fc.integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2027, 0, 1) })),
    search: sometimes(
      fc.oneof(fc.constantFrom('run', 'CAFE', ' ride ', 'zurich', 'é', 'a', ''), fc.string({ maxLength: 2 })),
    ),
  })
  .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as ActivityQuery);

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Op =
  | { op: 'query'; q: ActivityQuery }
  | { op: 'upsert'; athlete: number; id: number; a: Generated<typeof activityArb> }
  | { op: 'remove'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: queryArb.map((q) => ({ op: 'query' as const, q })) },
  // A repeated query with another page: the cached order must still be right after a change.
  {
    weight: 1,
    arbitrary: fc
      .record({ athlete: fc.constantFrom(...ATHLETES), id: fc.integer({ min: 1, max: 60 }), a: activityArb })
      .map((r) => ({ op: 'upsert' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: 'remove' as const, pick })) },
);

// The reference: written from what the window promises, as plainly as possible.
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const sportOf = (a: SummaryActivity) => a.sport_type ?? a.type ?? 'Workout';
const keyOf: Record<string, (a: SummaryActivity) => number | string> = {
  start_date: (a) => Date.parse(a.start_date),
  distance: (a) => a.distance ?? 0,
  moving_time: (a) => a.moving_time ?? 0,
  elevation: (a) => a.total_elevation_gain ?? 0,
  name: (a) => fold(a.name),
};

function reference(truth: Map<number, { athlete: number; a: SummaryActivity }>, q: ActivityQuery) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const sort = q.sort ?? 'start_date';
  const needle = fold((q.search ?? '').trim());
  const inScope = [...truth.values()].filter(({ athlete }) => q.athleteId === undefined || athlete === q.athleteId);
  const matches = inScope.filter(({ a }) => {
    if (q.sportTypes?.length && !q.sportTypes.includes(sportOf(a))) return false;
    const t = Date.parse(a.start_date_local ?? a.start_date);
    if (q.from !== undefined && t < q.from) return false;
    if (q.to !== undefined && t > q.to) return false;
    return fold(a.name).includes(needle);
  });
  const k = keyOf[sort]!;
  matches.sort((x, y) => {
    const [kx, ky] = [k(x.a), k(y.a)];
    return kx < ky ? -1 : kx > ky ? 1 : x.a.id - y.a.id;
  });
  if (q.direction !== 'asc') matches.reverse();
  return {
    total: matches.length,
    items: matches
      .slice((page - 1) * pageSize, page * pageSize)
      .map(({ athlete, a }) => ({ ...toRow(athlete, a, false), isNew: false })),
    // Every match, not the page: the line above the table.
    elevationGain: matches.reduce((sum, { a }) => sum + (a.total_elevation_gain ?? 0), 0),
    sportTypes: [...new Set(inScope.map(({ a }) => sportOf(a)))].sort(),
  };
}

describe('hostile input: the activity query', () => {
  it('over random filters, sorts, searches and pages, and changes between them, the page is the slice of a brute-force reference and the total matches it', async () => {
    const dir = await freshDir();
    let answered = 0;
    let searched = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          opArb.filter((o) => o.op === 'upsert'),
          { minLength: 5, maxLength: 40 },
        ),
        fc.array(opArb, { minLength: 1, maxLength: 30 }),
        async (first, then) => {
          const ops = [...first, ...then];
          // Fresh stores per run (another data folder's athletes): nothing cached from the run before may leak in.
          const sources = await Promise.all(
            ATHLETES.map((id) => AthleteActivities.open(`${dir}/${Math.random()}`, id, () => undefined, null)),
          );
          const truth = new Map<number, { athlete: number; a: SummaryActivity }>();
          for (const step of ops) {
            if (step.op === 'upsert') {
              // An id belongs to one athlete, as on Strava.
              const id = step.id * 10 + ATHLETES.indexOf(step.athlete);
              const a = { ...step.a, id } as SummaryActivity;
              await sources[ATHLETES.indexOf(step.athlete)]!.upsert(a);
              truth.set(id, { athlete: step.athlete, a });
            } else if (step.op === 'remove') {
              const ids = [...truth.keys()];
              if (ids.length === 0) continue;
              const id = ids[step.pick % ids.length]!;
              await sources[ATHLETES.indexOf(truth.get(id)!.athlete)]!.remove(id);
              truth.delete(id);
            } else {
              const got = queryActivities(sources, step.q);
              const want = reference(truth, step.q);
              if (want.items.length > 1) answered++;
              if (want.total > 0 && (step.q.search ?? '').trim() !== '') searched++;
              expect(got.total).toBe(want.total);
              expect(got.items).toEqual(want.items);
              expect(got.sportTypes).toEqual(want.sportTypes);
              expect(got.sums.elevationGain).toBeCloseTo(want.elevationGain, 6);
              expect(got.items.length).toBe(
                Math.max(0, Math.min(got.pageSize, got.total - (got.page - 1) * got.pageSize)),
              );
              // The same query's next page continues it: no row twice, none skipped.
              const next = queryActivities(sources, { ...step.q, page: (step.q.page ?? 1) + 1 });
              expect(next.total).toBe(want.total);
              expect(next.items.map((r) => r.id).filter((id) => got.items.some((r) => r.id === id))).toEqual([]);
            }
          }
        },
      ),
      { numRuns: 150, seed: 1010 },
    );
    // The runs asked questions with answers: pages of several rows, searches that found something.
    expect(answered).toBeGreaterThan(100);
    expect(searched).toBeGreaterThan(20);
  }, 60_000);

  it('refuses filters outside its schema with a message, whatever they are', () => {
    fc.assert(
      fc.property(
        fc
          .record(
            {
              page: fc.oneof(fc.constant(0), fc.constant(-1), fc.constant(1.5), fc.constant(Number.NaN), fc.string()),
              pageSize: fc.constantFrom(0, 501, 1e9, Number.POSITIVE_INFINITY),
            },
            { requiredKeys: [] },
          )
          .filter((r) => Object.keys(r).length > 0),
        (bad) => {
          expect(() => queryActivities([], bad as ActivityQuery)).toThrow(/page/i);
        },
      ),
      { numRuns: 100, seed: 1011 },
    );
  });
});
