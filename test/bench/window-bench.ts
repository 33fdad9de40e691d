// The window's speed at 20,000 activities, in Chromium (issue 8, Speed): the renderer as it ships, served by the
// demo's server (scripts/demo) with window.splits over HTTP to a handler table on the real store, filled by a real
// full sync from the simulator. Measured, never asserted: the machine is shared.
//
// What a person sees is timed in the page itself (performance marks, frames, PerformanceObserver), never by round
// trips over the DevTools protocol, which add their own latency:
// - first rows: from the shell's first paint (when Electron shows the window: ready-to-show) to the paint with the
//   first rows, in a fresh browser context per load; navigation start to first rows is reported beside it;
// - sort, filter, search: from the input event (a real click or keystroke through Chromium's input) to the paint with
//   the new rows;
// - scroll: long tasks while a fast fling goes through every row.
// The bridge is HTTP and JSON here, where Electron's is a structured clone over IPC; its own cost is measured apart
// (bridge), with Playwright's binding (JSON over the DevTools protocol, which earlier measurements used) beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { createHandlers, dispatch, type HandlerTable } from '../../main/desktop/ipc-handlers';
import type { SplitsDesktop } from '../../main/desktop/splits-desktop';
import { knownRoots, PathScrubber } from '../../main/desktop/without-paths';
import { silentLogger } from '../../main/log';
import { StravaError } from '../../main/strava/errors';
import { buildWindow } from '../../scripts/demo/build';
import { startDemoServer } from '../../scripts/demo/server';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium';
import { FakeClock } from '../support/fake-clock';
import { median, progress, round, stopwatch } from './stats';
import { ATHLETE, openSplits, startSim, syncAfterLock, UNLIMITED } from './world';

export interface ScrollFigures {
  frames: number;
  durationMs: number;
  meanFrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface WindowFigures {
  activities: number;
  /** From the shell's first paint (the window shown) to the paint with the first data rows, ms (median of the loads). */
  firstRowsMs: number;
  /** The same loads from navigation start, and navigation start to the shell's first paint. */
  firstRowsFromNavigationMs: number;
  shellPaintMs: number;
  /** From the input event to the paint with the new rows, ms (medians). */
  sortMs: number;
  filterMs: number;
  /** Search includes the 150 ms typing pause; searchAfterPauseMs is the part after it. */
  searchMs: number;
  searchAfterPauseMs: number;
  /** Every sample behind the medians above. */
  samples: {
    firstRows: number[];
    firstRowsFromNavigation: number[];
    sort: number[];
    filter: number[];
    search: number[];
  };
  /** The median of each figure over the flings; runs has each fling's own. */
  scroll: ScrollFigures & { runs: ScrollFigures[] };
  /**
   * The renderer's main-thread CPU time for the same actions (Chromium's ThreadTime), medians: what the figures above
   * cost the page itself, whatever else the machine runs. A click's includes Playwright's checks before it (a few ms).
   */
  cpu: { sortMs: number; filterMs: number; searchMs: number; scrollPerFrameMs: number };
  /** The bridge's own cost (medians): main's query, and a round trip from the page over each transport. */
  bridge: {
    mainPageMs: number;
    mainSortMs: number;
    mainSearchMs: number;
    infoRoundTripMs: number;
    pageRoundTripMs: number;
    pagePlaywrightBindingMs: number;
  };
  heapUsedMb: number;
}

const SEARCH_PAUSE_MS = 150;
const LOADS = 5;
const FLINGS = 3;
/** Electron's window (main/desktop/electron/main-window.ts). */
const VIEWPORT = { width: 1100, height: 760 };

/**
 * The page's side of the measurement, run before the window's own scripts: the long-task observer, and a watcher that
 * resolves with the paint after a condition holds (checked every frame; the timeout after the frame's callback runs
 * once that frame has been drawn). Plain JavaScript: the page has no tsx helpers.
 */
const PAGE_PROBE = `(() => {
  const firstRow = () => document.querySelector('[role=grid] [role=row][aria-rowindex="2"]:not([aria-busy])')?.textContent ?? '';
  const count = () => document.querySelector('.activity-count')?.textContent ?? '';
  const bench = (window.__bench = {
    longTasks: [],
    firstRow,
    // cond: { firstRowNot?: string, countStarts?: string }; rows drawn, nothing "updating", and the change shown.
    paintWhen(cond) {
      const done = () => {
        const c = count();
        const f = firstRow();
        if (!f || c.includes('updating')) return false;
        if (cond.firstRowNot !== undefined && f === cond.firstRowNot) return false;
        return cond.countStarts === undefined || c.startsWith(cond.countStarts);
      };
      return new Promise((resolve) => {
        const check = () => (done() ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
    },
    // The next event of this type (its own timeStamp) to the paint that shows the change.
    arm(type, cond) {
      if (cond.firstRowNot === true) cond.firstRowNot = firstRow();
      bench.pending = new Promise((resolve) =>
        addEventListener(type, (e) => { const at = e.timeStamp; bench.paintWhen(cond).then((p) => resolve(p - at)); }, { capture: true, once: true }),
      );
    },
  });
  bench.firstRows = bench.paintWhen({});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

/**
 * The desktop-only channels (sync state, limits, settings) need the Electron side; the browser here reads
 * activities only, so those answer a plain error and the window shows its defaults (metric units).
 */
export function benchTable(services: Awaited<ReturnType<typeof openSplits>>['services']): HandlerTable {
  const noDesktop = () => {
    throw new StravaError('not-found', 'not part of the window benchmark');
  };
  // The door's path scrubber is the desktop's too: a real one, or every answer would fail at the door.
  const scrub = new PathScrubber(knownRoots(services.config.dataDir));
  const desktop = new Proxy({}, { get: (_, key) => (key === 'scrub' ? scrub : noDesktop) }) as unknown as SplitsDesktop;
  return createHandlers({ appInfo: { name: 'Splits', version: 'bench' }, desktop, services, ready: () => undefined });
}

export async function measureWindow(count = 20_000): Promise<WindowFigures> {
  // Before the sync that fills the store: without a browser there is nothing to measure.
  const executablePath = chromiumPath();
  const clock = new FakeClock();
  const sim = await startSim(count, { clock, limits: UNLIMITED });
  const splits = await openSplits(sim, clock);
  const buildDir = await mkdtemp(join(tmpdir(), 'splits-window-bench-'));
  try {
    progress(`window: a full sync of ${count} activities to fill the store`);
    await syncAfterLock(splits.services.engine, { trigger: 'cli', full: true, details: false, tracks: false });
    const store = splits.services.store;
    const totalOf = async (q: Parameters<typeof store.query>[0]) => (await store.query({ ...q, pageSize: 1 })).total;
    const stored = await totalOf({});
    const table = benchTable(splits.services);
    const built = await buildWindow({ cacheDir: buildDir });
    const server = await startDemoServer({
      dir: built.dir,
      bridgeScript: built.bridgeScript,
      table,
      logger: silentLogger,
    });
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
    try {
      progress('window: first rows');
      const loads: Array<{ fromPaint: number; fromNavigation: number; shellPaint: number }> = [];
      let page: Page | null = null;
      for (let i = 0; i < LOADS; i++) {
        if (page) await page.context().close();
        page = await openWindow(browser, server.url, table);
        loads.push(await withinOrSay(page, page.evaluate(firstRowsOfLoad)));
      }
      page = page!;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const cpu = { sort: [] as number[], filter: [] as number[], search: [] as number[], scroll: [] as number[] };
      const timed = async (into: number[], cpuInto: number[], run: () => Promise<number>) => {
        const before = await threadTime(cdp);
        into.push(await run());
        cpuInto.push((await threadTime(cdp)) - before);
      };

      progress('window: the bridge');
      const bridge = await measureBridge(page);

      progress('window: sort, filter, search');
      const sort: number[] = [];
      for (const label of ['Distance', 'Distance', 'Date', 'Name', 'Elevation', 'Moving time']) {
        const header = page.getByRole('columnheader').filter({ hasText: label }).getByRole('button');
        await timed(sort, cpu.sort, () => timeInput(page, 'click', { firstRowNot: true }, () => header.click()));
      }
      await page.locator('summary', { hasText: 'Sports:' }).click();
      const [a, b] = (await store.query({ pageSize: 1 })).sportTypes;
      // The boxes follow main's sorted sport types: the first two are a and b.
      const box = (sport: string) => page.locator('.sport-filter input[type=checkbox]').nth(sport === a ? 0 : 1);
      const filter: number[] = [];
      for (const [sport, expected] of [
        [a!, await totalOf({ sportTypes: [a!] })],
        [b!, await totalOf({ sportTypes: [a!, b!] })],
        [a!, await totalOf({ sportTypes: [b!] })],
        [b!, stored],
      ] as const) {
        await timed(filter, cpu.filter, () =>
          timeInput(page, 'click', { countStarts: expected.toLocaleString('en-US') }, () => box(sport).click()),
        );
      }
      await page.locator('summary', { hasText: 'Sports:' }).click();
      const search: number[] = [];
      const input = page.getByRole('searchbox');
      for (const text of ['run', 'ride', 'morning', '']) {
        const expected = text ? await totalOf({ search: text }) : stored;
        await timed(search, cpu.search, () =>
          timeInput(page, 'input', { countStarts: expected.toLocaleString('en-US') }, () => input.fill(text)),
        );
      }

      progress('window: scroll');
      const flings: ScrollFigures[] = [];
      for (let i = 0; i < FLINGS; i++) {
        // A new sort each time, so every page is asked for again, as in a first scroll.
        const date = page.getByRole('columnheader').filter({ hasText: 'Date' }).getByRole('button');
        await timeInput(page, 'click', { firstRowNot: true }, () => date.click());
        const before = await threadTime(cdp);
        const run = await page.evaluate(fling);
        flings.push(run);
        cpu.scroll.push(((await threadTime(cdp)) - before) / run.frames);
      }

      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const med = (values: number[], digits = 1) => round(median(values), digits);
      const scrollOf = (key: keyof ScrollFigures) => med(flings.map((f) => f[key]));
      return {
        activities: stored,
        firstRowsMs: med(
          loads.map((l) => l.fromPaint),
          0,
        ),
        firstRowsFromNavigationMs: med(
          loads.map((l) => l.fromNavigation),
          0,
        ),
        shellPaintMs: med(
          loads.map((l) => l.shellPaint),
          0,
        ),
        sortMs: med(sort),
        filterMs: med(filter),
        searchMs: med(search),
        searchAfterPauseMs: round(median(search) - SEARCH_PAUSE_MS, 1),
        samples: {
          firstRows: loads.map((l) => round(l.fromPaint, 0)),
          firstRowsFromNavigation: loads.map((l) => round(l.fromNavigation, 0)),
          sort: sort.map((v) => round(v, 1)),
          filter: filter.map((v) => round(v, 1)),
          search: search.map((v) => round(v, 1)),
        },
        scroll: {
          frames: scrollOf('frames'),
          durationMs: scrollOf('durationMs'),
          meanFrameMs: scrollOf('meanFrameMs'),
          maxFrameMs: scrollOf('maxFrameMs'),
          longTasks: scrollOf('longTasks'),
          longestTaskMs: scrollOf('longestTaskMs'),
          runs: flings.map((f) => ({
            ...f,
            durationMs: round(f.durationMs, 0),
            meanFrameMs: round(f.meanFrameMs, 1),
            maxFrameMs: round(f.maxFrameMs, 1),
            longestTaskMs: round(f.longestTaskMs, 0),
          })),
        },
        cpu: {
          sortMs: med(cpu.sort),
          filterMs: med(cpu.filter),
          searchMs: med(cpu.search),
          scrollPerFrameMs: med(cpu.scroll),
        },
        bridge: {
          ...bridge,
          ...(await measureMain(table)),
        },
        heapUsedMb: round(heap.usedSize / 2 ** 20, 1),
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await sim.stop();
    await splits.dispose();
    await rm(buildDir, { recursive: true, force: true });
  }
}

/**
 * A fresh context (its own renderer, no cache: the demo's server says no-store, as Electron's file:// has no HTTP
 * cache), with Playwright's binding beside the HTTP bridge for measureBridge. A page of the same origin loads first, so
 * the app's load starts in a running renderer, as in Electron's window, whose renderer starts with the window.
 */
async function openWindow(browser: Browser, url: string, table: HandlerTable): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.exposeBinding('__playwrightInvoke', (_source, channel: string, args: unknown[]) =>
    dispatch(table, channel, args),
  );
  // tsx names functions with an __name helper that the page does not have: evaluated functions need it there.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript({ content: PAGE_PROBE });
  const page = await context.newPage();
  // A page of the origin that runs nothing of the app: the bridge's script, shown as text. (An empty 404 no longer
  // does: Chromium takes it for a failed navigation and shows its own error page, from another origin.)
  await page.goto(new URL('/demo-bridge.js', url).toString());
  await page.goto(url);
  return page;
}

interface PageBench {
  firstRows: Promise<number>;
  pending: Promise<number>;
  longTasks: Array<{ start: number; duration: number }>;
  arm: (type: string, cond: { firstRowNot?: true | string; countStarts?: string }) => void;
  paintWhen: (cond: object) => Promise<number>;
}

/** Longest a window may take to show its first rows before the benchmark stops, rather than wait for ever. */
const FIRST_ROWS_LIMIT_MS = 60_000;

/**
 * `work`, or an error that says what the page shows instead once FIRST_ROWS_LIMIT_MS have passed: a window that fails
 * to show its rows (an answer the door refused, say) stopped the whole benchmark's run without a word.
 */
async function withinOrSay<T>(page: Page, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void page
        .evaluate(() => document.body.innerText)
        .catch(() => '(the page could not be read)')
        .then((text) =>
          reject(
            new Error(
              `the window showed no rows within ${FIRST_ROWS_LIMIT_MS / 1000} s; it shows: ${text.slice(0, 600)}`,
            ),
          ),
        );
    }, FIRST_ROWS_LIMIT_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** In the page: the first rows' paint, from navigation start and from the shell's first paint. */
async function firstRowsOfLoad(): Promise<{ fromPaint: number; fromNavigation: number; shellPaint: number }> {
  const rows = await (window as unknown as { __bench: PageBench }).__bench.firstRows;
  // Paint entries are reported once their frame is presented, which can be after the rows' paint was seen here.
  const shellPaint = await new Promise<number>((resolve) =>
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      resolve(list.getEntries()[0]!.startTime);
    }).observe({ type: 'paint', buffered: true }),
  );
  return { fromPaint: rows - shellPaint, fromNavigation: rows, shellPaint };
}

/** The renderer main thread's CPU time so far, ms (Performance.enable first). */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

/** Arms the page for the next `type` event, does `act` (real input through Chromium), and returns the page's figure. */
async function timeInput(
  page: Page,
  type: string,
  cond: { firstRowNot?: true; countStarts?: string },
  act: () => Promise<void>,
): Promise<number> {
  await page.evaluate(([t, c]) => (window as unknown as { __bench: PageBench }).__bench.arm(t, c), [
    type,
    cond,
  ] as const);
  await act();
  return page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench.pending);
}

/** In the page: a fast fling, 2,400 px a frame (75 rows), down through the whole table. */
async function fling(): Promise<ScrollFigures> {
  const grid = document.querySelector('[role=grid]') as HTMLElement;
  const start = performance.now();
  const frames: number[] = [];
  let last = start;
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
  await new Promise((r) => setTimeout(r, 300)); // long tasks are reported after they end, and the last pages arrive
  const end = performance.now();
  const tasks = (window as unknown as { __bench: PageBench }).__bench.longTasks.filter(
    (t) => t.start >= start && t.start <= end,
  );
  const intervals = frames.slice(1);
  return {
    frames: frames.length,
    durationMs: end - start - 300,
    meanFrameMs: intervals.reduce((x, y) => x + y, 0) / Math.max(1, intervals.length),
    maxFrameMs: Math.max(0, ...intervals),
    longTasks: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
  };
}

/** Round trips from the page: a small answer (app:info) and a page of 200 rows, over HTTP and over Playwright's binding. */
async function measureBridge(
  page: Page,
): Promise<{ infoRoundTripMs: number; pageRoundTripMs: number; pagePlaywrightBindingMs: number }> {
  return page.evaluate(async () => {
    const med = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1]!;
    const time = async (call: () => Promise<unknown>) => {
      const t: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t0 = performance.now();
        await call();
        t.push(performance.now() - t0);
      }
      return Math.round(med(t) * 10) / 10;
    };
    const w = window as unknown as {
      splits: { app: { info(): Promise<unknown> }; activities: { query(q: object): Promise<unknown> } };
      __playwrightInvoke: (c: string, a: unknown[]) => Promise<unknown>;
    };
    return {
      infoRoundTripMs: await time(() => w.splits.app.info()),
      pageRoundTripMs: await time(() => w.splits.activities.query({ page: 3, pageSize: 200 })),
      pagePlaywrightBindingMs: await time(() => w.__playwrightInvoke('activities:query', [{ page: 3, pageSize: 200 }])),
    };
  });
}

/** Main's side alone, through the handler table: a page of a kept order, a new sort, a new search (each a fresh order). */
async function measureMain(
  table: HandlerTable,
): Promise<{ mainPageMs: number; mainSortMs: number; mainSearchMs: number }> {
  const time = async (queries: object[]) => {
    const t: number[] = [];
    for (let i = 0; i < 20; i++) {
      const lap = stopwatch();
      await dispatch(table, 'activities:query', [queries[i % queries.length]]);
      t.push(lap());
    }
    return round(median(t), 2);
  };
  return {
    mainPageMs: await time([{ page: 3, pageSize: 200 }]),
    mainSortMs: await time([
      { pageSize: 200, sort: 'distance' },
      { pageSize: 200, sort: 'start_date' },
    ]),
    mainSearchMs: await time([
      { pageSize: 200, search: 'run' },
      { pageSize: 200, search: 'ride' },
    ]),
  };
}

// `tsx test/bench/window-bench.ts`: this one alone, as JSON.
if (process.argv[1]?.endsWith('window-bench.ts')) {
  const count = Number(process.env.BENCH_WINDOW_ACTIVITIES ?? 20_000);
  process.stdout.write(`${JSON.stringify({ window: await measureWindow(count), athlete: ATHLETE }, null, 2)}\n`);
}
