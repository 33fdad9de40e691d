// Small helpers for measuring: a real-time stopwatch, medians, rounding, progress on stderr.

export function stopwatch(): () => number {
  const start = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Progress goes to stderr: stdout carries only the result (one JSON object with --json). */
/** For a person watching `npm run bench`; the tests that run the benchmark's loops (under vitest) print none. */
export const progress = (line: string) => {
  if (!process.env.VITEST) process.stderr.write(`${line}\n`);
};
