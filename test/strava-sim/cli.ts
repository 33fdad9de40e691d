// `npm run sim`: a local Strava for trying Splits by hand, on the real clock. Its own command line is held to the
// habits of Splits' own: a mistake gets one line and the usage (exit 2), a port in use one line naming it (exit 1).
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archivePath, archivePathRefusal, partialPath, writeNewFile } from './archive-option';
import { systemClock } from './clock';
import { SAMPLE_ARCHIVE_FILES, writeSampleArchive, type SampleArchiveWritten } from './sample-archive';
import { StravaSimulator } from './server';

const USAGE = `Usage: npm run sim -- [--port N] [--activities N] [--read-limit N] [--archive PATH.zip]

  --port N            the port on 127.0.0.1 (default 8787; 0 picks a free one)
  --activities N      activities to seed for the athlete (default 1500)
  --read-limit N      the 15-minute read limit (default Strava's 100)
  --archive PATH.zip  also write the athlete's Strava archive there (a new file), for trying \`splits import\`
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

/** A path as a shell line quotes it, so a pasted line means the same path whatever it holds. */
const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

let values: { port: string; activities: string; 'read-limit'?: string; archive?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      activities: { type: 'string', default: '1500' },
      'read-limit': { type: 'string' },
      archive: { type: 'string' },
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

const archive = values.archive === undefined ? null : archivePath(values.archive);
// Refused before anything starts: a mistake makes nothing, not even a listening port.
const refusal = archive === null ? null : archivePathRefusal(archive);
if (refusal) {
  process.stderr.write(`sim: ${refusal}\n`);
  process.exit(2);
}

const sim = new StravaSimulator({ clock: systemClock, ...(readLimit ? { limits: { read15: readLimit } } : {}) });
const athleteId = sim.authorization.athleteId;
const seeded = sim.seedActivities(athleteId, activities);
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
const stop = () =>
  void Promise.all([sim.stop(), archive ? rm(partialPath(archive), { force: true }) : undefined]).then(() =>
    process.exit(0),
  );
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

let written: SampleArchiveWritten | null = null;
if (archive) {
  process.stderr.write(
    `sim: writing the archive (its recordings, up to ${SAMPLE_ARCHIVE_FILES} FIT files, take a few seconds)...
`,
  );
  try {
    written = await writeNewFile(archive, (temp) => writeSampleArchive(temp, athleteId, seeded));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EEXIST'
        ? `sim: ${archive} was made by something else while the archive was written; it was left alone. Choose a new name.\n`
        : `sim: could not write the archive ${archive} (${code ?? String(error)}); nothing was left there.\n`,
    );
    await sim.stop();
    process.exit(1);
  }
}
const tokens = sim.grantTokens(athleteId);
// A folder of its own, so that pasting these lines never mixes the simulator's activities into the person's.
const dataDir = mkdtempSync(join(tmpdir(), 'splits-sim-data-'));

process.stdout.write(
  [
    `Strava simulator on ${sim.url}`,
    '',
    'Point Splits at it (in a new data folder, apart from yours):',
    `  export SPLITS_DATA_DIR=${shellQuoted(dataDir)}`,
    `  export STRAVA_API_URL=${sim.apiUrl}`,
    `  export STRAVA_OAUTH_URL=${sim.oauthUrl}`,
    `  export STRAVA_CLIENT_ID=${sim.clientId}`,
    `  export STRAVA_CLIENT_SECRET=${sim.clientSecret}`,
    '',
    `Log in without a browser: npm run --silent splits -- login --refresh-token ${tokens.refresh_token}`,
    ...(archive && written ? archiveLines(archive, written) : []),
    'Ctrl-C stops it.',
    '',
  ].join('\n'),
);

/** Where the archive is, what it holds, and the commands that try it: the import, then a sync that agrees with it. */
function archiveLines(path: string, archive: SampleArchiveWritten): string[] {
  const { firstname, lastname } = sim.athleteSummary(athleteId) as { firstname: string; lastname: string };
  return [
    '',
    `Strava's archive of athlete ${athleteId} (${firstname} ${lastname}): ${path}`,
    `  ${archive.activities} activities in activities.csv, and the recordings of the newest as ${archive.files} FIT files in activities/.`,
    `Import it, once logged in: npm run --silent splits -- import ${shellQuoted(path)}`,
    'A sync then finds the same activities: npm run --silent splits -- sync',
    '',
  ];
}
