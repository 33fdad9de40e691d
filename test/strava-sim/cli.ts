// `npm run sim`: a local Strava for trying Splits by hand, on the real clock.
import { parseArgs } from 'node:util';
import { StravaSimulator } from './server';
import { systemClock } from './clock';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    activities: { type: 'string', default: '1500' },
    'read-limit': { type: 'string' },
  },
});

const sim = new StravaSimulator({
  clock: systemClock,
  ...(values['read-limit'] ? { limits: { read15: Number(values['read-limit']) } } : {}),
});
sim.seedActivities(sim.authorization.athleteId, Number(values.activities));
await sim.start(Number(values.port));
const tokens = sim.grantTokens(sim.authorization.athleteId);

process.stdout.write(
  [
    `Strava simulator on ${sim.url}`,
    '',
    'Point Splits at it:',
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
