import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RateLimiter } from '../strava/rate-limiter';
import type { SyncTrigger } from '../store/history-store';
import type { SyncReport, SyncRequest } from './sync-types';

export interface SchedulerOptions {
  enabled: boolean;
  intervalMinutes: number;
  /** Sync at start (the desktop app's launch sync). */
  syncAtStart: boolean;
  /** How long after the computer wakes to sync: the network needs a moment to come back. */
  afterWakeMs: number;
}

export interface SyncRunner {
  sync(request: SyncRequest): Promise<SyncReport>;
  /** Stops the running sync at its next safe point and resolves when it has. */
  cancel(): Promise<void>;
}

/**
 * Runs the background syncs: one at start, then every interval; a wake from sleep brings the next one forward.
 * While the read budget is below the person's reserve it skips a turn instead of sending requests that would only
 * eat into what a manual sync needs. All time comes from the injected clock.
 */
export class SyncScheduler {
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private wakeTimer: AbortController | null = null;
  /** The sync a wake brought forward, so that stop() waits for it too. */
  private wakeTurn: Promise<void> = Promise.resolve();
  private readonly options: SchedulerOptions;
  private started = false;
  /** When the next timed turn is due (epoch ms), while the timer runs. */
  private nextTurnAt: number | null = null;

  constructor(
    private readonly runner: SyncRunner,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: SchedulerOptions,
    private readonly onReport: (report: SyncReport) => void = () => undefined,
  ) {
    this.options = { ...options };
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** When the next background sync is due, or null while paused or stopped. */
  get nextAt(): number | null {
    return this.loop ? this.nextTurnAt : null;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.startLoop(this.options.syncAtStart);
  }

  /**
   * New settings take effect at once: turned off, the timer stops (a sync already running goes on: pausing is not
   * cancelling); turned on or given a new interval, the timer starts again from now.
   */
  reconfigure(options: Partial<Omit<SchedulerOptions, 'syncAtStart'>>): void {
    Object.assign(this.options, options);
    if (!this.started) return;
    this.abort?.abort();
    // A wake's sync still comes (soon after the wake) unless background syncs were just turned off.
    if (!this.options.enabled) this.wakeTimer?.abort();
    // The stopped loop may still be finishing a turn: it is no longer the timer, whatever it does next.
    this.loop = null;
    this.nextTurnAt = null;
    this.startLoop(false);
  }

  private startLoop(launchTurn: boolean): void {
    if (!this.options.enabled) return;
    const abort = (this.abort = new AbortController());
    const loop: Promise<void> = this.run(abort.signal, launchTurn).finally(() => {
      if (this.loop === loop) this.loop = null;
    });
    this.loop = loop;
  }

  /** Stops the timer and cancels a sync in flight at its next safe point (quitting must not wait for a whole run). */
  async stop(): Promise<void> {
    this.started = false;
    this.abort?.abort();
    this.wakeTimer?.abort();
    await this.runner.cancel();
    await this.loop;
    await this.wakeTurn;
  }

  /** The computer woke: sync soon, once the network is back. */
  wake(): void {
    if (!this.started || !this.options.enabled) return;
    this.wakeTimer?.abort();
    const timer = (this.wakeTimer = new AbortController());
    this.wakeTurn = this.clock.sleep(this.options.afterWakeMs, timer.signal).then(
      () => this.turn('background'),
      () => undefined,
    );
  }

  private async run(signal: AbortSignal, launchTurn: boolean): Promise<void> {
    if (launchTurn) await this.turn('launch');
    while (!signal.aborted) {
      const interval = this.options.intervalMinutes * 60_000;
      this.nextTurnAt = this.clock.now() + interval;
      try {
        await this.clock.sleep(interval, signal);
      } catch {
        return; // stopped, paused, or started again with new settings
      }
      this.nextTurnAt = null; // due now: the turn is under way
      await this.turn('background');
    }
  }

  private async turn(trigger: SyncTrigger): Promise<void> {
    if (!this.limiter.decide('read', 'background').go) {
      this.logger.info('skipping a background sync: the read budget is down to the reserve kept for manual syncs');
      return;
    }
    try {
      this.onReport(await this.runner.sync({ trigger }));
    } catch (error) {
      this.logger.error('background sync failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
