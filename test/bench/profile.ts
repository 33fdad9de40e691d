// Where a first full sync spends its time, beside the floor. Run under the CPU profiler, one client per process:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/profile.ts splits 20000
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/profile.ts floor 20000
//   npx tsx test/bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
// The simulator runs in the same process (as in the benchmark): its share shows under test/strava-sim/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../support/fake-clock';
import { bareFetchLoop } from './floor';
import { stravaV3Loop } from './peer';
import { progress, stopwatch } from './stats';
import { ATHLETE, UNLIMITED, openSplits, startSim } from './world';

const [which = 'splits', count = '20000'] = process.argv.slice(2);
const clock = new FakeClock();
const sim = await startSim(Number(count), { clock, limits: UNLIMITED });
const scratch = await mkdtemp(join(tmpdir(), 'splits-profile-'));
try {
  const elapsed = stopwatch();
  if (which === 'splits') {
    const splits = await openSplits(sim, clock);
    await splits.services.engine.sync({ trigger: 'cli', details: false, tracks: false });
    progress(`splits: ${elapsed().toFixed(0)} ms`);
    await splits.dispose();
  } else {
    const loop = which === 'floor' ? bareFetchLoop : stravaV3Loop;
    await loop(sim.apiUrl, sim.grantTokens(ATHLETE).access_token, join(scratch, 'out.json'));
    progress(`${which}: ${elapsed().toFixed(0)} ms`);
  }
} finally {
  await sim.stop();
  await rm(scratch, { recursive: true, force: true });
}
