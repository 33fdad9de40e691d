import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../../main/log';
import type { StoreProblem } from '../../../main/store/json-document';
import { openLimiterState } from '../../../main/store/limiter-state-store';
import { createStravaHttp, type StravaHttpOptions } from '../../../main/strava/http';
import { RateLimiter } from '../../../main/strava/rate-limiter';
import { StravaSimulator } from '../../strava-sim';
import { FakeClock } from '../../support/fake-clock';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The simulator, a limiter over a temp folder and an HTTP client with small limits, as a test needs them. */
async function setup(http: Partial<StravaHttpOptions> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
  const sim = await new StravaSimulator({ clock }).start();
  const dir = await mkdtemp(join(tmpdir(), 'splits-http-'));
  cleanups.push(
    () => sim.stop(),
    () => rm(dir, { recursive: true, force: true }),
  );
  const problems: StoreProblem[] = [];
  const disk = await openLimiterState(dir, (p) => problems.push(p));
  let writes = 0;
  const limiter = new RateLimiter(clock, { load: () => disk.load(), save: (s) => (writes++, disk.save(s)) });
  const warnings: Array<Record<string, unknown> | undefined> = [];
  const logger: Logger = {
    ...silentLogger,
    warn: (message, fields) => void (message.includes('rate-limit header') && warnings.push(fields)),
  };
  const client = createStravaHttp({
    clock,
    logger,
    limiter,
    random: () => 0.5,
    timeoutMs: 2000,
    deadlineMs: 200,
    ...http,
  });
  const token = sim.grantTokens(1001).access_token;
  const get = (path: string, signal?: AbortSignal) =>
    client.get(`${sim.apiUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      rateLimit: { priority: 'user', ...(signal ? { signal } : {}) },
      ...(signal ? { signal } : {}),
    });
  return { clock, sim, dir, problems, limiter, client, get, warnings, writes: () => writes };
}

describe('a server that never finishes (issue 6, item 14)', () => {
  it('a drip past the deadline is a network failure: retried with back-off on the clock, and the next attempt gets its own deadline', async () => {
    const s = await setup();
    s.sim.injectFault({ kind: 'drip', times: 2, intervalMs: 5, path: /\/athlete$/ });
    const res = await s.get('/athlete');
    expect(res.status).toBe(200);
    expect(s.sim.apiRequests().map((e) => e.status)).toEqual(['drip', 'drip', 200]);
    expect(s.clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the retries when every attempt drips', async () => {
    const s = await setup();
    s.sim.injectFault({ kind: 'drip', times: 10, intervalMs: 5 });
    const error = await s.get('/athlete').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ETIMEDOUT');
    expect((error as AxiosError).message).toMatch(/no complete answer from \/api\/v3\/athlete within 0.2 s/);
    expect(s.sim.apiRequests()).toHaveLength(4);
  });

  it("the caller's own abort still cancels at once, and is not retried", async () => {
    const s = await setup({ deadlineMs: 10_000 });
    s.sim.injectFault({ kind: 'drip', times: 1, intervalMs: 5 });
    const controller = new AbortController();
    s.sim.beforeReply = () => setTimeout(() => controller.abort(), 20); // once the server has it
    const error = await s.get('/athlete', controller.signal).catch((e: unknown) => e);
    expect((error as AxiosError).code).toBe('ERR_CANCELED');
    expect(s.sim.apiRequests()).toHaveLength(1);
  });

  it('an endless body fails fast at the size cap with a clear error, and is not retried', async () => {
    const s = await setup({ maxResponseBytes: 1024 * 1024, deadlineMs: 10_000 });
    s.sim.injectFault({ kind: 'endless', times: 1 });
    const error = await s.get('/athlete/activities').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-response' });
    expect((error as Error).message).toMatch(/more than 1 MB for \/api\/v3\/athlete\/activities/);
    expect(s.sim.apiRequests().map((e) => e.status)).toEqual(['endless']);
  });

  it('caps answers at 16 MB unless told otherwise', async () => {
    const s = await setup();
    expect(s.client.defaults.maxContentLength).toBe(16 * 1024 * 1024);
    expect(s.client.defaults.maxBodyLength).toBe(16 * 1024 * 1024);
  });
});

describe('the interceptors with axios-retry and OAuth (issue 6, item 6)', () => {
  it("a request that opts out with 'axios-retry': { retries: 0 } is sent once", async () => {
    const s = await setup();
    const oauth = createStravaHttp({ clock: s.clock, logger: silentLogger, random: () => 0.5 }); // no limiter, as for OAuth
    s.sim.injectFault({ kind: 502, times: 3, path: /\/oauth\/token$/ });
    const once = await oauth
      .post(`${s.sim.oauthUrl}/token`, new URLSearchParams({}), { 'axios-retry': { retries: 0 } })
      .catch((e: unknown) => e);
    expect((once as AxiosError).response?.status).toBe(502);
    expect(s.sim.log.map((e) => e.status)).toEqual([502]);
    // Without the override, the same failure is retried.
    await oauth.post(`${s.sim.oauthUrl}/token`, new URLSearchParams({})).catch(() => undefined);
    expect(s.sim.log.map((e) => e.status).slice(0, 3)).toEqual([502, 502, 502]);
    expect(s.sim.log).toHaveLength(4);
  });

  it('requests without rate-limit options (OAuth) skip the limiter, even on a client that has one', async () => {
    const s = await setup();
    await s.limiter.update({
      'X-ReadRateLimit-Limit': '100,1000',
      'X-ReadRateLimit-Usage': '100,100',
      'X-RateLimit-Limit': '200,2000',
      'X-RateLimit-Usage': '200,200',
    });
    expect(s.limiter.decide('write', 'user').go).toBe(false);
    await s.client
      .post(`${s.sim.oauthUrl}/token`, new URLSearchParams({}), { 'axios-retry': { retries: 0 } })
      .catch(() => undefined);
    expect(s.sim.log.map((e) => e.path)).toEqual(['/oauth/token']);
    expect(s.limiter.status().overall.requests15min).toBe(200);
  });

  it('a 429 is not retried, whatever the retry settings', async () => {
    const s = await setup();
    s.sim.rateLimits.setUsage(s.sim.now(), { read15: 100, overall15: 100 });
    await expect(s.get('/athlete')).rejects.toMatchObject({ code: 'rate-limited' });
    expect(s.sim.apiRequests().map((e) => e.status)).toEqual([429]);
  });
});

describe('rate-limit state written from a real run', () => {
  it('50 requests write rate-limit.json at most once per 10 requests', async () => {
    // A deadline far above any answer: on a loaded machine the setup's 200 ms would retry a slow one, and count it.
    const s = await setup({ deadlineMs: 10_000 });
    for (let i = 0; i < 50; i++) await s.get('/athlete');
    expect(s.sim.apiRequests()).toHaveLength(50);
    expect(s.writes()).toBeLessThanOrEqual(50 / 10 + 2);
    expect(s.limiter.status().read.requests15min).toBe(50);
  });

  it('odd limit headers are logged once each and never reach the file (issue 6, item 18)', async () => {
    const s = await setup();
    s.sim.injectFault({ kind: 'odd-limits', times: 3 });
    for (let i = 0; i < 4; i++) await s.get('/athlete');
    expect(s.warnings).toEqual([{ header: 'x-ratelimit-limit: 0,0' }, { header: 'x-readratelimit-limit: -5,abc' }]);
    await openLimiterState(s.dir, (p) => s.problems.push(p));
    expect(s.problems).toEqual([]);
    expect(s.limiter.status().overall).toMatchObject({ limit15min: 200, limitDay: 2000, requests15min: 4 });
  });
});
