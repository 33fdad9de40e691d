// Loaded into a child process (NODE_OPTIONS=--import=<this file>) to move its clock forward by
// SPLITS_TEST_CLOCK_OFFSET_MS: the crash tests run the simulator's rate-limit windows on the same shifted clock, so a
// window can end between two runs without the test waiting a real quarter of an hour. Only the time the process
// reads changes (Date.now, new Date()); timers, files and HTTP are untouched.
const offset = Number(process.env.SPLITS_TEST_CLOCK_OFFSET_MS ?? 0);
if (!Number.isFinite(offset))
  throw new Error(
    `SPLITS_TEST_CLOCK_OFFSET_MS must be a number of milliseconds, not "${process.env.SPLITS_TEST_CLOCK_OFFSET_MS}"`,
  );
if (offset !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const shiftedNow = () => realNow() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget),
    apply: () => new RealDate(shiftedNow()).toString(),
    get: (target, key) => (key === 'now' ? shiftedNow : Reflect.get(target, key)),
  });
}
