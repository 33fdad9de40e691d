// `npm run sim`: a local Strava for trying Splits by hand, on the real clock. Its own command line is held to the
// habits of Splits' own: a mistake gets one line and the usage (exit 2), a port in use one line naming it (exit 1).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { StravaSimulator } from './server';
import { systemClock } from './clock';

const USAGE = `Usage: npm run sim -- [--port N] [--activities N] [--read-limit N]

  --port N          the port on 127.0.0.1 (default 8787; 0 picks a free one)
  --activities N    activities to seed for the athlete (default 1500)
  --read-limit N    the 15-minute read limit (default Strava's 100)
`;

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A whole number within bounds, or the usage with what was wrong. */
function wholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    fail(`--${name} takes a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`);
  return Number(value);
}

let values: { port: string; activities: string; 'read-limit'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      activities: { type: 'string', default: '1500' },
      'read-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const port = wholeNumber('port', values.port, 0, 65_535);
const activities = wholeNumber('activities', values.activities, 0, 200_000);
const readLimit =
  values['read-limit'] === undefined ? null : wholeNumber('read-limit', values['read-limit'], 1, 100_000);

const sim = new StravaSimulator({ clock: systemClock, ...(readLimit ? { limits: { read15: readLimit } } : {}) });
sim.seedActivities(sim.authorization.athleteId, activities);
try {
  await sim.start(port);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `sim: port ${port} on 127.0.0.1 is in use (another simulator?). Stop it, or choose another: npm run sim -- --port ${port === 65_535 ? 0 : port + 1}\n`
      : `sim: could not listen on 127.0.0.1:${port} (${code ?? String(error)}).\n`,
  );
  process.exit(1);
}
const tokens = sim.grantTokens(sim.authorization.athleteId);
// A folder of its own, so that pasting these lines never mixes the simulator's activities into the person's.
const dataDir = mkdtempSync(join(tmpdir(), 'splits-sim-data-'));

process.stdout.write(
  [
    `Strava simulator on ${sim.url}`,
    '',
    'Point Splits at it (in a new data folder, apart from yours):',
    `  export SPLITS_DATA_DIR='${dataDir}'`,
    `  export STRAVA_API_URL=${sim.apiUrl}`,
    `  export STRAVA_OAUTH_URL=${sim.oauthUrl}`,
    `  export STRAVA_CLIENT_ID=${sim.clientId}`,
    `  export STRAVA_CLIENT_SECRET=${sim.clientSecret}`,
    '',
    `Log in without a browser: npm run --silent splits -- login --refresh-token ${tokens.refresh_token}`,
    'Ctrl-C stops it.',
    '',
  ].join('\n'),
);

const stop = () => void sim.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
