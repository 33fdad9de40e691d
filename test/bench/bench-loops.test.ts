// The benchmark's comparison loops and byte counter do what the benchmark says they do (no timings here: those are
// `npm run bench`'s, on a quiet machine).
import { appendFile, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StravaSimulator } from '../strava-sim';
import { FakeClock } from '../support/fake-clock';
import { bareFetchLoop } from './floor';
import { measureFullSync } from './full-sync';
import { stravaV3Loop } from './peer';
import { dispatch } from '../../main/desktop/ipc-handlers';
import { benchTable } from './window-bench';
import { openSplits, syncAfterLock, UNLIMITED } from './world';
import { countWrites, installWriteCounter } from './write-counter';

describe('benchmark loops', () => {
  let sim: StravaSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await new StravaSimulator({ clock: new FakeClock(), limits: UNLIMITED }).start();
    sim.seedActivities(1001, 450, { seed: 42 });
    dir = await mkdtemp(join(tmpdir(), 'splits-bench-test-'));
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['the bare loop', bareFetchLoop],
    ['strava-v3', stravaV3Loop],
  ])(
    '%s lists every page of 200 with the token in the Authorization header, and writes one file',
    async (_name, loop) => {
      const before = sim.log.length;
      const token = sim.grantTokens(1001).access_token;
      const out = join(dir, 'out.json');
      const { requests, activities } = await loop(sim.apiUrl, token, out);
      const sent = sim.log.slice(before);
      expect(requests).toBe(4); // 200 + 200 + 50, then the empty page
      expect(sent.map((e) => [e.path, e.query.page, e.query.per_page, e.status, e.authorizationHeader])).toEqual(
        [1, 2, 3, 4].map((page) => ['/api/v3/athlete/activities', String(page), '200', 200, true]),
      );
      const listed = sim.listableSummaries(1001).length;
      expect(activities).toBe(listed);
      expect((JSON.parse(await readFile(out, 'utf8')) as unknown[]).length).toBe(listed);
    },
  );

  it('counts bytes written through FileHandle, fs/promises and appends, only while armed', async () => {
    await installWriteCounter();
    const path = join(dir, 'counted.txt');
    await writeFile(path, 'not counted');
    const { bytes, writes } = await countWrites(async () => {
      await writeFile(path, 'abc');
      await appendFile(path, 'de');
      const handle = await open(path, 'a');
      await handle.appendFile('éf'); // é is two bytes
      await handle.close();
    });
    expect({ bytes, writes }).toEqual({ bytes: 8, writes: 3 });
  });

  it("the window benchmark's stand-in desktop lets the window's first questions through main's door", async () => {
    const splits = await openSplits(sim, new FakeClock());
    try {
      await syncAfterLock(splits.services.engine, { trigger: 'cli', full: true, details: false, tracks: false });
      const table = benchTable(splits.services);
      const rows = await dispatch(table, 'activities:query', [{ pageSize: 5 }]);
      expect(rows.ok && (rows.value as { total: number }).total).toBeGreaterThan(400);
      // What only the app answers is a plain refusal the window shows as such, not a failure at the door.
      const state = await dispatch(table, 'sync:state', []);
      expect(state.ok ? null : state.error.code).toBe('not-found');
    } finally {
      await splits.dispose();
    }
  });

  it("times Splits' first sync of summaries alone, as the floor and strava-v3 do: list pages, no tracks", async () => {
    const figures = await measureFullSync(250, 1);
    // 200 + 50, then the empty page, for each client: a track fetched would be a request more for Splits.
    expect([figures.requests, figures.floorRequests, figures.peerRequests]).toEqual([3, 3, 3]);
    expect(figures.minimum).toBe(3);
  });
});
