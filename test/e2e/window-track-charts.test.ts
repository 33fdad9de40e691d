// The activity page's charts as a person uses them, in the real window (the built main on the electron stand-in, its
// page in Chromium) over a track the real backfill fetched from the simulator's streams: the pointer over one chart
// moves the cursor on every chart and the marker along the route, the arrow keys do the same on a focused chart, and
// the x-axis switches between distance and time, a choice kept for the next activity opened.
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type { TrackView } from '../../common/track-view';
import { runCli } from '../support/cli';
import { splitsCall, simulatorEnv } from '../support/desktop-page';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { useTempDirs } from '../support/temp-dirs';
import { StravaSimulator, systemClock } from '../strava-sim';

const makeTempDir = useTempDirs('splits-window-track-charts-');

/** What the page shows of the cursor: the x readout, each chart's value, and the route's marker. */
async function cursorState(page: Page) {
  return page.evaluate(() => {
    const marker = document.querySelector('.route-marker');
    return {
      x: document.querySelector('.track-cursor-x')?.textContent ?? '',
      readouts: [...document.querySelectorAll('figure.track-chart')].map((f) => ({
        title: f.querySelector('figcaption span')?.textContent ?? '',
        value: f.querySelector('output.track-readout')?.textContent ?? '',
      })),
      marker: marker ? [Number(marker.getAttribute('cx')), Number(marker.getAttribute('cy'))] : null,
      // Each chart's own cursor line (uPlot moves it with a transform): one cursor is at one place on all of them.
      lines: [...document.querySelectorAll<HTMLElement>('figure.track-chart .u-cursor-x')].map(
        (l) => l.style.transform,
      ),
      // The route's vertices, point by point of the view (every point of the simulator's streams has a position).
      vertices: [
        ...(document.querySelector('.route-line')?.getAttribute('d') ?? '').matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g),
      ].map((m) => [Number(m[1]), Number(m[2])]),
    };
  });
}

/** The plotting area of the n-th chart, scrolled into the window first (the pointer reaches only what is shown). */
async function boxOf(page: Page, n: number) {
  const over = page.locator('figure.track-chart .u-over').nth(n);
  await over.scrollIntoViewIfNeeded();
  return (await over.boundingBox())!;
}

type State = Awaited<ReturnType<typeof cursorState>>;

/**
 * The points of the view the page may be at, read from what it shows and the view's own numbers: the x readout
 * ("at 5.20 km", "at 0:25:10") names a distance or a time, the heart rate's readout its value there, and the marker
 * sits on the route's vertex of that point. Every one of the three must agree on at least one point.
 */
function pointsShown(state: State, view: TrackView): number[] {
  const hr = state.readouts.find((r) => r.title.startsWith('Heart rate'))!.value;
  const km = /^at (\d+\.\d\d) km$/.exec(state.x);
  const clock = /^at (\d+):(\d\d):(\d\d)$/.exec(state.x);
  let most = 0;
  const dist = view.dist!.map((d) => (most = Math.max(most, d ?? most)));
  return view.t!.flatMap((t, i) => {
    const atX = km
      ? (dist[i]! / 1000).toFixed(2) === km[1]
      : clock
        ? Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) === Math.round(t)
        : false;
    const atHr = hr === `${Math.round(view.hr![i]!)} bpm`;
    const vertex = state.vertices[i]!;
    const atMarker = state.marker !== null && state.marker[0] === vertex[0] && state.marker[1] === vertex[1];
    return atX && atHr && atMarker ? [i] : [];
  });
}

describe("the activity page's charts, in Chromium", () => {
  it('moves one cursor over every chart and a marker along the route, by pointer and by keys, on distance or time', async () => {
    const sim = await new StravaSimulator({ clock: systemClock as never }).start();
    const dataDir = await makeTempDir();
    const env = simulatorEnv(sim, true) as Record<string, string>;
    try {
      // A ride with every stream: position, elevation, speed, heart rate, cadence and power.
      const ride = sim.addActivity(1001, {
        name: 'Charted ride',
        sportType: 'Ride',
        manual: false,
        trainer: false,
        averageHeartrate: 141,
        averageWatts: 210,
        distance: 24_000,
        movingTime: 3_000,
        elapsedTime: 3_100,
        visibility: 'everyone',
      });
      const cli = { ...env, SPLITS_DATA_DIR: dataDir };
      const login = await runCli(
        ['login', '--refresh-token', sim.grantTokens(1001, 'read,activity:read_all').refresh_token],
        cli,
      );
      expect(login.code, login.stderr).toBe(0);
      // The backfill fetches the ride's streams (Fetch tracks is on by default) and stores its track and view.
      const synced = await runCli(['sync'], cli);
      expect(synced.code, synced.stderr).toBe(0);

      const app = await bootDesktopApp({ dataDir, env });
      await vi.waitFor(() => expect(app.electron.tray()).toBeTruthy(), { timeout: 20_000 });
      app.electron.clickTrayMenu('Open Splits');
      const page = await app.page(await app.window());
      const view = (await splitsCall(page, 'activities.track', { athleteId: 1001, id: ride.id })) as {
        ok: boolean;
        value: TrackView;
      };
      expect(view.ok).toBe(true);
      const track = view.value;
      expect(track.source).toBe('api');
      const points = track.t!.length;

      const open = async () => {
        await page.getByRole('tab', { name: 'Activities' }).click();
        await page.locator('[role=grid] [role=row][aria-rowindex="2"]').click();
        await page.keyboard.press('Enter');
        await page.getByText(/^Recorded track from Strava/).waitFor({ timeout: 10_000 });
        await expect.poll(async () => page.locator('figure.track-chart canvas').count(), { timeout: 10_000 }).toBe(5);
      };
      await open();
      expect((await cursorState(page)).readouts.map((r) => r.title.replace(/ \(.*$/, ''))).toEqual([
        'Elevation',
        'Speed',
        'Heart rate',
        'Cadence',
        'Power',
      ]);
      const axis = page.getByRole('group', { name: 'Charts over' });
      expect(await axis.getByRole('button', { name: 'Distance' }).getAttribute('aria-pressed')).toBe('true');
      // No cursor yet: no marker, no values.
      expect((await cursorState(page)).marker).toBeNull();
      // One cursor, one tab stop: the first chart; every chart a slider by a short name, the keys said as its
      // description, and no value claimed before a point is chosen.
      const sliders = page.getByRole('slider');
      expect(await sliders.evaluateAll((all) => all.map((e) => e.getAttribute('tabindex')))).toEqual([
        '0',
        '-1',
        '-1',
        '-1',
        '-1',
      ]);
      for (const title of ['Elevation', 'Speed', 'Heart rate', 'Cadence', 'Power']) {
        const slider = page.getByRole('slider', { name: `${title} over distance`, exact: true });
        expect(await slider.getAttribute('aria-valuenow')).toBeNull();
        expect(await slider.getAttribute('aria-valuetext')).toBe('no point chosen');
        const described = await slider.evaluate(
          (e) => document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
        );
        expect(described).toMatch(/^The left and right arrow keys move the cursor along the activity/);
      }

      // The pointer over the heart rate's chart, a third of the way along, then two thirds.
      const seen: State[] = [];
      for (const share of [1 / 3, 2 / 3]) {
        const hrBox = await boxOf(page, 2);
        await page.mouse.move(hrBox.x + share * hrBox.width, hrBox.y + hrBox.height / 2);
        // Waited for until the page shows a point other than the last one seen (the readouts follow in a frame).
        const before = seen.at(-1)?.x;
        await expect
          .poll(async () => (await cursorState(page)).x, { timeout: 10_000 })
          .toSatisfy((x: string) => /^at \d+\.\d\d km$/.test(x) && x !== before);
        const state = await cursorState(page);
        // Every chart shows its value in its unit, not only the one under the pointer.
        const values = state.readouts.map((r) => r.value);
        expect(values[0]).toMatch(/^\d[\d,]* m$/);
        expect(values[1]).toMatch(/^\d+\.\d km\/h$/);
        expect(values[2]).toMatch(/^\d+ bpm$/);
        expect(values[3]).toMatch(/^\d+ rpm$/);
        expect(values[4]).toMatch(/^\d+ W$/);
        expect(pointsShown(state, track), JSON.stringify({ x: state.x, values, marker: state.marker })).not.toEqual([]);
        expect(state.lines).toHaveLength(5);
        expect(new Set(state.lines).size, state.lines.join(' | ')).toBe(1);
        expect(state.lines[0]).not.toMatch(/^translate\(-10px/);
        seen.push(state);
      }
      // The cursor moved: on along the way, the values and the marker with it.
      const [first, second] = seen as [State, State];
      expect(Number(/[\d.]+/.exec(second.x)![0])).toBeGreaterThan(Number(/[\d.]+/.exec(first.x)![0]));
      expect(second.marker).not.toEqual(first.marker);
      expect(Math.min(...pointsShown(second, track))).toBeGreaterThan(Math.max(...pointsShown(first, track)));

      // The keyboard: the power chart focused, Home, then one step right, then End.
      await page.mouse.move(0, 0);
      const power = page.getByRole('slider', { name: 'Power over distance', exact: true });
      await power.focus();
      await page.keyboard.press('Home');
      await expect.poll(async () => pointsShown(await cursorState(page), track)).toContain(0);
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => pointsShown(await cursorState(page), track)).toContain(1);
      expect(await power.getAttribute('aria-valuenow')).toBe('1');
      expect(await power.getAttribute('aria-valuetext')).toMatch(/^\d+ W at \d+\.\d\d km$/);
      await page.keyboard.press('End');
      await expect.poll(async () => pointsShown(await cursorState(page), track)).toContain(points - 1);
      expect((await cursorState(page)).x).toBe(`at ${(track.dist!.at(-1)! / 1000).toFixed(2)} km`);
      expect(new Set((await cursorState(page)).lines).size).toBe(1);

      // Over time: the cursor stays on its point, now told as a time; the pointer then moves it in time.
      await axis.getByRole('button', { name: 'Time' }).click();
      expect(await axis.getByRole('button', { name: 'Time' }).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(async () => (await cursorState(page)).x).toMatch(/^at \d:\d\d:\d\d$/);
      expect(pointsShown(await cursorState(page), track)).toContain(points - 1);
      expect(await page.getByRole('slider', { name: 'Heart rate over time', exact: true }).count()).toBe(1);
      const timeBox = await boxOf(page, 0);
      const atEnd = (await cursorState(page)).x;
      await page.mouse.move(timeBox.x + timeBox.width / 2, timeBox.y + timeBox.height / 2);
      await expect.poll(async () => (await cursorState(page)).x).not.toBe(atEnd);
      await expect.poll(async () => pointsShown(await cursorState(page), track).length).toBeGreaterThan(0);
      const middle = pointsShown(await cursorState(page), track)[0]!;
      // Halfway across a time axis is near half the moving time (the scale pads its ends a little).
      expect(Math.abs(track.t![middle]! - track.t!.at(-1)! / 2)).toBeLessThan(track.t!.at(-1)! / 10);

      // The choice is kept: back to the table and into the activity again, the charts are over time.
      await page.getByRole('button', { name: 'Back to the activities' }).click();
      await open();
      expect(
        await page
          .getByRole('group', { name: 'Charts over' })
          .getByRole('button', { name: 'Time' })
          .getAttribute('aria-pressed'),
      ).toBe('true');
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 180_000);
});
