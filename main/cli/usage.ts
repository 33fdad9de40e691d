// The usage text alone, with no imports: `splits help` prints it without loading the engine (main/cli.ts).

export const USAGE = `Usage: splits <command> [options]

Commands:
  login [--no-browser] [--port N] [--json]     Connect a Strava athlete through your browser
  login --refresh-token TOKEN [--json]          Connect with a refresh token (machines without a browser)
  logout [--athlete ID] [--delete-data]         Revoke access and forget the tokens (and the activities)
  sync [--athlete ID] [--full] [--per-page N] [--max-pages N] [--no-details] [--json]
                                                Sync now; --json prints one line per athlete
  watch                                         Sync now and on a timer until Ctrl-C
  status [--json]                               Accounts, rate-limit budget, where data and secrets live
  activities [--athlete ID] [--json]            Stored activities, newest first
  history [--json]                              Recent sync runs
  help                                          This text

Every command takes --verbose (log details and stack traces to stderr).

Environment: SPLITS_DATA_DIR, STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET, STRAVA_API_URL, STRAVA_OAUTH_URL,
BACKGROUND_SYNC_ENABLED, SYNC_INTERVAL_MINUTES, SPLITS_MAX_RETRIES, SPLITS_VAULT (keychain or file).
The client id and secret come from the environment, or else from the vault the desktop app stored them in.

Exit codes: 0 done, 1 unexpected error, 2 usage or configuration, 3 login needed, 4 rate limit reached,
5 Strava application inactive (subscription), 6 Strava unreachable, 130 interrupted (Ctrl-C).
`;

export const isHelp = (command: string | undefined): command is undefined | 'help' | '--help' | '-h' => command === undefined || command === 'help' || command === '--help' || command === '-h';
