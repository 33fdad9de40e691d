// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const statusLine = () => screen.getByRole('status').textContent ?? '';
const meter = (name: string) => screen.getByRole('meter', { name });
/** "12 min 55 s" in a text, as seconds. */
const seconds = (text: string | null, pattern: RegExp) => {
  const m = pattern.exec(text ?? '');
  if (!m) throw new Error(`no countdown in ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
};
const used = (name: string) => Number(meter(name).getAttribute('aria-valuenow'));

describe('rate limits in the status bar, on the real desktop core', () => {
  const world = useWorld();
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('meters show what main reports and move with the requests; at the limit, the rate-limited state counts down to the reset', async () => {
    const start = Date.UTC(2026, 10, 2, 8, 1, 0);
    const clock = new FakeClock(start, 'manual');
    // The window's countdowns read the computer's clock: here, the same fake time main and the simulator run on.
    // Only Date is faked; timers stay real, so the window still ticks every second.
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const w = await world({ clock, limits: { read15: 3, readDay: 1000, overall15: 3, overallDay: 1000 } });
    w.sim.seedActivities(1001, 2000);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Up to date\./));
      // The state can come with main's first event, before the window's first read of the limits.
      await screen.findByRole('meter', { name: 'Reads, 15 min' });
      const before = app.desktop.limits();
      expect(used('Reads, 15 min')).toBe(before.read.requests15min);
      expect(meter('Reads, 15 min').getAttribute('aria-valuemax')).toBe(String(before.read.limit15min));
      expect(
        screen.getByText(`${before.read.requests15min} of ${before.read.limit15min}`, {
          selector: '.limit-meter-numbers',
        }),
      ).toBeTruthy();
      // The reserve main keeps for the person is drawn and named.
      expect(meter('Reads, today').getAttribute('aria-valuetext')).toContain(`${before.reserve.readDay} kept for you`);

      await userEvent.setup().click(screen.getByRole('button', { name: 'Sync now' }));
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Strava's read budget is used up until /));
      const after = app.desktop.limits();
      expect(app.desktop.state().limitedUntil).toBe(Date.UTC(2026, 10, 2, 8, 15, 0));
      // Moved by the requests made: the simulator saw them, main counted them, the meters show main's counts.
      const sent = w.sim.apiRequests().length;
      expect(sent).toBeGreaterThan(0);
      expect(after.read.requests15min).toBe(after.read.limit15min);
      await vi.waitFor(() => expect(used('Reads, 15 min')).toBe(after.read.requests15min));
      expect(used('Reads, today')).toBe(after.read.requestsDay);
      expect(used('All requests, 15 min')).toBe(after.overall.requests15min);
      expect(used('All requests, today')).toBe(after.overall.requestsDay);
      expect(after.read.requestsDay).toBeGreaterThan(before.read.requestsDay);
      // Full: the colour says so.
      expect(meter('Reads, 15 min').closest('.limit-meter')!.className).toContain('limit-bad');
      expect(meter('Reads, today').closest('.limit-meter')!.className).toContain('limit-ok');

      // The live countdown to the reset, moved by the clock alone (no event from main).
      const timer = screen.getByRole('timer');
      // 08:01 → 08:15, give or take the second or two the test itself takes (and Strava's clock, a second behind at most).
      expect(seconds(timer.textContent, /resumes in (\d+) min (\d+) s/)).toBeGreaterThan(840 - 5);
      expect(seconds(timer.textContent, /resumes in (\d+) min (\d+) s/)).toBeLessThanOrEqual(840);
      expect(
        seconds(meter('Reads, 15 min').getAttribute('aria-valuetext'), /resets in (\d+) min (\d+) s/),
      ).toBeGreaterThan(840 - 5);
      expect(
        seconds(meter('Reads, 15 min').getAttribute('aria-valuetext'), /resets in (\d+) min (\d+) s/),
      ).toBeLessThanOrEqual(841);
      // (The faked Date still moves with real time, so a second or two may pass besides the 65 s.)
      vi.setSystemTime(start + 65_000);
      await vi.waitFor(
        () =>
          expect(seconds(screen.getByRole('timer').textContent, /resumes in (\d+) min (\d+) s/)).toBeLessThanOrEqual(
            840 - 65,
          ),
        { timeout: 3000 },
      );
      expect(seconds(screen.getByRole('timer').textContent, /resumes in (\d+) min (\d+) s/)).toBeGreaterThan(
        840 - 65 - 10,
      );
      await vi.waitFor(
        () =>
          expect(
            seconds(meter('Reads, 15 min').getAttribute('aria-valuetext'), /resets in (\d+) min (\d+) s/),
          ).toBeLessThanOrEqual(840 - 65),
        { timeout: 3000 },
      );

      // After the reset, Sync now goes on with the next window's three reads and stops at the limit again.
      clock.set(Date.UTC(2026, 10, 2, 8, 15, 1));
      vi.setSystemTime(Date.UTC(2026, 10, 2, 8, 15, 1));
      await userEvent.setup().click(screen.getByRole('button', { name: 'Sync now' }));
      await vi.waitFor(() => expect(app.services.store.history.recent()).toHaveLength(2));
      expect(w.sim.apiRequests().length - sent).toBe(3);
      await vi.waitFor(() => expect(used('Reads, today')).toBe(app.desktop.limits().read.requestsDay));
      expect(used('Reads, today')).toBe(after.read.requestsDay + 3);
      await vi.waitFor(() =>
        expect(seconds(screen.getByRole('timer').textContent, /resumes in (\d+) min (\d+) s/)).toBeGreaterThan(
          14 * 60 + 50,
        ),
      );
      expect(screen.getByText(/Last sync .*: stopped at the rate limit/)).toBeTruthy();
    } finally {
      await win.close();
    }
  });
});
