import type { AxiosInstance } from 'axios';
import { join } from 'node:path';
import type { LimitsView, SyncStateView, SyncSummary } from '../../preload/payloads';
import type { SyncTrigger } from '../../common/sync-trigger';
import type { SplitsServices } from '../services';
import type { SyncScheduler } from '../sync/sync-scheduler';
import type { SeenMark } from '../store/seen-marks';
import { AccountActions } from './account-actions';
import { ArchiveActions } from './archive-actions';
import { CredentialActions } from './credential-actions';
import { EventHub } from './event-hub';
import { MapTiles } from '../maps/map-tiles';
import { splitsUserAgent } from '../maps/user-agent';
import { MapActions } from './map-actions';
import type { DesktopPorts } from './desktop-ports';
import { SettingsActions } from './settings-actions';
import type { SettingsSource } from './settings-store';
import { SyncStatus } from './sync-status';
import { knownRoots, PathScrubber } from './without-paths';
import { WorkInFlight } from './work-in-flight';
import { declareLockProgram } from '../store/lock-purpose';

export interface DesktopDeps {
  services: SplitsServices;
  settings: SettingsSource;
  ports: DesktopPorts;
  /** For credential checks and logins: outside the API's rate limits. */
  oauthHttp: AxiosInstance;
  /** How long the browser login may take. */
  loginTimeoutMs?: number;
  /** How long after a wake from sleep to sync. */
  afterWakeMs?: number;
  /** The app's own folders (where it is installed, its logs): messages to the window name no file in them either. */
  appFolders?: readonly string[];
  /** Where map images are kept: the app passes the system's cache folder; without one, a folder in the data folder. */
  tileCacheDir?: string;
}

/**
 * The desktop app without Electron, made of small rooms: syncing and its state (SyncStatus, with the scheduler), the
 * accounts, the application's credentials, the settings, the archive, and the work a quit waits for. It starts them,
 * ends them, and is what the handler table and the tray call. Electron's parts are reached through DesktopPorts.
 */
export class SplitsDesktop {
  readonly events: EventHub;
  /** The doors' (IPC results and events): files under the data, home, temp and app folders are said in words. */
  readonly scrub: PathScrubber;
  readonly scheduler: SyncScheduler;
  readonly accounts: AccountActions;
  readonly credentials: CredentialActions;
  readonly settings: SettingsActions;
  /** Importing Strava's archive and exporting activities. */
  readonly archive: ArchiveActions;
  /** The map's images, once the person allows maps. */
  readonly maps: MapActions;
  private readonly status: SyncStatus;
  private readonly work = new WorkInFlight();
  /** The looks at the activities (markSeen) in flight, kept in their order. */
  private looks: Promise<unknown> = Promise.resolve();
  private shuttingDown: Promise<void> | null = null;

  constructor(private readonly deps: DesktopDeps) {
    const { services, ports } = deps;
    // Every lock this process takes names the app: a command line finding the folder busy says what to close.
    declareLockProgram({ kind: 'app' });
    const changed = () => this.status.changed();
    this.scrub = new PathScrubber(knownRoots(services.config.dataDir, deps.appFolders));
    this.events = new EventHub(services.logger, this.scrub);
    // First: it listens for a bad settings file before the first read (SyncStatus reads them to make the scheduler).
    this.settings = new SettingsActions({
      settings: deps.settings,
      scheduler: { reconfigure: (config) => this.scheduler.reconfigure(config) },
      events: this.events,
      logger: services.logger,
      setLaunchAtLogin: (enabled) => ports.setLaunchAtLogin(enabled),
      setTheme: (theme) => ports.setTheme(theme),
      notify: (notification) => ports.notify(notification),
      changed,
    });
    this.credentials = new CredentialActions({ services, oauthHttp: deps.oauthHttp, work: this.work, ports, changed });
    this.accounts = new AccountActions({
      services,
      events: this.events,
      work: this.work,
      ports,
      loginTimeoutMs: deps.loginTimeoutMs,
      changed,
      refreshSchedule: () => this.scheduler.refresh(),
      firstSync: (athleteId) => this.sync({ mode: 'quick', athleteId }),
    });
    this.status = new SyncStatus({
      services,
      settings: deps.settings,
      events: this.events,
      work: this.work,
      notify: (notification) => ports.notify(notification),
      scrub: this.scrub,
      afterWakeMs: deps.afterWakeMs ?? 10_000,
      hasCredentials: () => this.credentials.known,
      connecting: () => this.accounts.connectPhase,
      accountsChanged: () => this.accounts.announce(),
    });
    this.scheduler = this.status.scheduler;
    this.maps = new MapActions({
      settings: deps.settings,
      tiles: new MapTiles({
        cacheDir: deps.tileCacheDir ?? join(services.config.dataDir, 'tile-cache'),
        clock: services.clock,
        userAgent: splitsUserAgent(),
        logger: services.logger,
      }),
    });
    this.archive = new ArchiveActions({
      services,
      settings: deps.settings,
      ports,
      events: this.events,
      exclusive: (work) => this.exclusive(work),
      track: (work) => this.work.track(work),
      onImported: () => {
        this.accounts.announce();
        void this.scheduler.refresh();
        changed();
      },
    });
  }

  /** Applies the settings, shows what is stored, and starts syncing (at launch, then on the interval). */
  async start(): Promise<void> {
    await this.credentials.load();
    // A quit while the credentials were read has stopped the scheduler already: starting it now would bring back a
    // timer and a launch sync that nothing stops.
    if (this.shuttingDown) return;
    this.settings.applyAtStart();
    this.status.start();
    this.status.changed();
  }

  /** Tells the tray (and anyone else drawing the state) that it changed. */
  onChange(listener: (state: SyncStateView) => void): () => void {
    return this.status.onChange(listener);
  }

  /** A sync the person asked for (the window's button, the tray): the user's priority, details included. */
  sync(request: { mode: 'quick' | 'full'; athleteId?: number }, trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
    return this.status.sync(request, trigger);
  }

  cancel(): Promise<void> {
    return this.deps.services.engine.cancel();
  }

  /** The computer woke from sleep: a background sync soon (unless paused). */
  wake(): void {
    this.scheduler.wake();
  }

  state(): SyncStateView {
    return this.status.state();
  }

  limits(): LimitsView {
    return this.status.limits();
  }

  /**
   * The person looked at the activities of these athletes (all when left out): what is stored of them now counts as
   * seen. A write of the data folder like any other: refused once quitting began, and waited for by a quit.
   */
  markSeen(athleteId?: number): Promise<SeenMark[]> {
    this.work.refuseIfQuitting();
    // One after the other, in the order they came: a look's answer is the marks before it, and a later mark (what
    // arrived while the view was in sight) overtaking it would make the look's news look already seen.
    const look = this.looks.then(() => this.deps.services.store.markSeen(athleteId));
    this.looks = look.catch(() => undefined);
    return this.work.track(look);
  }

  /** Shows the log files (the window's and the tray's "Open the log folder"). */
  openLogFolder(): Promise<void> {
    return this.deps.ports.openLogFolder();
  }

  /** Work that writes the data folder outside a sync (an archive import): syncs wait for it to end, and so does a quit. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.work.refuseIfQuitting();
    const done = work();
    this.work.hold(done);
    return this.work.track(done);
  }

  /** Cancels a running sync at its next safe point and waits until what it received is written and the lock released. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      this.work.quit();
      // A Connect still waiting for the browser ends now; one past it finishes storing what Strava granted (below).
      this.accounts.quitting();
      // An import stops at its next row or file, keeping what it wrote; importing again finishes it.
      this.archive.cancelAll();
      await this.status.stop();
      // A connect past the browser finishes storing what Strava granted; a disconnect finishes its delete.
      await this.work.settled();
    })();
    return this.shuttingDown;
  }
}
