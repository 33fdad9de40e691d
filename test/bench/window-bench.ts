// The window's speed at 20,000 activities, in Chromium (issue 8, Speed): the renderer as it ships, served by
// openRenderer() with window.splits on a handler table over the real store, filled by a real full sync from the
// simulator. Measured, never asserted: the machine is shared.
import type { Page } from 'playwright-core';
import { createHandlers, type HandlerTable } from '../../main/desktop/ipc-handlers';
import type { SplitsDesktop } from '../../main/desktop/splits-desktop';
import { StravaError } from '../../main/strava/errors';
import { openRenderer } from '../support/browser';
import { FakeClock } from '../support/fake-clock';
import { progress, round } from './stats';
import { ATHLETE, openSplits, startSim, syncAfterLock, UNLIMITED } from './world';

export interface WindowFigures {
  activities: number;
  /** From navigation start to the first data row drawn with its text, ms. */
  firstRowsMs: number;
  /** From the click or keystroke to the new first rows (or count) on screen, ms. */
  sortMs: number;
  filterMs: number;
  /** Search includes the 150 ms typing pause; searchAfterPauseMs is the part after it. */
  searchMs: number;
  searchAfterPauseMs: number;
  scroll: { frames: number; durationMs: number; meanFrameMs: number; maxFrameMs: number; longTasks: number; longestTaskMs: number };
  heapUsedMb: number;
}

const SEARCH_PAUSE_MS = 150;

/**
 * The desktop-only channels (sync state, limits, settings) need the Electron side; the browser here reads
 * activities only, so those answer a plain error and the window shows its defaults (metric units).
 */
function benchTable(services: Awaited<ReturnType<typeof openSplits>>['services']): HandlerTable {
  const noDesktop = () => {
    throw new StravaError('not-found', 'not part of the window benchmark');
  };
  const desktop = new Proxy({}, { get: () => noDesktop }) as unknown as SplitsDesktop;
  return createHandlers({ appInfo: { name: 'Splits', version: 'bench' }, desktop, services, ready: () => undefined });
}

export async function measureWindow(count = 20_000): Promise<WindowFigures> {
  const clock = new FakeClock();
  const sim = await startSim(count, { clock, limits: UNLIMITED });
  const splits = await openSplits(sim, clock);
  try {
    progress(`window: a full sync of ${count} activities to fill the store`);
    await syncAfterLock(splits.services.engine, { trigger: 'cli', full: true, details: false });
    const stored = (await splits.services.store.query({ pageSize: 1 })).total;
    const harness = await openRenderer(benchTable(splits.services));
    try {
      const { page } = harness;
      // tsx names functions with an __name helper that the page does not have: evaluated functions need it there.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      progress('window: first rows, sort, filter, search, scroll, heap');
      await page.goto(harness.url);
      const firstRowsMs = await page.evaluate(() => {
        const ready = () => document.querySelector('[role=grid] [role=row][aria-rowindex="2"]:not([aria-busy]) [role=gridcell]')?.textContent;
        return new Promise<number>((resolve) => {
          const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
          check();
        });
      });
      const sortMs = await timeChange(page, () => {
        const header = [...document.querySelectorAll('[role=columnheader]')].find((h) => h.textContent?.startsWith('Distance'))!;
        header.querySelector('button')!.click();
      }, firstRowText);
      await page.locator('summary', { hasText: 'Sports:' }).click();
      // Each change is timed until the count shows main's answer for it (known here from the store itself), so an
      // intermediate text ("updating", the old total) never counts as done.
      // The first box is the first of main's (sorted) sport types.
      const sport = (await splits.services.store.query({ pageSize: 1 })).sportTypes[0]!;
      const filtered = (await splits.services.store.query({ pageSize: 1, sportTypes: [sport] })).total;
      const filterMs = await timeUntil(page, () => (document.querySelector('.sport-filter input[type=checkbox]') as HTMLInputElement).click(), filtered);
      const searched = (await splits.services.store.query({ pageSize: 1, sportTypes: [sport], search: 'run' })).total;
      const searchMs = await timeUntil(page, () => {
        const input = document.querySelector('input[type=search]') as HTMLInputElement;
        // React listens for input events; the native setter makes it see the new value.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'run');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, searched);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForFunction((n) => document.querySelector('.activity-count')?.textContent?.startsWith(n), stored.toLocaleString('en-US'));
      const scroll = await page.evaluate(async () => {
        const grid = document.querySelector('[role=grid]') as HTMLElement;
        const start = performance.now();
        const frames: number[] = [];
        let last = start;
        // A fast fling: 2,400 px a frame (75 rows), down through the whole table.
        await new Promise<void>((resolve) => {
          const step = (now: number) => {
            frames.push(now - last);
            last = now;
            grid.scrollTop += 2400;
            if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1 || frames.length > 600) resolve();
            else requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        await new Promise((r) => setTimeout(r, 200)); // long tasks are reported after they end
        const end = performance.now();
        const tasks = (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((t) => t.start >= start && t.start <= end);
        const intervals = frames.slice(1);
        return {
          frames: frames.length,
          durationMs: end - start - 200,
          meanFrameMs: intervals.reduce((a, b) => a + b, 0) / Math.max(1, intervals.length),
          maxFrameMs: Math.max(0, ...intervals),
          longTasks: tasks.length,
          longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
        };
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return {
        activities: stored,
        firstRowsMs: round(firstRowsMs, 0),
        sortMs: round(sortMs, 1),
        filterMs: round(filterMs, 1),
        searchMs: round(searchMs, 1),
        searchAfterPauseMs: round(searchMs - SEARCH_PAUSE_MS, 1),
        scroll: { ...scroll, durationMs: round(scroll.durationMs, 0), meanFrameMs: round(scroll.meanFrameMs, 1), maxFrameMs: round(scroll.maxFrameMs, 1), longestTaskMs: round(scroll.longestTaskMs, 0) },
        heapUsedMb: round(heap.usedSize / 2 ** 20, 1),
      };
    } finally {
      await harness.close();
    }
  } finally {
    await sim.stop();
    await splits.dispose();
  }
}

const firstRowText = () => document.querySelector('[role=grid] [role=row][aria-rowindex="2"]:not([aria-busy])')?.textContent ?? '';

/** Runs `act` in the page and the time until `read` gives something else than before, checked every frame. */
async function timeChange(page: Page, act: () => void, read: () => string): Promise<number> {
  return page.evaluate(
    ([actSource, readSource]) => {
      const actFn = new Function(`return (${actSource})()`) as () => void;
      const readFn = new Function(`return (${readSource})()`) as () => string;
      const before = readFn();
      const t0 = performance.now();
      actFn();
      return new Promise<number>((resolve) => {
        const check = () => {
          const now = readFn();
          if (now !== before && !now.includes('updating')) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    [act.toString(), read.toString()] as const,
  );
}

/** Runs `act` in the page and the time until the activity count starts with `total` (and is not "updating"). */
async function timeUntil(page: Page, act: () => void, total: number): Promise<number> {
  return page.evaluate(
    ([actSource, expected]) => {
      const actFn = new Function(`return (${actSource})()`) as () => void;
      const t0 = performance.now();
      actFn();
      return new Promise<number>((resolve) => {
        const check = () => {
          const text = document.querySelector('.activity-count')?.textContent ?? '';
          if (text.startsWith(expected as string) && !text.includes('updating')) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    [act.toString(), total.toLocaleString('en-US')] as const,
  );
}

// `tsx test/bench/window-bench.ts`: this one alone, as JSON.
if (process.argv[1]?.endsWith('window-bench.ts')) {
  const count = Number(process.env.BENCH_WINDOW_ACTIVITIES ?? 20_000);
  process.stdout.write(`${JSON.stringify({ window: await measureWindow(count), athlete: ATHLETE }, null, 2)}\n`);
}
