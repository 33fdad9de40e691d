// The route on a map, in the window as it ships (Vite build, its CSP) in Chromium, on the real desktop core, with the
// tile server on loopback (never the internet): with maps off the route is the SVG line and no tile is asked for;
// once the person allows maps in Settings, the map's images load from main, the credit is on the map, the page's CSP
// still names no host, and a failing server leaves the SVG line with a note.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { FakeClock } from '../support/fake-clock';
import { useWorld } from '../support/splits';
import { startTileServer } from '../support/tile-server';

/** Sources a CSP may name without naming any host. */
const HOSTLESS = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);

describe('the route on a map, in Chromium', () => {
  const world = useWorld();

  /** The desktop core with `count` activities synced from the simulator, these settings, and the window on it. */
  async function openSynced(count: number, settings: { showMaps?: boolean; tileServer: string }) {
    const w = await world({ clock: new FakeClock(undefined, 'auto') });
    w.sim.seedActivities(1001, count, { listHiddenShare: 0 });
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, ...settings },
    });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    return { app, harness: await openRenderer(app.table) };
  }

  it('off: the SVG route and no tile asked; allowed: tiles from main, the credit, no host in the CSP; failing: a note', async () => {
    const tiles = await startTileServer();
    const failing = await startTileServer();
    failing.behaviour = 'server-error';
    const { app, harness } = await openSynced(3, { tileServer: tiles.template });
    // main's events reach the page, as webContents.send does (the map follows settings:changed).
    app.listeners.add((channel, payload) => void harness.deliver(channel, payload).catch(() => undefined));
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      const pageAsked: string[] = [];
      page.on('request', (r) => pageAsked.push(r.url()));
      await harness.show({ width: 1280, height: 900 });
      const activity = page.getByRole('complementary', { name: 'Activity' });
      const openFirst = () => openFirstActivity(page);
      const back = async () => {
        await activity.getByRole('button', { name: 'Back to the activities' }).click();
        await activity.waitFor({ state: 'detached' });
      };

      // Off (the default): the SVG line, no map, nothing asked of the tile server.
      await openFirst();
      await activity.locator('svg.route-map').waitFor();
      expect(await activity.locator('.tile-map').count()).toBe(0);
      expect(tiles.asked).toEqual([]);
      await back();

      // The person allows maps, in the words of the question.
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('checkbox', { name: 'Show maps' }).click();
      const question = page.getByRole('group', { name: 'Allow maps?' });
      expect(await question.textContent()).toMatch(/loads map images from 127\.0\.0\.1:\d+, which then see the areas/);
      await question.getByRole('button', { name: 'Allow maps' }).click();
      await expect.poll(async () => (await app.invoke('settings:get')).value).toMatchObject({ showMaps: true });

      await openFirst();
      const map = activity.getByRole('region', { name: /^Map of the route of / });
      await map.waitFor();
      // Every tile drawn is an image that loaded (from a data: URL main answered).
      await expect
        .poll(() =>
          map.evaluate((m) => {
            const imgs = [...m.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
            const loaded = imgs.filter((i) => i.classList.contains('leaflet-tile-loaded'));
            return (
              loaded.length > 0 &&
              loaded.every((i) => i.complete && i.naturalWidth === 256 && i.src.startsWith('data:image/png;base64,'))
            );
          }),
        )
        .toBe(true);
      expect(await activity.locator('svg.route-map').count()).toBe(0);
      const credit = map.locator('.leaflet-control-attribution');
      expect(await credit.isVisible()).toBe(true);
      expect(await credit.textContent()).toMatch(/^© OpenStreetMap contributors, tiles by 127\.0\.0\.1:\d+$/);
      expect(await map.locator('path.map-route-line').count()).toBe(1);
      // Asked by main alone, with Splits' name: the page itself asked the tile server for nothing.
      expect(tiles.asked.length).toBeGreaterThan(0);
      expect(tiles.asked.every((a) => /^Splits\/\d/.test(a.userAgent ?? ''))).toBe(true);
      const tilePort = new URL(tiles.template.replace(/\{\w\}/g, '0')).port;
      expect(pageAsked.filter((url) => url.includes(`:${tilePort}/`))).toEqual([]);
      // The CSP names no host: images come only from the page itself and data: URLs.
      const csp = await page.evaluate(
        () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      );
      const sources = csp
        .split(';')
        .map((d) => d.trim().split(/\s+/).slice(1))
        .flat();
      expect(sources.filter((s) => !HOSTLESS.has(s))).toEqual([]);
      await back();

      // A server that fails: the SVG line, and a short note saying so.
      expect((await app.invoke('settings:set', { tileServer: failing.template })).ok).toBe(true);
      await openFirst();
      const note = activity.getByRole('status').filter({ hasText: /^No map: / });
      await note.waitFor();
      expect(await note.textContent()).toMatch(/The map server 127\.0\.0\.1:\d+ answered 500/);
      await activity.locator('svg.route-map').waitFor();
      expect(await activity.locator('.tile-map').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
      await tiles.stop();
      await failing.stop();
    }
  }, 120_000);
  it('a tile the server does not have stays blank: the map stays, with no note', async () => {
    const tiles = await startTileServer();
    // The first tile asked is missing (a 404, as at the edge of what a server covers); the others are there.
    tiles.missingNext = 1;
    const { app, harness } = await openSynced(1, { showMaps: true, tileServer: tiles.template });
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      await harness.show({ width: 1280, height: 900 });
      const activity = await openFirstActivity(page);
      const map = activity.getByRole('region', { name: /^Map of the route of / });
      await map.waitFor();
      // Every tile has had its answer: one blank (no image), the others drawn.
      await expect
        .poll(() =>
          map.evaluate((m) => {
            const imgs = [...m.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
            const settled = imgs.every(
              (i) => i.classList.contains('leaflet-tile-loaded') || i.classList.contains('map-tile-missing'),
            );
            const drawn = imgs.filter((i) => i.src.startsWith('data:image/png;base64,') && i.naturalWidth === 256);
            const blank = imgs.filter((i) => i.classList.contains('map-tile-missing') && !i.src).length;
            // At most the one missing tile is blank: Leaflet may have let it go already (a tile outside the view
            // after the map was framed to the route), which is no failure either.
            return settled && blank <= 1 && drawn.length > 1 && drawn.length + blank === imgs.length;
          }),
        )
        .toBe(true);
      expect(tiles.missingNext).toBe(0); // the server did answer one tile 404
      expect(tiles.asked.filter((a) => a.path.startsWith('/tiles/')).length).toBeGreaterThan(2);
      // Still the map: no note, no SVG line in its place.
      expect(await activity.locator('.tile-map').count()).toBe(1);
      expect(await activity.locator('svg.route-map').count()).toBe(0);
      expect(
        await activity
          .getByRole('status')
          .filter({ hasText: /^No map: / })
          .count(),
      ).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
      await tiles.stop();
    }
  }, 120_000);
});

/** The Activities tab's first activity, opened: its page. */
async function openFirstActivity(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Activities' }).click();
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').click();
  const activity = page.getByRole('complementary', { name: 'Activity' });
  await activity.waitFor();
  return activity;
}
