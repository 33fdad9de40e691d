// One error taxonomy (main/errors.ts): every kind of expected failure says once what the window is told, how the
// CLI ends and the words for a person, and the window's door, the CLI and a sync's result all read that. The table
// below holds one error of every SplitsError subclass in main/; a class missing from it fails the first test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IPC_ERROR_CODES } from '../../../common/error-codes';
import { LoginCancelledError } from '../../../main/accounts/loopback-login';
import { ArchiveError } from '../../../main/archive/archive-error';
import { TrackUnreadableError } from '../../../main/archive/track';
import { EXIT, UsageError, exitCodeOf, exitCodeOfSync } from '../../../main/cli/exit-codes';
import { ConfigError, CredentialsMissingError, requireCredentials } from '../../../main/config';
import { ConnectInFlightError } from '../../../main/desktop/account-actions';
import { ArchiveActionError } from '../../../main/desktop/archive-actions';
import { toIpcError } from '../../../main/desktop/ipc-errors';
import { LogFolderNotOpenedError } from '../../../main/desktop/log-folder-error';
import { SettingsError } from '../../../main/desktop/settings-error';
import { ConsentRefusedError } from '../../../main/desktop/vault-consent';
import { PathScrubber } from '../../../main/desktop/without-paths';
import { QuittingError } from '../../../main/desktop/work-in-flight';
import { EXIT_OF, SplitsError } from '../../../main/errors';
import { ExportError, ExportWriteError } from '../../../main/export/export-types';
import { silentLogger } from '../../../main/log';
import { MapsOffError, TileServerError, TileServerWithdrawnError } from '../../../main/maps/maps-errors';
import { StoreFileUnwritableError } from '../../../main/store/atomic-json-file';
import { DataFolderUnsafeError } from '../../../main/store/data-folder';
import { NoDataFolderError } from '../../../main/cli/data-folder';
import { DataFolderBusyError } from '../../../main/store/data-lock';
import { StoreFencedError } from '../../../main/store/write-fence';
import {
  appInactive,
  credentialsRejected,
  needsLogin,
  StravaError,
  tokenRateLimited,
} from '../../../main/strava/errors';
import type { AthleteSyncResult } from '../../../main/sync/sync-types';
import { KeychainSilentError } from '../../../main/vault/os-keychain';
import { PlainTextConsentNeededError, VaultUnavailableError } from '../../../main/vault/secret-vault';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const errno = (code: string) => Object.assign(new Error(`${code}: refused`), { code });
const FILE = '/home/ann/.config/Splits/activities/1001/2024.json';
/** The window's door on a computer where the person's home folder is /home/ann. */
const door = new PathScrubber(['/home/ann', '/home/ann/.config/Splits']);

/** One of each kind, with what it must be told as: [the error, its IPC code, the CLI's exit code]. */
const TABLE: Array<[SplitsError, string, number]> = [
  [
    needsLogin('revoked', 'Strava no longer lets Splits read this athlete. Log in again.'),
    'needs-login',
    EXIT.loginNeeded,
  ],
  [tokenRateLimited(1_700_000_000_000), 'rate-limited', EXIT.rateLimited],
  [appInactive(), 'app-inactive', EXIT.appInactive],
  [new StravaError('unreachable', 'Strava could not be reached.'), 'unreachable', EXIT.unreachable],
  [new StravaError('not-found', 'That activity is not stored here.'), 'not-found', EXIT.unexpected],
  [
    new StravaError('bad-response', 'Strava sent /athlete/activities in a shape Splits cannot read.'),
    'bad-response',
    EXIT.unexpected,
  ],
  [new StravaError('rejected', 'Strava refused the request.', { status: 422 }), 'rejected', EXIT.unexpected],
  // The client id and secret are the configuration's: exit 2, where another refusal is unexpected.
  [credentialsRejected(401, 'client_secret'), 'rejected', EXIT.usage],
  [new ConfigError('STRAVA_API_URL is "x": a web address'), 'config', EXIT.usage],
  [new CredentialsMissingError(), 'config', EXIT.usage],
  [new DataFolderUnsafeError(`Other users can write into ${FILE}.`), 'config', EXIT.usage],
  [new NoDataFolderError(FILE, 'splits'), 'config', EXIT.usage],
  [new PlainTextConsentNeededError('/home/ann/.config/Splits/cli-tokens.json'), 'config', EXIT.usage],
  [new VaultUnavailableError('The keychain is locked.'), 'config', EXIT.usage],
  [new KeychainSilentError('read', 'platform failure'), 'config', EXIT.usage],
  [new UsageError('unknown command "x"'), 'bad-request', EXIT.usage],
  [new SettingsError('syncIntervalMinutes: at least 15'), 'bad-request', EXIT.usage],
  [new LogFolderNotOpenedError('linux', 'Failed to open path'), 'config', EXIT.usage],
  [new ConsentRefusedError('You chose not to keep the secrets in a private file.'), 'consent-refused', EXIT.usage],
  [new LoginCancelledError(), 'cancelled', EXIT.interrupted],
  [new QuittingError('Splits is quitting; nothing was changed.'), 'quitting', EXIT.interrupted],
  [new ConnectInFlightError('A Connect is already waiting.'), 'busy', EXIT.busy],
  [new ArchiveActionError('busy', 'An archive is being imported already.'), 'busy', EXIT.busy],
  [new ArchiveActionError('not-found', 'Nothing was exported yet in this session.'), 'not-found', EXIT.unexpected],
  [new ArchiveActionError('cancelled', 'The import was cancelled before it began.'), 'cancelled', EXIT.interrupted],
  [new ArchiveError('not-zip', 'The file you chose is not a zip file.'), 'archive', EXIT.usage],
  [new ExportError('out-is-file', `${FILE} is a file, not a folder.`), 'export', EXIT.usage],
  [new ExportWriteError('/home/ann/exports/1.gpx', errno('ENOSPC')), 'disk', EXIT.unexpected],
  [new TrackUnreadableError(5, 'not gzip'), 'unreadable', EXIT.unexpected],
  [new StoreFileUnwritableError(FILE, errno('ENOSPC')), 'disk', EXIT.unexpected],
  [new StoreFencedError(`lost the lock of ${FILE}`), 'busy', EXIT.busy],
  [new DataFolderBusyError({ purpose: 'import' }), 'busy', EXIT.busy],
  [new MapsOffError(), 'config', EXIT.usage],
  [new TileServerWithdrawnError('tile.openstreetmap.org'), 'config', EXIT.usage],
  [
    new TileServerError('The map server tile.openstreetmap.org could not be reached.', 'unreachable'),
    'unreachable',
    EXIT.unreachable,
  ],
  [
    new TileServerError('The map server tile.openstreetmap.org answered 404.', 'not-found'),
    'not-found',
    EXIT.unexpected,
  ],
  [
    new TileServerError('The map server tile.openstreetmap.org answered 500.', 'bad-response'),
    'bad-response',
    EXIT.unexpected,
  ],
];

/** Every class in main/ that extends SplitsError, or extends one that does, as the source declares them. */
function splitsErrorClasses(): string[] {
  const parents = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/\bclass (\w+) extends (\w+)/g)) parents.set(m[1]!, m[2]!);
    }
  };
  walk(join(root, 'main'));
  const isSplitsError = (name: string, seen = 0): boolean =>
    name === 'SplitsError' || (seen < 10 && parents.has(name) && isSplitsError(parents.get(name)!, seen + 1));
  return [...parents.keys()].filter((name) => name !== 'SplitsError' && isSplitsError(name)).sort();
}

describe('the error taxonomy', () => {
  it('holds one of every SplitsError subclass in main/ (a new kind is added to this table)', () => {
    const found = splitsErrorClasses();
    expect(found.length).toBeGreaterThanOrEqual(20);
    expect([...new Set(TABLE.map(([error]) => error.name))].sort()).toEqual(found);
  });

  it.each(TABLE.map(([error, code, exit]) => [`${error.name} (${code})`, error, code, exit] as const))(
    '%s: its code, exit code and words, read alike by the window and the CLI',
    (_, error, code, exit) => {
      expect(error).toBeInstanceOf(SplitsError);
      expect(error.ipcCode).toBe(code);
      expect(IPC_ERROR_CODES).toContain(error.ipcCode);
      expect(error.exitCode).toBe(exit);
      expect(error.userMessage.length).toBeGreaterThan(10);
      // The window's door: the error's own code and words (without paths), its retry time when it has one.
      const seen = toIpcError(error, silentLogger, 'sync:now', door);
      expect(seen.code).toBe(error.ipcCode);
      expect(seen.message).toBe(door.text(error.userMessage));
      expect(seen.message).not.toContain('/home/ann');
      expect(seen.retryAt).toBe(error.retryAt);
      // The CLI's.
      expect(exitCodeOf(error)).toBe(error.exitCode);
      // A code means one exit code, unless the error itself knows more (the client id and secret refused).
      const knowsMore = error instanceof StravaError && error.details.reason === 'credentials';
      if (!knowsMore) expect(error.exitCode).toBe(EXIT_OF[error.ipcCode]);
    },
  );

  it("the rate limit's retry time crosses to the window", () => {
    expect(toIpcError(tokenRateLimited(1_700_000_000_000), silentLogger, 'sync:now', door)).toMatchObject({
      code: 'rate-limited',
      retryAt: 1_700_000_000_000,
    });
    expect(toIpcError(appInactive(), silentLogger, 'sync:now', door)).not.toHaveProperty('retryAt');
  });

  it('anything else is internal in the window and exit 1 in the CLI', () => {
    for (const error of [new TypeError('x is undefined'), new Error(`ENOENT: ${FILE}`), 'a string']) {
      expect(toIpcError(error, silentLogger, 'sync:now', door)).toEqual({
        code: 'internal',
        message: expect.stringMatching(/details are in the log/),
      });
      expect(exitCodeOf(error)).toBe(EXIT.unexpected);
    }
  });
});

describe("a sync's exit code, from the codes its results keep", () => {
  const result = (
    status: AthleteSyncResult['status'],
    code: string | null,
    message = 'whatever the words',
  ): AthleteSyncResult =>
    ({ athleteId: 1001, status, error: code === null ? null : { code, message, retryAt: null } }) as AthleteSyncResult;

  it('a missing Strava application is the configuration (exit 2) by its code, whatever its words', () => {
    let missing: unknown;
    try {
      requireCredentials({ clientId: null, clientSecret: null });
    } catch (error) {
      missing = error;
    }
    expect(missing).toBeInstanceOf(CredentialsMissingError);
    const code = (missing as SplitsError).ipcCode;
    expect(exitCodeOfSync([result('ok', null), result('failed', code, 'Some other words entirely')])).toBe(EXIT.usage);
    // The same words under another code are not the configuration.
    expect(exitCodeOfSync([result('failed', 'internal', (missing as Error).message)])).toBe(EXIT.unexpected);
  });

  it('takes the most serious problem any athlete met', () => {
    expect(exitCodeOfSync([])).toBe(EXIT.ok);
    expect(exitCodeOfSync([result('ok', null), result('ok', null)])).toBe(EXIT.ok);
    expect(exitCodeOfSync([result('needs-login', 'needs-login'), result('rate-limited', 'rate-limited')])).toBe(
      EXIT.rateLimited,
    );
    expect(exitCodeOfSync([result('cancelled', 'cancelled'), result('needs-login', 'needs-login')])).toBe(
      EXIT.loginNeeded,
    );
    expect(exitCodeOfSync([result('rate-limited', 'rate-limited'), result('failed', 'disk')])).toBe(EXIT.unexpected);
    expect(exitCodeOfSync([result('failed', 'internal'), result('unreachable', 'unreachable')])).toBe(EXIT.unreachable);
    expect(exitCodeOfSync([result('unreachable', 'unreachable'), result('app-inactive', 'app-inactive')])).toBe(
      EXIT.appInactive,
    );
    expect(exitCodeOfSync([result('app-inactive', 'app-inactive'), result('failed', 'config')])).toBe(EXIT.usage);
    expect(exitCodeOfSync([result('cancelled', 'lock-lost')])).toBe(EXIT.interrupted);
    expect(exitCodeOfSync([result('failed', null)])).toBe(EXIT.unexpected);
  });
});
