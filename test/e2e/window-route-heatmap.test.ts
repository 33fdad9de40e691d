// The heatmap of every route (issue 19), in the window as it ships (Vite build, its CSP) in Chromium, on the real
// desktop core synced from the simulator, with the tile server on loopback (never the internet): with maps off each
// athlete's routes are drawn on a plain canvas and no tile is asked for; once maps are allowed the same routes are
// drawn over the map's images (from main), framed to them, with the server's credit on the map.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { RoutesView } from '../../common/route-heatmap';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { FakeClock } from '../support/fake-clock';
import { useWorld } from '../support/splits';
import { startTileServer } from '../support/tile-server';
import { encodePolyline } from '../strava-sim/random';

/** How many pixels of a canvas something was drawn on, and how much of the canvas they span (0 to 1 each way). */
function painted(canvas: Locator): Promise<{ pixels: number; across: number; down: number }> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let pixels = 0;
    let [left, right, top, bottom] = [c.width, -1, c.height, -1];
    for (let i = 3; i < data.length; i += 4) {
      if (data[i]! === 0) continue;
      pixels++;
      const x = ((i - 3) / 4) % c.width;
      const y = Math.floor((i - 3) / 4 / c.width);
      [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
    }
    return { pixels, across: (right - left + 1) / c.width, down: (bottom - top + 1) / c.height };
  });
}

/** Framed to the routes: drawn, and filling the picture one way or the other (fitted, its shape kept). */
async function expectFramedRoutes(canvas: Locator): Promise<void> {
  await expect.poll(async () => (await painted(canvas)).pixels).toBeGreaterThan(100);
  const { across, down } = await painted(canvas);
  expect(Math.max(across, down)).toBeGreaterThan(0.6);
}

describe('the heatmap of every route, in Chromium', () => {
  const world = useWorld();

  it("each athlete's routes: on a plain canvas with maps off (no tile asked), over the map's images once allowed", async () => {
    const tiles = await startTileServer();
    const w = await world({
      clock: new FakeClock(undefined, 'auto'),
      athletes: [
        { id: 1001, firstname: 'Ada', lastname: 'Lovelace' },
        { id: 2002, firstname: 'Grace', lastname: 'Hopper' },
      ],
    });
    const seeded = {
      1001: w.sim.seedActivities(1001, 8, { listHiddenShare: 0 }),
      2002: w.sim.seedActivities(2002, 5, { listHiddenShare: 0 }),
    };
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, tileServer: tiles.template },
    });
    await w.connect(app.services, 1001);
    await w.connect(app.services, 2002);
    await app.desktop.start();
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);

    // Main answers each athlete's own route outlines, as the simulator made them; one without a route is counted.
    for (const athleteId of [1001, 2002] as const) {
      const withRoute = seeded[athleteId].filter((a) => a.route.length > 0);
      const answer = await app.invoke('activities:routes', { athleteId });
      expect(answer.ok).toBe(true);
      const value = answer.value as RoutesView;
      expect([...value.routes].sort()).toEqual(withRoute.map((a) => encodePolyline(a.route)).sort());
      expect(value.withoutRoute).toBe(seeded[athleteId].length - withRoute.length);
    }

    const harness = await openRenderer(app.table);
    app.listeners.add((channel, payload) => void harness.deliver(channel, payload).catch(() => undefined));
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      await harness.show({ width: 1280, height: 900 });
      await page.getByRole('tab', { name: 'Statistics' }).click();
      // Every athlete shown: each one's own heatmap, in the order of their ids, of their own routes.
      const heatmaps = {
        1001: page.getByRole('region', { name: /^Every route\b/ }).nth(0),
        2002: page.getByRole('region', { name: /^Every route\b/ }).nth(1),
      };
      const routesOf = (id: 1001 | 2002) => seeded[id].filter((a) => a.route.length > 0).length;

      // Off (the default): the plain canvas, drawn, and nothing asked of the tile server.
      for (const id of [1001, 2002] as const) {
        const canvas = heatmaps[id].locator('canvas.routes-canvas');
        await canvas.waitFor();
        expect(await canvas.getAttribute('aria-label')).toMatch(new RegExp(`^Heatmap of ${routesOf(id)} routes\\b`));
        await expectFramedRoutes(canvas);
        expect(await heatmaps[id].locator('.leaflet-container').count()).toBe(0);
      }
      expect(tiles.asked).toEqual([]);

      // Maps allowed: the same routes over the map's images, the credit on the map.
      expect((await app.invoke('settings:set', { showMaps: true })).ok).toBe(true);
      const map = heatmaps[1001].locator('.routes-map');
      await map.waitFor();
      expect(await heatmaps[1001].locator('canvas.routes-canvas').count()).toBe(0);
      await expect
        .poll(() =>
          map.evaluate((m) => {
            const loaded = [...m.querySelectorAll<HTMLImageElement>('.leaflet-tile-pane img.leaflet-tile-loaded')];
            return (
              loaded.length > 0 && loaded.every((i) => i.naturalWidth === 256 && i.src.startsWith('data:image/png'))
            );
          }),
        )
        .toBe(true);
      // The routes' canvas lies in the overlay pane, which Leaflet stacks above the tiles' pane, and is drawn on, framed to the routes.
      const overlay = map.locator('.leaflet-overlay-pane canvas.routes-overlay');
      await expectFramedRoutes(overlay);
      const stacking = await map.evaluate((m) => {
        const z = (selector: string) => Number(getComputedStyle(m.querySelector(selector)!).zIndex);
        return { tiles: z('.leaflet-tile-pane'), routes: z('.leaflet-overlay-pane') };
      });
      expect(stacking.routes).toBeGreaterThan(stacking.tiles);
      const credit = map.locator('.leaflet-control-attribution');
      expect(await credit.isVisible()).toBe(true);
      expect(await credit.textContent()).toMatch(/^© OpenStreetMap contributors, tiles by 127\.0\.0\.1:\d+$/);
      expect(tiles.asked.length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
      await tiles.stop();
    }
  }, 120_000);
});
