import { describe, expect, it } from 'vitest';
import type { RateLimiterPersistence, RateLimiterState } from '../../../main/strava/rate-limit-state';
import { RateLimiter } from '../../../main/strava/rate-limiter';
import { StravaError } from '../../../main/strava/errors';
import { FakeClock } from '../../support/fake-clock';

function memory(): RateLimiterPersistence & { saved: RateLimiterState | null; saves: number } {
  const p = {
    saved: null as RateLimiterState | null,
    saves: 0,
    load: () => (p.saved ? structuredClone(p.saved) : null),
    save: async (s: RateLimiterState) => {
      p.saved = structuredClone(s);
      p.saves++;
    },
  };
  return p;
}

const headers = (usage15: number, usageDay: number, limit15 = 100, limitDay = 1000) => ({
  'X-Ratelimit-Limit': '200,2000',
  'x-ratelimit-usage': `${usage15},${usageDay}`,
  'X-ReadRateLimit-Limit': `${limit15},${limitDay}`,
  'X-ReadRateLimit-Usage': `${usage15},${usageDay}`,
});

describe('rate limiter', () => {
  it("takes Strava's headers as the truth, whatever their case", async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 3));
    const limiter = new RateLimiter(clock, memory());
    await limiter.update(headers(42, 420, 150, 1500));
    expect(limiter.status().read).toMatchObject({
      requests15min: 42,
      limit15min: 150,
      remaining15min: 108,
      requestsDay: 420,
      limitDay: 1500,
      remainingDay: 1080,
      reset15minSeconds: 720,
    });
    expect(limiter.status().overall).toMatchObject({ requests15min: 42, limit15min: 200, requestsDay: 420 });
  });

  it('counts its own requests between responses and refuses the one that would exceed the window', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 3));
    const limiter = new RateLimiter(clock, memory());
    await limiter.update(headers(98, 500));
    await limiter.acquire('read', 'user');
    await limiter.acquire('read', 'user');
    const refused = await limiter.acquire('read', 'user').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StravaError);
    expect((refused as StravaError).code).toBe('rate-limited');
    expect((refused as StravaError).retryAt).toBe(Date.UTC(2026, 10, 2, 8, 15));
    expect(limiter.status().read.requests15min).toBe(100);
    // Writes only count against the overall limit, which still has room.
    await expect(limiter.acquire('write', 'user')).resolves.toBeTypeOf('number'); // let go, numbered
  });

  it('keeps a 20% reserve of each read window from background work', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 3));
    const limiter = new RateLimiter(clock, memory());
    await limiter.update(headers(79, 100));
    expect(limiter.decide('read', 'background').go).toBe(true);
    await limiter.acquire('read', 'background');
    expect(limiter.decide('read', 'background')).toMatchObject({ go: false, window: '15min' });
    expect(limiter.decide('read', 'user').go).toBe(true);
    await limiter.update(headers(0, 800));
    expect(limiter.decide('read', 'background')).toMatchObject({
      go: false,
      window: 'day',
      retryAt: Date.UTC(2026, 10, 3),
    });
  });

  it('lets the backfill spend exactly 70% of a 1,000-read day: 20% + 10% keeps 300, not 301 (0.2 + 0.1 is not 0.3 in floating point)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 3));
    const limiter = new RateLimiter(clock, memory());
    await limiter.update(headers(0, 699, 100, 1000));
    expect(limiter.decide('read', 'backfill').go).toBe(true);
    await limiter.update(headers(0, 700, 100, 1000));
    expect(limiter.decide('read', 'backfill')).toMatchObject({ go: false, window: 'day' });
    // Background list syncs keep their 20% (800 of 1,000), and the 15-minute reserve is 20 of 100.
    expect(limiter.decide('read', 'background').go).toBe(true);
    expect(limiter.reserve()).toEqual({ read15min: 20, readDay: 200 });
  });

  it('waits for a reset only when it is near and the caller allows it', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 14, 30));
    const limiter = new RateLimiter(clock, memory());
    await limiter.update(headers(100, 500));
    await expect(limiter.acquire('read', 'user', 10_000)).rejects.toMatchObject({ code: 'rate-limited' });
    await limiter.acquire('read', 'user', 60_000);
    expect(clock.now()).toBe(Date.UTC(2026, 10, 2, 8, 15));
    expect(clock.sleeps).toEqual([30_000]);
    expect(limiter.status().read.requests15min).toBe(1);
  });

  it('persists its windows: a new process knows the usage, and past windows expire by the clock', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 23, 50));
    const disk = memory();
    const first = new RateLimiter(clock, disk);
    await first.update(headers(100, 1000));
    const second = new RateLimiter(clock, disk);
    expect(second.decide('read', 'user')).toMatchObject({ go: false, window: 'day', retryAt: Date.UTC(2026, 10, 3) });
    clock.set(Date.UTC(2026, 10, 3, 0, 0, 1));
    const third = new RateLimiter(clock, disk);
    expect(third.decide('read', 'user').go).toBe(true);
    expect(third.status().read).toMatchObject({ requests15min: 0, requestsDay: 0 });
  });

  it('after a 429 the window is spent even when the headers lag', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const limiter = new RateLimiter(clock, memory());
    const error = await limiter.markExhausted({});
    expect(error.retryAt).toBe(Date.UTC(2026, 10, 2, 8, 15));
    expect(limiter.decide('read', 'user').go).toBe(false);
    const daily = await limiter.markExhausted(headers(30, 1001));
    expect(daily.retryAt).toBe(Date.UTC(2026, 10, 3));
    expect(daily.message).toMatch(/daily/);
  });

  it('after a 429, the answer to a request sent before it was read does not open the window again', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const limiter = new RateLimiter(clock, memory());
    // A page and the page asked for ahead of it go out; the first meets a 429, then the second is answered.
    const first = await limiter.acquire('read', 'background');
    const ahead = await limiter.acquire('read', 'background');
    await limiter.markExhausted({}, clock.now(), 'read', first);
    await limiter.update(headers(2, 2), clock.now(), 'read', ahead);
    expect(limiter.decide('read', 'user')).toMatchObject({ go: false, retryAt: Date.UTC(2026, 10, 2, 8, 15) });
    clock.set(Date.UTC(2026, 10, 2, 8, 15));
    await limiter.update(headers(1, 3));
    expect(limiter.decide('read', 'background').go).toBe(true);
  });

  it('estimates how long a backlog takes at the background pace', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 0));
    const limiter = new RateLimiter(clock, memory());
    expect(limiter.secondsFor(50, 'background')).toBe(0);
    expect(limiter.secondsFor(81, 'background')).toBe(15 * 60); // 80 now, the rest next quarter
    // 80 a quarter: the 800th (the day's whole background share) goes out in the 10th quarter, 2 h 15 min from now.
    expect(limiter.secondsFor(800, 'background')).toBe(9 * 15 * 60);
    // The 801st waits for tomorrow's budget, at 00:00 UTC: 16 hours from 08:00.
    expect(limiter.secondsFor(801, 'background')).toBe(16 * 3600);
    expect(limiter.secondsFor(100, 'user')).toBe(0);
  });
});
