// The usage texts alone, with no imports but a constant and the global options' reader: `splits help` and
// `splits <command> --help` print them without loading the engine (main/cli.ts).
import { SYNC_INTERVAL_MINUTES } from '../../common/sync-interval';
import { splitGlobalOptions } from './global-options';

export const USAGE = `Usage: splits <command> [options]

Commands:
  login [--no-browser] [--port N] [--json]     Connect a Strava athlete through your browser
  login --refresh-token TOKEN|- [--json]        Connect with a refresh token (machines without a browser)
  logout [--athlete ID] [--delete-data] [--wait]
                                                Revoke access and forget the tokens (and the activities)
  forget ID [--wait]                            Delete the stored activities of an athlete who logged out
  sync [--athlete ID] [--full] [--restart] [--per-page N] [--max-pages N] [--no-details] [--no-tracks] [--json] [--wait]
                                                Sync now; --json prints one line per athlete
  watch                                         Sync now and on a timer until Ctrl-C
  status [--json]                               Accounts, rate-limit budget, where data and secrets live
  activities [--athlete ID] [--json]            Stored activities, newest first
  history [--json]                              Recent sync runs
  stats [--athlete ID] [--year YYYY] [--ftp W] [--max-hr BPM] [--resting-hr BPM] [--threshold-pace M:SS] [--json]
                                                Fitness and form, year totals, Eddington numbers, gear
  export --format csv|gpx|geojson [--athlete ID] [--since DATE] [--out DIR] [--units metric|imperial] [--json]
                                                Write stored activities as a CSV, or as GPX or GeoJSON files
  import PATH.zip [--athlete ID] [--json] [--wait]
                                                Import Strava's archive: details, tracks, older activities
  help [command]                                This text, or one command's (also: splits <command> --help)
  version                                       Splits' version (also: splits --version)

Every command takes --verbose (log details and stack traces to stderr) and --log-file PATH (also write the log to
PATH, every level and the stack of an unexpected error, readable by you alone; past 1 MB it is renamed NAME.old.EXT
and a new file starts; PATH's folder must exist).

Environment: SPLITS_DATA_DIR, STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET, STRAVA_API_URL, STRAVA_OAUTH_URL,
SYNC_INTERVAL_MINUTES (for watch), SPLITS_MAX_RETRIES, SPLITS_VAULT (keychain or file),
SPLITS_REFRESH_TOKEN (for login). The client id and secret come from the environment, or else from the vault the
desktop app stored them in.

Exit codes: 0 done, 1 unexpected error, 2 usage or configuration, 3 login needed, 4 rate limit reached,
5 Strava application inactive (subscription), 6 Strava unreachable, 7 data folder busy (another Splits is using it:
the message says which, the desktop app or a command, and what it does), 130 interrupted (Ctrl-C; how watch ends).
`;

/** Each command's own help: what `splits <command> --help` prints, and what a mistake in its options shows. */
export const COMMAND_USAGE: Record<string, string> = {
  login: `Usage: splits login [--no-browser] [--port N] [--json]
       splits login --refresh-token TOKEN|- [--json]

Connects a Strava athlete. Without options it opens Strava's authorize page in your browser and waits for it to
come back to 127.0.0.1 (--port picks the port). --no-browser prints the address to open on any device, and takes
the address the browser ends on, pasted back here (where that browser cannot reach this computer).

  --refresh-token TOKEN   a refresh token made elsewhere, for a machine without a browser
  --refresh-token -       the same, read from standard input (kept out of ps and the shell's history)
  SPLITS_REFRESH_TOKEN    the same, from the environment
  --json                  print the account as JSON
`,
  logout: `Usage: splits logout [--athlete ID] [--delete-data] [--wait]

Revokes Splits' access at Strava and forgets the athlete's tokens. Their activities stay on this computer (readable
with \`splits activities --athlete ID\`) unless --delete-data is given, or until \`splits forget ID\`.

  --athlete ID     which athlete, when several are connected
  --delete-data    delete their activities from this computer too
  --wait           wait for another Splits using this data folder (a sync, an import) to finish instead of exiting 7
`,
  forget: `Usage: splits forget ID [--wait]

Deletes the stored activities of athlete ID, who is no longer connected (log them out first).

  --wait           wait for another Splits using this data folder (a sync, an import) to finish instead of exiting 7
`,
  sync: `Usage: splits sync [--athlete ID] [--full] [--restart] [--per-page N] [--max-pages N] [--no-details] [--no-tracks] [--json] [--wait]

Syncs every connected athlete now (or one). Ctrl-C stops at the next safe point: what was received is kept, and
the next sync continues from there (exit 130).

  --athlete ID     only this athlete
  --full           scan the whole history (finds deletions older than the last week); an unfinished scan
                   continues where it stopped
  --restart        drop an unfinished full scan and scan again from the first page
  --per-page N     activities per page, 1 to 200 (default 200)
  --max-pages N    stop after N pages; the next sync continues
  --no-details     do not fetch activity details
  --no-tracks      do not fetch activity tracks (the recorded samples: route, time, heart rate, power)
  --json           one line of JSON per athlete
  --wait           wait for another Splits using this data folder (a sync, an import) to finish instead of exiting 7
`,
  watch: `Usage: splits watch

Syncs now and every SYNC_INTERVAL_MINUTES until Ctrl-C: ${SYNC_INTERVAL_MINUTES.min} to ${SYNC_INTERVAL_MINUTES.max} minutes, as in the app's Settings (default ${SYNC_INTERVAL_MINUTES.default}).
Every turn prints one line: what was synced, or why it was skipped or failed, and when the next turn is due. Ctrl-C
(or SIGTERM) ends it with exit 130, as it ends any command.
`,
  status: `Usage: splits status [--json]

The data folder, where the secrets live, the rate-limit budget, and each athlete: connected, needing a login, or
logged out with activities still stored.
`,
  activities: `Usage: splits activities [--athlete ID] [--json]

The stored activities, newest first: every athlete's, or one's (also an athlete who logged out but whose
activities are still stored).
`,
  export: `Usage: splits export --format csv|gpx|geojson [--athlete ID] [--since DATE] [--out DIR]
                    [--units metric|imperial] [--json]

Writes the stored activities into a folder. It only reads the data folder, so it runs while a sync does.

  --format csv       one file, activities.csv: a row per activity, in the chosen units, for a spreadsheet
  --format gpx       a GPX file per activity: the recorded track with times, heart rate, cadence and power where
                     an imported archive gave one, otherwise Strava's simplified route (no times)
  --format geojson   the same as GeoJSON: a LineString, with per-point times in coordinateProperties
  --athlete ID       only this athlete's activities
  --since DATE       only activities that started on or after DATE (YYYY-MM-DD, the athlete's local day)
  --out DIR          the folder to write into (made when missing; default: the current folder)
  --units U          metric (default) or imperial, for the CSV
  --json             print what was written as JSON

Files are named like 2024-05-01-12345678-morning-run.gpx and replace files of the same name. Activities with no
route at all (indoor, manual) get no GPX or GeoJSON file and are listed.
`,
  import: `Usage: splits import PATH.zip [--athlete ID] [--json] [--wait]

Imports the archive Strava sends (strava.com: Settings, My Account, "Download or Delete Your Account", "Request your
archive"). Each activity's description, calories and gear fill its detail, so the detail backfill spends no requests
on it; the original FIT, GPX and TCX files become recorded tracks; activities only the archive has are added and
marked until the next sync confirms them (or removes them, when Strava no longer has them). Nothing from Strava is
overwritten, an older archive never overwrites a newer one, and importing again changes nothing. Ctrl-C stops at the
next row or file and keeps what was done (exit 130); a file that is not Strava's archive exits 2.

  --athlete ID     whose archive it is (default: the athlete profile.csv names, or the only connected one)
  --json           print the summary as JSON
  --wait           wait for another Splits using this data folder (a sync, an import) to finish instead of exiting 7
`,
  stats: `Usage: splits stats [--athlete ID] [--year YYYY] [--ftp W] [--max-hr BPM] [--resting-hr BPM]
                   [--threshold-pace M:SS] [--json]

Training statistics from the stored activities: fitness, fatigue and form today (the 42- and 7-day weighted averages
of each day's training load), totals per year and sport, year progressions, Eddington numbers (ride, run, all; in km
and miles) and the distance on each bike and pair of shoes. Each activity's load is power TSS with --ftp and a power
meter's weighted power; otherwise heart-rate TRIMP with --max-hr and --resting-hr and its average heart rate;
otherwise Strava's suffer score; otherwise an estimate from its moving time and sport (a run's from its pace with
--threshold-pace). It only reads the data folder, so it runs while a sync does.

  --athlete ID            only this athlete (also one logged out whose activities are kept)
  --year YYYY             the totals, progressions, Eddington numbers, bests and gear of that year alone (the
                          local date of each activity); fitness is always today's, from every activity
  --ftp W                 functional threshold power, watts (30 to 700)
  --max-hr BPM            max heart rate (100 to 240)
  --resting-hr BPM        resting heart rate (25 to 120, below the max)
  --threshold-pace M:SS   threshold run pace per km (2:00 to 15:00)
  --json                  one JSON object: every statistic, each day's fitness and each activity's load and source
`,
  history: `Usage: splits history [--json]

The recent sync runs: when, what started them, and how each ended.
`,
};

/**
 * One command's help, or null for a word that is no command. Own keys only: a typed `constructor` or `toString` is
 * no command, though every object answers to those names.
 */
export const commandUsage = (name: string | undefined): string | null =>
  name !== undefined && Object.hasOwn(COMMAND_USAGE, name) ? COMMAND_USAGE[name]! : null;

export const isHelp = (command: string | undefined): command is undefined | 'help' | '--help' | '-h' =>
  command === undefined || command === 'help' || command === '--help' || command === '-h';

/**
 * The help text that argv asks for, or null when it asks for a command to run: `splits`, `splits help [command]`,
 * `splits <command> --help`, and global options alone (`splits --verbose`, `splits --log-file PATH`).
 */
export function helpFor(argv: string[]): string | null {
  const { words } = splitGlobalOptions(argv);
  const [command, ...rest] = words;
  if (isHelp(command)) return commandUsage(rest[0]) ?? USAGE;
  if (rest.includes('--help') || rest.includes('-h')) return commandUsage(command);
  return null;
}
