// Files that run in jsdom (component tests) wait for the real desktop core, which syncs over HTTP with the simulator.
// Testing Library gives a `findBy…`/`waitFor` one second by default, which three test files running at once on a
// two-core machine can outlast: a wait is a bound for something that will happen, not a measure of speed, so it is
// as long as the test's own time-out allows. A wait that can never succeed still fails, at this bound.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 10_000 });
}
export {};
