// The first-sync figures alone (issue 20, item 12), without the rest of `npm run bench`:
//   npx tsx test/bench/full-sync-figures.ts                  fullSync2k and fullSync, the simulator in its own process
//   npx tsx test/bench/full-sync-figures.ts both             ... and again with the simulator in this one
//   BENCH_QUICK=1 npx tsx test/bench/full-sync-figures.ts     small sizes, one repetition
// One JSON object on stdout (progress on stderr), with the load average before and after.
import { loadavg } from 'node:os';
import { measureFullSync, simulatorPlace, type SimulatorPlace } from './full-sync';

const quick = process.env.BENCH_QUICK === '1';
const places: SimulatorPlace[] = process.argv.includes('both') ? ['child process', 'in-process'] : [simulatorPlace()];
const load = () => Math.round(loadavg()[0]! * 10) / 10;
const loadAtStart = load();
const figures: Record<string, unknown> = {};
for (const place of places) {
  const key = place === 'in-process' ? 'inProcess' : 'childProcess';
  figures[key] = {
    fullSync2k: await measureFullSync(quick ? 500 : 2_000, quick ? 1 : 5, place),
    fullSync: await measureFullSync(quick ? 2_000 : 20_000, quick ? 1 : 3, place),
  };
}
process.stdout.write(`${JSON.stringify({ node: process.version, loadAverage: [loadAtStart, load()], ...figures })}\n`);
