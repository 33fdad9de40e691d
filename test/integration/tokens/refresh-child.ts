/**
 * A Splits process of its own on the data folder given in the environment (as the CLI or the desktop app would be):
 * it opens its services, says "ready", waits for "go" on stdin, asks Strava for the athlete (which needs a refresh
 * when the test has expired the access token), and prints the outcome as one JSON line.
 */
import { once } from 'node:events';
import { systemClock } from '../../../main/clock';
import { loadConfig } from '../../../main/config';
import { silentLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { TokenFile } from '../../../main/vault/token-file';
import { StravaError } from '../../../main/strava/errors';

const config = loadConfig(process.env);
const services = await createServices({
  config,
  clock: systemClock,
  logger: silentLogger,
  vault: (store) => TokenFile.open(config.dataDir, (p) => store.problems.push(p)),
  timeoutMs: 10_000,
});
const api = services.apiFor(Number(process.env.ATHLETE_ID ?? 1001));
process.stdout.write('ready\n');
await once(process.stdin, 'data');
try {
  const athlete = await api.athlete({ priority: 'user' });
  process.stdout.write(`${JSON.stringify({ ok: true, athleteId: athlete.id })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify(error instanceof StravaError ? { ok: false, code: error.code, message: error.message } : { ok: false, message: String(error) })}\n`,
  );
}
process.exit(0);
