import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const at = (h: number, m: number, s = 0, ms = 0, day = 2) => Date.UTC(2026, 10, day, h, m, s, ms);

/**
 * Issue 6, item 3: usage headers belong to the window the request was sent in. An answer that crosses a quarter
 * hour carries the old window's usage, which says nothing about the new one.
 */
describe('usage headers on an answer that crosses a quarter hour', () => {
  const world = useWorld();

  // skew: how far Strava's clock is ahead of this computer's.
  it.each([0, 30_000, -30_000])(
    "leave the new window open to background reads (Strava's clock %i ms ahead)",
    async (skew) => {
      const clock = new FakeClock(at(8, 10) - skew);
      const w = await world({ clock, clockSkewMs: skew });
      const splits = await w.openConnected();
      const api = splits.apiFor(1001);
      await api.athlete({ priority: 'user' }); // learns Strava's clock from the Date header

      // Sent at 08:14:59.9 on Strava's clock, answered at 08:15:00.1, carrying the old window's usage of 95.
      clock.set(at(8, 14, 59, 900) - skew);
      w.sim.rateLimits.setUsage(w.sim.now(), { read15: 94, overall15: 94, readDay: 94, overallDay: 94 });
      w.sim.beforeReply = () => clock.set(at(8, 15, 0, 100) - skew);
      await api.athlete({ priority: 'background' });
      w.sim.beforeReply = null;

      expect(splits.limiter.decide('read', 'background')).toEqual({ go: true });
      expect(splits.limiter.status().read.requestsDay).toBe(95); // the daily count still holds on the same day
      // A new process over the same folder agrees.
      expect((await w.open()).limiter.decide('read', 'background')).toEqual({ go: true });
      await expect(api.athlete({ priority: 'background' })).resolves.toMatchObject({ id: 1001 });
    },
  );

  it.each([0, 30_000, -30_000])(
    'a 429 answered just after the boundary does not block the new window (skew %i ms)',
    async (skew) => {
      const clock = new FakeClock(at(8, 10) - skew);
      const w = await world({ clock, clockSkewMs: skew });
      const splits = await w.openConnected();
      const api = splits.apiFor(1001);
      await api.athlete({ priority: 'user' });

      clock.set(at(8, 14, 59, 900) - skew);
      w.sim.rateLimits.setUsage(w.sim.now(), { read15: 100, overall15: 100 }); // another tool spent the window
      w.sim.beforeReply = () => clock.set(at(8, 15, 0, 100) - skew);
      const refused = await api.athlete({ priority: 'user' }).catch((e: unknown) => e);
      w.sim.beforeReply = null;
      expect(refused).toMatchObject({ code: 'rate-limited' });
      expect((refused as { retryAt: number }).retryAt).toBeLessThanOrEqual(clock.now());

      expect(splits.limiter.decide('read', 'user')).toEqual({ go: true });
      expect((await w.open()).limiter.decide('read', 'user')).toEqual({ go: true });
      await expect(api.athlete({ priority: 'user' })).resolves.toMatchObject({ id: 1001 });
      expect(w.sim.apiRequests().map((e) => e.status)).toEqual([200, 429, 200]);
    },
  );

  it('a 429 inside its own window still ends that window, and is not retried', async () => {
    const clock = new FakeClock(at(8, 5));
    const w = await world({ clock });
    const splits = await w.openConnected();
    w.sim.rateLimits.setUsage(w.sim.now(), { read15: 100, overall15: 100 });
    const refused = await splits
      .apiFor(1001)
      .athlete({ priority: 'user' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'rate-limited', retryAt: at(8, 15) });
    expect(splits.limiter.decide('read', 'user')).toMatchObject({ go: false, retryAt: at(8, 15) });
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([429]);
  });
});
