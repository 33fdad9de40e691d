import { app, powerMonitor } from 'electron';
import type { Logger } from '../../log';
import type { SplitsDesktop } from '../splits-desktop';

/** How long a quit waits for the sync to reach a safe point and the store to be written. */
const QUIT_DEADLINE_MS = 15_000;

/** Where the app is in its life: running; quitting (waiting for the sync to stop and the store to be written); done. */
type Phase = 'running' | 'quitting' | 'done';

export interface AppLifecycleDeps {
  desktop: SplitsDesktop;
  logger: Logger;
  /** Another launch, or a click on the dock icon: the window comes forward. */
  show: () => void;
  /** The last step of a quit (the tray icon goes). */
  ended: () => void;
}

/**
 * The tray app's life in Electron: closing the last window does not quit it; Quit waits (up to a deadline) until the
 * running sync has stopped at a safe point and the store is written; a logout or shutdown is never held up.
 */
export class AppLifecycle {
  private phase: Phase = 'running';
  /** The computer is shutting down or logging out: nothing may hold the quit up. */
  private systemShutdown = false;

  constructor(private readonly deps: AppLifecycleDeps) {}

  /** Whether a window's close belongs to the app ending (a quit, the system's shutdown): it closes, never hides. */
  get ending(): boolean {
    return this.quitting || this.systemShutdown;
  }

  /** Whether a quit is winding the app down or has (a shutdown signal alone may yet be cancelled: not this). */
  get quitting(): boolean {
    return this.phase !== 'running';
  }

  listen(): void {
    const { desktop } = this.deps;
    app.on('second-instance', () => this.deps.show());
    app.on('activate', () => this.deps.show());
    // The app lives in the tray: closing its last window does not quit it, on any platform.
    app.on('window-all-closed', () => undefined);
    app.on('before-quit', (event) => {
      if (this.phase === 'done') return;
      if (this.systemShutdown) {
        // Holding the quit would refuse the logout (macOS asks every app): the sync is cancelled, not waited for.
        void desktop.shutdown();
        return;
      }
      event.preventDefault();
      if (this.phase === 'quitting') return; // already winding down
      this.phase = 'quitting';
      void this.windDown().then(() => {
        this.phase = 'done';
        app.quit();
      });
    });
    powerMonitor.on('resume', () => desktop.wake());
    powerMonitor.on('shutdown', () => {
      this.systemShutdown = true;
    });
  }

  private async windDown(): Promise<void> {
    const { desktop, logger } = this.deps;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), QUIT_DEADLINE_MS)));
    try {
      // Every write is atomic, so quitting past the deadline loses at most the pages since the last write; a quit that
      // never ends would be worse (the person would kill it anyway).
      if ((await Promise.race([desktop.shutdown().then(() => 'done' as const), deadline])) === 'late')
        logger.warn('quitting before the sync stopped: it took longer than 15 s');
    } catch (error) {
      logger.error('quitting: the sync did not stop cleanly', { error: String(error) });
    } finally {
      clearTimeout(timer);
      this.deps.ended();
    }
  }
}
