import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../strava-sim/index';
import { getJson, useSimulator } from '../../support/sim';

/** Reads an answer's headers and then its body as it comes, until `enough` bytes or the end. */
function readSome(
  url: string,
  token: string,
  enough: number,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: number; chunks: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let chunks = 0;
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, chunks });
      };
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        chunks++;
        if (bytes >= enough) done();
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the simulator's clock", () => {
  const start = useSimulator();

  it('sends the Date header from its own clock, not the wall clock', async () => {
    const { sim } = await start({ clock: new ManualClock(Date.UTC(2026, 10, 2, 8, 14, 59, 900)) });
    const t = sim.grantTokens(1001);
    const res = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(res.headers.get('date')).toBe('Mon, 02 Nov 2026 08:14:59 GMT');
  });

  it("can run ahead of (or behind) the shared clock: the Date header, the windows and the log follow Strava's clock", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 8, 14, 30));
    const { sim } = await start({ clock, clockSkewMs: 60_000, limits: { read15: 1 } });
    const t = sim.grantTokens(1001);
    const first = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(first.headers.get('date')).toBe('Mon, 02 Nov 2026 08:15:30 GMT');
    expect(sim.log[0]!.at).toBe(Date.UTC(2026, 10, 2, 8, 15, 30));
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(429);
    sim.clockSkewMs = -60_000; // now 08:13:30 on Strava's clock: an earlier window, a fresh count
    const behind = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(behind.headers.get('date')).toBe('Mon, 02 Nov 2026 08:13:30 GMT');
  });

  it('lets a test move the shared clock while an answer is on its way', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 8, 14, 59, 900));
    const { sim } = await start({ clock });
    sim.rateLimits.setUsage(clock.now(), { read15: 94, overall15: 94 });
    sim.beforeReply = () => clock.set(Date.UTC(2026, 10, 2, 8, 15, 0, 100));
    const res = await getJson(`${sim.apiUrl}/athlete`, sim.grantTokens(1001).access_token);
    // Counted and stamped when it arrived, in the old window; the clock moved on before the answer went back.
    expect(res.headers.get('x-readratelimit-usage')).toBe('95,1');
    expect(res.headers.get('date')).toBe('Mon, 02 Nov 2026 08:14:59 GMT');
    expect(clock.now()).toBe(Date.UTC(2026, 10, 2, 8, 15, 0, 100));
  });
});

describe('hostile faults', () => {
  const start = useSimulator();

  it('drips: headers at once, then one byte per interval', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 'drip', times: 1, intervalMs: 2 });
    const res = await readSome(`${sim.apiUrl}/athlete`, sim.grantTokens(1001).access_token, 6);
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-usage']).toBe('1,1');
    expect(res.chunks).toBeGreaterThanOrEqual(3);
    expect(sim.log[0]?.status).toBe('drip');
  });

  it('sends a body that never ends', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 'endless', times: 1 });
    const res = await readSome(`${sim.apiUrl}/athlete/activities`, sim.grantTokens(1001).access_token, 4 * 1024 * 1024);
    expect(res.bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(sim.log[0]?.status).toBe('endless');
    // The next request is answered normally.
    expect((await getJson(`${sim.apiUrl}/athlete`, sim.grantTokens(1001).access_token)).status).toBe(200);
  });

  it('sends limits of zero and garbage on an otherwise normal answer', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 'odd-limits', times: 1 });
    const res = await getJson(`${sim.apiUrl}/athlete`, sim.grantTokens(1001).access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('0,0');
    expect(res.headers.get('x-readratelimit-limit')).toBe('-5,abc');
    expect(res.headers.get('x-ratelimit-usage')).toBe('1,1');
  });
});
