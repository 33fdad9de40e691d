// The demo's world: a local Strava with three years of two athletes' activities, a temp data folder, and the desktop
// app's real core on it (services, settings, SplitsDesktop, the handler table), built as main/desktop/desktop-app.ts
// builds them, with Electron's parts (the browser, notifications, the theme) answered by the demo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { connectWithRefreshToken } from '../../main/accounts/account-service';
import { systemClock } from '../../main/clock';
import { loadConfig } from '../../main/config';
import { createHandlers, type HandlerTable } from '../../main/desktop/ipc-handlers';
import type { ListeningPage } from '../../main/desktop/event-hub';
import type { DesktopPorts } from '../../main/desktop/desktop-ports';
import { SplitsDesktop } from '../../main/desktop/splits-desktop';
import { createLogger } from '../../main/log';
import { createServices, type SplitsServices } from '../../main/services';
import { createStravaHttp } from '../../main/strava/http';
import { DEFAULT_RETRY_POLICY } from '../../main/strava/retry-policy';
import { openVault } from '../../main/vault/open-vault';
import { openSettings } from '../../test/support/settings-file';
import type { SimActivity } from '../../test/strava-sim';
import { generateActivities } from '../../test/strava-sim/activities';
import { systemClock as simClock } from '../../test/strava-sim/clock';
import { writeSampleArchive } from '../../test/strava-sim/sample-archive';
import { StravaSimulator } from '../../test/strava-sim/server';

export const DEMO_ATHLETES = [
  { id: 1001, firstname: 'Ada', lastname: 'Lovelace', seed: 42 },
  { id: 2002, firstname: 'Grace', lastname: 'Hopper', seed: 7 },
] as const;
const YEARS = 3;
/** Activities whose track and detail each athlete's sync fetches at most: two athletes' share of a quarter hour. */
const DEMO_BACKFILL_PER_RUN = 16;

export interface DemoWorld {
  sim: StravaSimulator;
  dataDir: string;
  services: SplitsServices;
  desktop: SplitsDesktop;
  table: HandlerTable;
  /** How many activities the simulator holds for each athlete. */
  seeded: Record<number, number>;
  /** Where main's events go once a page said app:ready (the demo's server sets it). */
  setEventTarget: (target: ListeningPage) => void;
  close: () => Promise<void>;
}

export async function openDemoWorld(options: {
  log: (line: string) => void;
  openExternal: (url: string) => Promise<void>;
  /** Told of each thing made before the world is whole (the simulator, the temp folder): a Ctrl-C meanwhile removes them. */
  onCleanup?: (cleanup: () => Promise<void>) => void;
}): Promise<DemoWorld> {
  const sim = new StravaSimulator({
    clock: simClock,
    athletes: DEMO_ATHLETES.map(({ id, firstname, lastname }) => ({ id, firstname, lastname })),
  });
  const seeded: Record<number, number> = {};
  let firstAthletes: { id: number; activities: SimActivity[] } | null = null;
  const now = Math.floor(Date.now() / 1000);
  for (const athlete of DEMO_ATHLETES) {
    // The generator spaces activities by chance: count how many of its first thousands fall within three years.
    const oldest = now - YEARS * 365 * 86_400;
    const count = generateActivities(athlete.id, 3000, 0, { seed: athlete.seed, newestBefore: now }).filter(
      (a) => a.start >= oldest,
    ).length;
    const activities = sim.seedActivities(athlete.id, count, { seed: athlete.seed, newestBefore: now });
    seeded[athlete.id] = activities.length;
    firstAthletes ??= { id: athlete.id, activities };
  }
  await sim.start();
  options.onCleanup?.(() => sim.stop().catch(() => undefined)); // (also stopped by close(): once is enough)
  const dataDir = await mkdtemp(join(tmpdir(), 'splits-demo-'));
  options.onCleanup?.(() => rm(dataDir, { recursive: true, force: true }));
  const exportsDir = await mkdtemp(join(tmpdir(), 'splits-demo-exports-'));
  options.onCleanup?.(() => rm(exportsDir, { recursive: true, force: true }));
  // The first athlete's Strava archive, as Strava would email it (test/strava-sim/sample-archive.ts), so "Import Strava
  // archive" shows what it does without a Strava account: an imported track (which wins over one fetched from the API)
  // is the same activity's recording. Written when first asked for, not at the start: encoding its files takes seconds.
  const sampleArchive = join(exportsDir, '..', `${basename(exportsDir)}-archive.zip`);
  options.onCleanup?.(() => rm(sampleArchive, { force: true }));
  let archiveWritten: Promise<void> | null = null;
  const writeFirstAthletesArchive = (athlete: { id: number; activities: SimActivity[] }) =>
    writeSampleArchive(sampleArchive, athlete.id, athlete.activities).then(
      () => undefined,
      (error: unknown) => {
        archiveWritten = null; // asked again, it is written again
        throw error;
      },
    );
  const env = {
    SPLITS_DATA_DIR: dataDir,
    STRAVA_API_URL: sim.apiUrl,
    STRAVA_OAUTH_URL: sim.oauthUrl,
    STRAVA_CLIENT_ID: sim.clientId,
    STRAVA_CLIENT_SECRET: sim.clientSecret,
    SPLITS_VAULT: 'file',
  };
  const logger = createLogger('splits-demo', process.env.SPLITS_LOG_LEVEL === 'debug' ? 'debug' : 'warn');
  const config = loadConfig(env);
  const settings = openSettings(dataDir);
  // The temp folder's private file, never this computer's keychain: the demo's secrets are the simulator's.
  const services = await createServices({
    config,
    clock: systemClock,
    logger,
    // Tracks come as they do in the app, from the simulator's streams by the backfill (Fetch tracks is on), newest
    // first. At Strava's default limits, which the simulator keeps, the first sync's lists leave the backfill reads
    // for about 32 activities (a track and a detail each), and the first athlete would take them all: each athlete's
    // run takes its newest 16, so both show tracks from the start. Later syncs go on as the budget comes back.
    // Background syncs (the launch sync, the timer's) go from one athlete to the next at once: the app waits 10 s
    // between them (SyncEngineOptions.betweenAthletesMs) to spread its requests, which here would only hold the demo's
    // address back (and every test that starts the demo), with nothing to spread them for.
    sync: { maxDetailsPerRun: DEMO_BACKFILL_PER_RUN, betweenAthletesMs: 0 },
    vault: (store) =>
      openVault({
        dataDir,
        forced: 'file',
        plainTextConsent: 'implicit',
        report: (p) => store.problems.push(p),
        warn: (m) => logger.warn(m),
      }),
  });
  const oauthHttp = createStravaHttp({
    clock: systemClock,
    logger,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: config.maxRetries },
  });
  const ports: DesktopPorts = {
    openExternal: options.openExternal,
    notify: ({ title, body }) => options.log(`notification: ${title}: ${body}`),
    confirmPlainTextVault: async () => true,
    setLaunchAtLogin: () => undefined,
    // The page follows the theme itself, from settings:get and settings:changed.
    setTheme: () => undefined,
    // A browser page cannot hand main a path: the demo answers its pickers with its own temp folder.
    pickArchive: async () => {
      if (firstAthletes) await (archiveWritten ??= writeFirstAthletesArchive(firstAthletes));
      options.log(`import: the sample archive ${sampleArchive}`);
      return sampleArchive;
    },
    pickExportFolder: async () => {
      options.log(`export: writing to ${exportsDir}`);
      return exportsDir;
    },
    revealFolder: async (path) => options.log(`export: the files are in ${path}`),
    // The demo keeps no log file: its log is this terminal's stderr.
    openLogFolder: async () =>
      options.log('the log folder: the demo logs to this terminal (stderr) and keeps no log file'),
  };
  const desktop = new SplitsDesktop({ services, settings, ports, oauthHttp });
  // A Ctrl-C during the first sync stops it at a safe point before the data folder is removed (cleanups run last
  // registered first): removed under a running sync, the folder was left half deleted, with the sync's errors.
  options.onCleanup?.(() => desktop.shutdown());
  let target: ListeningPage | null = null;
  const table = createHandlers({
    appInfo: { name: 'Splits', version: `${process.env.npm_package_version ?? '0.0.0'} (demo)` },
    desktop,
    services,
    ready: () => {
      if (target) desktop.events.ready(target);
    },
  });

  // Connected as `splits login --refresh-token` does: the simulator grants the tokens a browser login would.
  for (const athlete of DEMO_ATHLETES)
    await connectWithRefreshToken(services, sim.grantTokens(athlete.id).refresh_token);
  await desktop.start();
  // Joins the launch sync that start() began, or runs after it: either way the store is filled when it returns.
  await desktop.sync({ mode: 'quick' });
  for (const athlete of DEMO_ATHLETES) {
    // Strava's list pages leave some activities out (listHidden): what a sync can store is what the list shows.
    const listable = sim.listableSummaries(athlete.id).length;
    const stored = (await services.store.query({ athleteId: athlete.id, pageSize: 1 })).total;
    options.log(
      `Athlete ${athlete.id} (${athlete.firstname} ${athlete.lastname}): ${seeded[athlete.id]} activities on the simulator, ${listable} listed, ${stored} stored`,
    );
  }

  return {
    sim,
    dataDir,
    services,
    desktop,
    table,
    seeded,
    setEventTarget: (t) => {
      target = t;
    },
    close: async () => {
      await desktop.shutdown();
      await sim.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(exportsDir, { recursive: true, force: true });
      await rm(sampleArchive, { force: true });
    },
  };
}
