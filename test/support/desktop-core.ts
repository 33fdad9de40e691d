// The desktop core (main/desktop/splits-desktop.ts) in plain Node: the real services on a temp data folder against the
// simulator, the real settings file (kept by electron-store's core, conf: ./settings-file.ts), and recording ports where
// Electron would be. Nothing here needs 'electron', so no test file mocks it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../main/clock';
import { loadConfig } from '../../main/config';
import { dispatch, createHandlers, type HandlerTable } from '../../main/desktop/ipc-handlers';
import type { DesktopNotification } from '../../main/desktop/notifications';
import { openSettings } from './settings-file';
import type { DesktopPorts } from '../../main/desktop/desktop-ports';
import { SplitsDesktop } from '../../main/desktop/splits-desktop';
import { createLogger, silentLogger } from '../../main/log';
import { createServices, type SplitsServices } from '../../main/services';
import { createStravaHttp } from '../../main/strava/http';
import { DEFAULT_RETRY_POLICY } from '../../main/strava/retry-policy';
import { openVault } from '../../main/vault/open-vault';
import { NoKeychain } from './no-keychain';
import type { EventChannel } from '../../preload/channels';
import type { Settings } from '../../preload/payloads';
import type { World } from './splits';

export interface RecordingPorts extends DesktopPorts {
  opened: string[];
  notifications: DesktopNotification[];
  launchAtLogin: boolean[];
  themes: string[];
  /** How the person answers "keep secrets in a plain file?", in order; true when the list runs out. */
  consentAnswers: boolean[];
  consentAsked: number;
  /** What the next pickers answer, first first (null: the person closed it; the default). */
  archivePicks: Array<string | null>;
  folderPicks: Array<string | null>;
  revealed: string[];
  /** How many times main opened the log folder. */
  logFolderOpened: number;
}

export interface DesktopUnderTest {
  desktop: SplitsDesktop;
  services: SplitsServices;
  table: HandlerTable;
  ports: RecordingPorts;
  events: Array<{ channel: EventChannel; payload: unknown }>;
  /** Told of every event delivered (after the window said it is ready), as a page's listeners are. */
  listeners: Set<(channel: EventChannel, payload: unknown) => void>;
  invoke: (
    channel: string,
    ...args: unknown[]
  ) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  close: () => Promise<void>;
  /**
   * Failures that turned into 'internal' (a bug, unless a test provoked one): each is shown on stderr, where a failing
   * test's output has it, except one a test said it expects (`expectInternal`), which is only kept here to assert on.
   */
  internalErrors: string[];
  expectInternal: (pattern: RegExp) => void;
}

export function recordingPorts(): RecordingPorts {
  const ports: RecordingPorts = {
    opened: [],
    notifications: [],
    launchAtLogin: [],
    themes: [],
    consentAnswers: [],
    consentAsked: 0,
    archivePicks: [],
    folderPicks: [],
    revealed: [],
    logFolderOpened: 0,
    pickArchive: async () => ports.archivePicks.shift() ?? null,
    pickExportFolder: async () => ports.folderPicks.shift() ?? null,
    revealFolder: async (path) => void ports.revealed.push(path),
    openLogFolder: async () => void ports.logFolderOpened++,
    openExternal: async (url) => void ports.opened.push(url),
    notify: (n) => void ports.notifications.push(n),
    confirmPlainTextVault: async () => {
      ports.consentAsked++;
      return ports.consentAnswers.shift() ?? true;
    },
    setLaunchAtLogin: (enabled) => void ports.launchAtLogin.push(enabled),
    setTheme: (theme) => void ports.themes.push(theme),
  };
  return ports;
}

/**
 * The desktop app's core as main builds it. `credentials: 'env'` gives the simulator's client id and secret through
 * the environment; 'none' leaves them for the first-run guide to enter.
 */
export async function openDesktop(
  // What the core is built on: a test's world, or a benchmark's folder on the real clock (test/bench/idle-rss-child.ts).
  w: Pick<World, 'env' | 'dataDir'> & { clock: Clock },
  options: { credentials?: 'env' | 'none'; settings?: Partial<Settings>; vault?: 'ask' | 'implicit' } = {},
): Promise<DesktopUnderTest> {
  const base = loadConfig(w.env);
  const config = options.credentials === 'none' ? { ...base, clientId: null, clientSecret: null } : base;
  const services = await createServices({
    config,
    clock: w.clock,
    logger: silentLogger,
    // As on a computer where no keychain answers (never the keychain of the machine running the tests): the file, and the
    // person's consent before a secret goes in it.
    vault: (store) =>
      openVault({
        dataDir: w.dataDir,
        forced: null,
        plainTextConsent: options.vault ?? 'ask',
        keychain: new NoKeychain(),
        report: (p) => store.problems.push(p),
        warn: () => undefined,
      }),
    timeoutMs: 2000,
    random: () => 0.5,
    sync: { betweenAthletesMs: 0 },
  });
  // A settings file the test wrote itself (a bad one, an old one) is read as it is, by the desktop, first.
  const prepared = existsSync(join(w.dataDir, 'settings.json'));
  const settings = openSettings(w.dataDir);
  // Tracks only where a test asks for them, as in the world (test/support/splits.ts): tests count reads without them.
  if (!prepared || options.settings) settings.set({ fetchTracks: false, ...options.settings });
  const ports = recordingPorts();
  const oauthHttp = createStravaHttp({
    clock: w.clock,
    logger: silentLogger,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
    timeoutMs: 2000,
  });
  const desktop = new SplitsDesktop({
    services,
    settings,
    ports,
    oauthHttp,
    loginTimeoutMs: 10_000,
    afterWakeMs: 1000,
  });
  const events: DesktopUnderTest['events'] = [];
  const listeners: DesktopUnderTest['listeners'] = new Set();
  const send = (channel: EventChannel, payload: unknown) => {
    events.push({ channel, payload });
    for (const listener of listeners) listener(channel, payload);
  };
  const table = createHandlers({
    appInfo: { name: 'Splits', version: '0.0.0-test' },
    desktop,
    services,
    ready: () => desktop.events.ready({ send }),
  });
  const internalErrors: string[] = [];
  const expected: RegExp[] = [];
  const errors = createLogger('desktop-test', 'error', (line) => {
    internalErrors.push(line);
    if (!expected.some((pattern) => pattern.test(line))) process.stderr.write(`${line}\n`);
  });
  const invoke = (channel: string, ...args: unknown[]) =>
    dispatch(table, channel, args, errors) as ReturnType<DesktopUnderTest['invoke']>;
  return {
    desktop,
    services,
    table,
    ports,
    events,
    listeners,
    invoke,
    close: () => desktop.shutdown(),
    internalErrors,
    expectInternal: (pattern) => void expected.push(pattern),
  };
}

/** Waits until `check` holds, polling (real time: the sync runs on real sockets). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connects an athlete under a name of its own (World.connect names them "Athlete <id>"). */
export async function connectNamed(w: World, app: DesktopUnderTest, athleteId: number, name: string): Promise<void> {
  await w.connect(app.services, athleteId);
  const account = app.services.store.accounts.list().find((a) => a.athleteId === athleteId)!;
  await app.services.store.accounts.save({ ...account, name });
}
