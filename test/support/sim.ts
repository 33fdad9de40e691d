import { afterEach } from 'vitest';
import { ManualClock, StravaSimulator, type SimOptions } from '../strava-sim/index';

/** Starts a simulator on its own manual clock for one test; stopped after it. */
export function useSimulator(): (options?: SimOptions) => Promise<{ sim: StravaSimulator; clock: ManualClock }> {
  const started: StravaSimulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });
  return async (options = {}) => {
    const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
    const sim = await new StravaSimulator({ ...options, clock }).start();
    started.push(sim);
    return { sim, clock };
  };
}

export async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the malformed-JSON fault is asserted on as text
  }
  return { status: res.status, body, headers: res.headers };
}

/**
 * Strava received list page `page` (of /athlete/activities). A wait for a page that hangs asks for that page, not for a
 * count of pages: the page asked for ahead can reach the simulator first, on another connection of the pool, and a
 * count would then be reached before the hang began.
 */
export function receivedListPage(sim: StravaSimulator, page: number): boolean {
  return sim.apiRequests('/athlete/activities').some((e) => Number(e.query.page) === page);
}
