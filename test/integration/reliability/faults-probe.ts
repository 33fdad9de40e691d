import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { SplitsServices } from '../../../main/services';
import { toDetailed } from '../../strava-sim/activities';
import type { FaultKind, RequestLogEntry } from '../../strava-sim';
import type { World } from '../../support/splits';

// One fault kind at a rate through a first (full) sync, then through the detail backfill, run after run until the
// store equals the simulator's truth: what the short variant (faults-rate.test.ts) asserts and the long one
// (test/soak/faults.soak.ts) records.

export interface FaultProbeOptions {
  kind: FaultKind;
  rate: number;
  activities: number;
  perPage: number;
  /** Runs allowed per phase before the probe gives up (a loop that never converges is a failure, not a hang). */
  maxRuns: number;
}

export interface PhaseFigures {
  /** Requests a fault-free run needs: the list pages and the empty one that ends the list, or one per detail. */
  minimum: number;
  /** Requests Strava received in the phase, retries and repeated pages included. */
  attempts: number;
  /** Of those, the ones that met the fault. */
  faulted: number;
  /** Attempts that cost a time-out (the server never answered). */
  timeouts: number;
  /** Syncs run until the phase was complete (a run ends at a failure that outlasts the retries, or at the budget). */
  runs: number;
  /** Runs that ended in an error the person would see. */
  failedRuns: number;
  /** Real time the phase took, ms (for the figures only: never asserted). */
  wallMs: number;
}

export interface FaultProbeFigures {
  kind: FaultKind;
  list: PhaseFigures;
  details: PhaseFigures;
  /** Requests that arrived while their window was spent (must be 0), and 429s Strava had to send (must be 0). */
  pastLimit: number;
  refused: number;
}

const LIST = /^\/api\/v3\/athlete\/activities$/;
const DETAIL = /^\/api\/v3\/activities\/\d+$/;

/** Runs the probe on a world whose simulator has no faults yet; the store must be empty. */
export async function probeFault(
  w: World,
  splits: SplitsServices,
  options: FaultProbeOptions,
): Promise<FaultProbeFigures> {
  const { kind, rate, activities, perPage, maxRuns } = options;
  w.sim.seedActivities(1001, activities, { listHiddenShare: 0 });

  // The first sync: a full scan of every page, faults on list pages only.
  w.sim.faults.clear();
  w.sim.injectFault({ kind, rate, path: /\/athlete\/activities\?/ });
  const list = await phase(w, LIST, Math.ceil(activities / perPage) + 1, maxRuns, async () => {
    const result = (await splits.engine.sync({ trigger: 'cli', details: false, perPage, maxWaitMs: 15 * 60_000 }))
      .results[0]!;
    return { done: result.fullScanComplete, failed: result.status !== 'ok' };
  });
  await expectExactSummaries(w, splits);

  // The backfill: every detail, faults on detail requests only. No listing (maxPages 0), so its requests are the
  // backfill's alone; it never waits for a reset, so a run that met the budget is followed by one in the next window.
  w.sim.faults.clear();
  w.sim.injectFault({ kind, rate, path: /\/activities\/\d+\?/ });
  const details = await phase(w, DETAIL, activities, maxRuns, async () => {
    const result = (await splits.engine.sync({ trigger: 'cli', perPage, maxPages: 0 })).results[0]!;
    const blocked = splits.limiter.decide('read', 'backfill');
    if (result.detailsPending > 0 && !blocked.go) w.clock.set(Math.max(w.clock.now(), blocked.retryAt));
    return { done: result.detailsPending === 0, failed: result.status !== 'ok' };
  });
  await expectExactDetails(w, splits);

  const api = w.sim.apiRequests();
  return {
    kind,
    list,
    details,
    pastLimit: w.sim.requestsPastLimit().length,
    refused: api.filter((e) => e.status === 429).length,
  };
}

async function phase(
  w: World,
  path: RegExp,
  minimum: number,
  maxRuns: number,
  run: () => Promise<{ done: boolean; failed: boolean }>,
): Promise<PhaseFigures> {
  const from = w.sim.log.length;
  const started = Date.now();
  let runs = 0;
  let failedRuns = 0;
  for (;;) {
    if (runs >= maxRuns) throw new Error(`not complete after ${maxRuns} runs`);
    const { done, failed } = await run();
    runs++;
    if (failed) failedRuns++;
    if (done) break;
  }
  const entries: RequestLogEntry[] = w.sim.log.slice(from).filter((e) => path.test(e.path));
  return {
    minimum,
    attempts: entries.length,
    faulted: entries.filter((e) => e.fault !== undefined).length,
    timeouts: entries.filter((e) => e.status === 'hang').length,
    runs,
    failedRuns,
    wallMs: Date.now() - started,
  };
}

/** Every summary Strava lists, as Strava sends it, and each once in the year files on disk. */
async function expectExactSummaries(w: World, splits: SplitsServices): Promise<void> {
  const truth = w.sim.listableSummaries(1001);
  const stored = [...(await splits.store.activities(1001)).all()].sort((a, b) => a.id - b.id);
  if (!isDeepStrictEqual(stored, JSON.parse(JSON.stringify(truth))))
    throw new Error(`the stored summaries differ from Strava's (${stored.length} stored, ${truth.length} listed)`);
  const onDisk = await recordsOnDisk(w.dataDir, false);
  if (onDisk.length !== truth.length || new Set(onDisk).size !== onDisk.length)
    throw new Error(
      `the year files hold ${onDisk.length} records (${new Set(onDisk).size} ids) for ${truth.length} activities`,
    );
}

/** Every detail, equal to Strava's, each once on disk. */
async function expectExactDetails(w: World, splits: SplitsServices): Promise<void> {
  const store = await splits.store.activities(1001);
  for (const a of w.sim.activitiesOf(1001)) {
    const detail = await store.detail(a.id);
    if (!isDeepStrictEqual(detail, JSON.parse(JSON.stringify(toDetailed(a)))))
      throw new Error(`the detail of activity ${a.id} differs from Strava's`);
  }
  const onDisk = await recordsOnDisk(w.dataDir, true);
  if (onDisk.length !== w.sim.activitiesOf(1001).length || new Set(onDisk).size !== onDisk.length)
    throw new Error(`the details files hold ${onDisk.length} records`);
}

async function recordsOnDisk(dataDir: string, details: boolean): Promise<string[]> {
  const dir = join(dataDir, 'activities', '1001');
  const ids: string[] = [];
  for (const name of await readdir(dir)) {
    if (!/^\d{4}(\.details)?\.json$/.test(name) || name.includes('.details.') !== details) continue;
    const doc = JSON.parse(await readFile(join(dir, name), 'utf8')) as { activities?: object; details?: object };
    ids.push(...Object.keys((details ? doc.details : doc.activities) ?? {}));
  }
  return ids;
}

/** The figures as a markdown table: attempts against the minimum per fault kind and phase. */
export function figuresTable(rows: FaultProbeFigures[]): string {
  const ratio = (p: PhaseFigures) => (p.attempts / p.minimum).toFixed(2);
  const lines = [
    '| Fault (20%) | Phase | Minimum | Attempts | Attempts / minimum | Faulted | Time-outs | Runs (failed) | Past limit | 429s | Time |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    for (const [name, p] of [
      ['full sync', r.list],
      ['backfill', r.details],
    ] as const) {
      lines.push(
        `| ${r.kind} | ${name} | ${p.minimum} | ${p.attempts} | ${ratio(p)} | ${p.faulted} | ${p.timeouts} | ${p.runs} (${p.failedRuns}) | ${r.pastLimit} | ${r.refused} | ${(p.wallMs / 1000).toFixed(1)} s |`,
      );
    }
  }
  return lines.join('\n');
}
