// A first full sync (summaries only) by Splits, by the bare loop and by strava-v3, against one simulator with the
// same seeded history, taking the median of a few repetitions. The three run in turn within each repetition, so
// that the machine's load (shared, noisy) falls on all of them alike. The simulator runs in a process of its own
// (sim-process.ts), as Strava runs elsewhere; BENCH_SIM=in-process runs it in this one, as before 2026-12-06.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../support/fake-clock';
import { bareFetchLoop } from './floor';
import { stravaV3Loop } from './peer';
import { median, progress, round, stopwatch } from './stats';
import { startSimProcess } from './sim-process';
import { ATHLETE, UNLIMITED, openSplits, startSim, type SimEndpoint } from './world';

export interface FullSyncFigures {
  activities: number;
  requests: number;
  /** The fewest requests a full listing can take: every page of 200, and the empty page that ends it. */
  minimum: number;
  seconds: number;
  floorSeconds: number;
  peerSeconds: number;
  /** Splits' time over the floor's (≤ 1.3 wanted) and over strava-v3's (≤ 1 wanted). */
  floorRatio: number;
  peerRatio: number;
  repetitions: number;
  floorRequests: number;
  peerRequests: number;
  /** Where the simulator ran: in a process of its own (as Strava runs elsewhere), or in the benchmark's. */
  simulator: SimulatorPlace;
}

/** Where a first sync's simulator runs (docs/benchmarks.md): its own process, unless BENCH_SIM=in-process. */
export type SimulatorPlace = 'child process' | 'in-process';
export const simulatorPlace = (): SimulatorPlace =>
  process.env.BENCH_SIM === 'in-process' ? 'in-process' : 'child process';

/** A simulator with the same seeded history, in this process or in its own. */
async function startFullSyncSim(activities: number, clock: FakeClock, place: SimulatorPlace) {
  return place === 'child process' ? startSimProcess(activities) : startSim(activities, { clock, limits: UNLIMITED });
}

export async function measureFullSync(
  activities: number,
  repetitions: number,
  place: SimulatorPlace = simulatorPlace(),
): Promise<FullSyncFigures> {
  const clock = new FakeClock();
  const sim = await startFullSyncSim(activities, clock, place);
  const scratch = await mkdtemp(join(tmpdir(), 'splits-bench-loops-'));
  const splitsMs: number[] = [];
  const floorMs: number[] = [];
  const peerMs: number[] = [];
  let requests = 0;
  let floorRequests = 0;
  let peerRequests = 0;
  try {
    for (let rep = 0; rep < repetitions; rep++) {
      const first = await timedFirstSync(sim, clock);
      splitsMs.push(first.ms);
      requests = first.requests;
      const token = (await sim.grantTokens(ATHLETE)).access_token;
      let elapsed = stopwatch();
      floorRequests = (await bareFetchLoop(sim.apiUrl, token, join(scratch, 'floor.json'))).requests;
      floorMs.push(elapsed());
      elapsed = stopwatch();
      peerRequests = (await stravaV3Loop(sim.apiUrl, token, join(scratch, 'peer.json'))).requests;
      peerMs.push(elapsed());
      progress(
        `  ${activities} activities (simulator ${place}), run ${rep + 1}/${repetitions}: Splits ${splitsMs.at(-1)!.toFixed(0)} ms, floor ${floorMs.at(-1)!.toFixed(0)} ms, strava-v3 ${peerMs.at(-1)!.toFixed(0)} ms`,
      );
    }
  } finally {
    await sim.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  const seconds = median(splitsMs) / 1000;
  const floorSeconds = median(floorMs) / 1000;
  const peerSeconds = median(peerMs) / 1000;
  return {
    activities,
    requests,
    minimum: Math.ceil(activities / 200) + 1,
    seconds: round(seconds, 3),
    floorSeconds: round(floorSeconds, 3),
    peerSeconds: round(peerSeconds, 3),
    floorRatio: round(seconds / floorSeconds),
    peerRatio: round(seconds / peerSeconds),
    repetitions,
    floorRequests,
    peerRequests,
    simulator: place,
  };
}

/** A first sync over a network that takes `latencyMs` to answer each request (issue 20, item 13). */
export interface FullSyncLatencyFigures {
  activities: number;
  latencyMs: number;
  seconds: number;
  /** The floor's sequential loop over the same latency: one request at a time. */
  floorSeconds: number;
  /** Splits' time over the floor's (≤ 0.7 wanted: a page asked for ahead while one is in flight and stored). */
  floorRatio: number;
  requests: number;
  floorRequests: number;
  repetitions: number;
}

/**
 * Splits and the floor, each request answered `latencyMs` of real time after the simulator counted it. Splits keeps
 * a page in flight ahead of the one it waits for (main/sync/page-reader.ts); the floor waits for each answer.
 */
export async function measureFullSyncLatency(
  activities: number,
  latencyMs: number,
  repetitions: number,
): Promise<FullSyncLatencyFigures> {
  const clock = new FakeClock();
  const sim = await startSim(activities, { clock, limits: UNLIMITED, latencyMs });
  const scratch = await mkdtemp(join(tmpdir(), 'splits-bench-latency-'));
  const splitsMs: number[] = [];
  const floorMs: number[] = [];
  let requests = 0;
  let floorRequests = 0;
  try {
    for (let rep = 0; rep < repetitions; rep++) {
      const first = await timedFirstSync(sim, clock);
      splitsMs.push(first.ms);
      requests = first.requests;
      const elapsed = stopwatch();
      const token = sim.grantTokens(ATHLETE).access_token;
      floorRequests = (await bareFetchLoop(sim.apiUrl, token, join(scratch, 'floor.json'))).requests;
      floorMs.push(elapsed());
      progress(
        `  ${activities} activities at ${latencyMs} ms an answer, run ${rep + 1}/${repetitions}: Splits ${splitsMs.at(-1)!.toFixed(0)} ms, floor ${floorMs.at(-1)!.toFixed(0)} ms`,
      );
    }
  } finally {
    await sim.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  const seconds = median(splitsMs) / 1000;
  const floorSeconds = median(floorMs) / 1000;
  return {
    activities,
    latencyMs,
    seconds: round(seconds, 3),
    floorSeconds: round(floorSeconds, 3),
    floorRatio: round(seconds / floorSeconds),
    requests,
    floorRequests,
    repetitions,
  };
}

/** One first sync of Splits' own engine (summaries only, as the peers list them), timed, with its requests. */
async function timedFirstSync(sim: SimEndpoint, clock: FakeClock): Promise<{ ms: number; requests: number }> {
  const splits = await openSplits(sim, clock);
  try {
    const elapsed = stopwatch();
    const report = await splits.services.engine.sync({ trigger: 'cli', details: false, tracks: false });
    const ms = elapsed();
    const result = report.results[0]!;
    if (result.status !== 'ok') throw new Error(`Splits' first sync ended ${result.status}: ${result.error?.message}`);
    return { ms, requests: result.requests };
  } finally {
    await splits.dispose();
  }
}
