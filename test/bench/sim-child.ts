// The simulator of the first-sync figures in a process of its own (sim-process.ts starts it): `activities` seeded for
// athlete 1001 from the same seed as in-process (world.ts's startSim), on a fake clock at the same start. It says its
// addresses once started, grants tokens when asked, and stops when told or when its parent goes.
import { FakeClock } from '../support/fake-clock';
import { UNLIMITED, startSim } from './world';
import type { SimProcessAnswer, SimProcessAsk } from './sim-process';

const activities = Number(process.argv[2]);
const sim = await startSim(activities, { clock: new FakeClock(), limits: UNLIMITED });
const send = (answer: SimProcessAnswer) => process.send!(answer);
process.on('message', (ask: SimProcessAsk) => {
  if (ask.kind === 'grant') send({ kind: 'granted', tokens: sim.grantTokens(ask.athleteId) });
  else void sim.stop().then(() => process.exit(0));
});
// The parent killed or gone: nothing is left serving.
process.on('disconnect', () => void sim.stop().then(() => process.exit(0)));
send({
  kind: 'started',
  apiUrl: sim.apiUrl,
  oauthUrl: sim.oauthUrl,
  clientId: sim.clientId,
  clientSecret: sim.clientSecret,
});
