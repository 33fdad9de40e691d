// Component tests (jsdom) and browser tests wait for the real desktop core, which syncs over HTTP with the simulator.
// Testing Library gives a `findBy…`/`waitFor` one second by default, which three test files running at once on a
// two-core machine can outlast: a wait is a bound for something that will happen, not a measure of speed, so it is
// as long as the test's own time-out allows. A wait that can never succeed still fails, at this bound.
/** The bound of every wait in a component test, Testing Library's and vitest's alike. */
export const COMPONENT_WAIT_MS = 10_000;

if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: COMPONENT_WAIT_MS });
}

// vi.waitFor has its own one second, which no setting changes: the component tests' most used wait (the status line
// to say a sync ended, the table to appear) failed under load at that second with the core still at work, and the
// browser tests wait on the stand-in's tray the same way. Its default becomes the same bound in every file; a wait
// given its own time-out keeps it.
// Set once per worker: test files share their worker (vitest.config.ts, isolate: false) and this file runs before each.
const { vi } = await import('vitest');
const boundedWaits = globalThis as { splitsBoundedWaits?: boolean };
if (!boundedWaits.splitsBoundedWaits) {
  boundedWaits.splitsBoundedWaits = true;
  type WaitOptions = number | { timeout?: number; interval?: number };
  /** The same wait, with the bound as its default time-out. */
  const bounded = <Wait extends (callback: never, options?: WaitOptions) => unknown>(wait: Wait): Wait =>
    ((callback: never, options: WaitOptions = {}) =>
      wait(
        callback,
        typeof options === 'number' ? { timeout: options } : { timeout: COMPONENT_WAIT_MS, ...options },
      )) as Wait;
  vi.waitFor = bounded(vi.waitFor);
  // vi.waitUntil too: a wait for a real write (two fsyncs) outlasted its one second on a busy disk.
  vi.waitUntil = bounded(vi.waitUntil);
}
