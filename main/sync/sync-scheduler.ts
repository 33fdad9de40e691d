import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RateLimiter } from '../strava/rate-limiter';
import type { SyncTrigger } from '../../common/sync-trigger';
import { planResume, type Resume } from './resume-plan';
import type { SyncReport, SyncRequest } from './sync-types';
import type { AthleteWorkLeft } from './work-left';

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
  /** What is left to sync for each athlete, as the store has it now. */
  workLeft(): Promise<AthleteWorkLeft[]>;
}

/** How a turn of the scheduler ended: it synced, it skipped (the budget was down to the reserve), or its sync failed to start. */
export type TurnOutcome = 'ran' | 'skipped' | 'failed';

/**
 * After a sync that could not start (the data folder busy with another Splits), how long before a resume due by then
 * tries again: not at once, which with the folder still busy would be a tight loop.
 */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;
/** A background resume this close to the interval's turn leaves the work to that turn, which lists and backfills too. */
const INTERVAL_TURN_SLACK_MS = 60_000;

/** What the scheduler knows is left and what it will do about it: the status says exactly this. */
export interface Outlook {
  work: AthleteWorkLeft[];
  /** Athletes whose last run stopped at the rate limit before their list was current. */
  stoppedAtLimit: ReadonlySet<number>;
  /** The sync it will run at the next reset, or null when it runs none before its next turn. */
  resume: Resume | null;
}

/**
 * Runs the background syncs: one at start, then every interval; a wake from sleep brings the next one forward.
 * While the read budget is below the person's reserve it skips a turn instead of sending requests that would only
 * eat into what a manual sync needs. Whenever work is held back by a rate limit (the person's sync stopped at the
 * limit, an unfinished or due scan, the backfill, a skipped turn), it wakes at the reset and syncs (planResume); the
 * status tells that same plan, and stops telling it once the wake has come. A sync that could not start (the folder
 * busy) is planned again, a while later, whatever the budget says by then. All time comes from the injected clock.
 */
export class SyncScheduler {
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private stoppedForGood = false;
  private wakeTimer: AbortController | null = null;
  /** Every turn under way (the loop's, a wake's, a resume's, one a later plan replaced): stop() waits for them all. */
  private readonly turns = new Set<Promise<void>>();
  private readonly options: SchedulerOptions;
  private started = false;
  /** When the next timed turn is due (epoch ms), while the timer runs. */
  private nextTurnAt: number | null = null;
  private outlookNow: Outlook = { work: [], stoppedAtLimit: new Set(), resume: null };
  /** The athletes whose sync the person asked for stopped at the rate limit, until a sync of theirs gets past it. */
  private readonly asked = new Set<number>();
  private turnSkipped = false;
  /** A background turn that could not start (the folder busy), until a background run does its work. */
  private turnFailed: { listing: boolean } | null = null;
  private resumeTimer: AbortController | null = null;
  /** No resume before this (epoch ms): set when a sync failed to start. */
  private retryNotBefore = 0;
  /** Outlooks are worked out one at a time, in the order asked, so an older one never overwrites a newer. */
  private refreshing: Promise<void> = Promise.resolve();

  constructor(
    private readonly runner: SyncRunner,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: SchedulerOptions,
    private readonly onReport: (report: SyncReport) => void = () => undefined,
    /** Told whenever the outlook changed (the status redraws from it). */
    private readonly onOutlook: (outlook: Outlook) => void = () => undefined,
    /** Told when each turn has ended, its outlook worked out again (the benchmark counts turns by it). */
    private readonly onTurn: (outcome: TurnOutcome) => void = () => undefined,
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

  /** What is left and the resume planned for it, as last worked out. */
  get outlook(): Outlook {
    return this.outlookNow;
  }

  start(): void {
    // Once stopped, for good: a start that comes after the stop (the app quit while it started) starts nothing.
    if (this.started || this.stoppedForGood) return;
    this.started = true;
    this.startLoop(this.options.syncAtStart);
    // What an earlier run left (an unfinished scan, a spent budget) is known before the first turn ends.
    void this.refresh();
  }

  /**
   * Works out the outlook again after a sync ended (any sync: the person's too, which the scheduler did not run) or
   * after something changed what is left (an athlete connected or removed, an import), and sets the reset's wake.
   * `listed` says whether the sync's request listed: a backfill alone tells nothing about whether the lists are current.
   */
  refresh(report?: SyncReport, listed = true): Promise<void> {
    const next = this.refreshing.then(() => this.refreshNow(report, listed));
    this.refreshing = next.catch((error: unknown) =>
      this.logger.error('working out what is left to sync failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return this.refreshing;
  }

  private async refreshNow(report: SyncReport | undefined, listed: boolean): Promise<void> {
    const stopped = new Set(this.outlookNow.stoppedAtLimit);
    const background = report !== undefined && !isPersons(report.trigger) && report.results.length > 0;
    // A backfill that ran did the work of one that could not start.
    if (background && !listed && this.turnFailed?.listing === false) this.turnFailed = null;
    // Only a run that listed says whether an athlete's list is current now (or stopped at the limit before it was).
    if (report && listed) {
      for (const r of report.results) {
        const limited = r.status === 'rate-limited';
        if (limited) stopped.add(r.athleteId);
        else stopped.delete(r.athleteId);
        // Any sync that got past the limit for an athlete serves the person's request for them.
        if (limited && isPersons(report.trigger)) this.asked.add(r.athleteId);
        else if (!limited) this.asked.delete(r.athleteId);
      }
      // A background run that listed took the turn that was skipped, or the one that could not start.
      if (background) {
        this.turnSkipped = false;
        this.turnFailed = null;
      }
    }
    const work = await this.runner.workLeft();
    // Nobody to sync (the last athlete disconnected, or every one must log in again): no skipped turn to make up.
    if (work.length === 0) {
      this.turnSkipped = false;
      this.turnFailed = null;
    }
    const accounts = new Set(work.map((w) => w.athleteId));
    for (const id of stopped) if (!accounts.has(id)) stopped.delete(id);
    for (const id of this.asked) if (!accounts.has(id)) this.asked.delete(id);
    this.outlookNow = { work, stoppedAtLimit: stopped, resume: null };
    this.replan();
  }

  /** Sets (or clears) the wake at the reset from what is known now: no new reading of the store. */
  private replan(): void {
    let resume = this.started
      ? planResume({
          work: this.outlookNow.work,
          stoppedAtLimit: this.outlookNow.stoppedAtLimit,
          asked: [...this.asked],
          turnSkipped: this.turnSkipped,
          turnFailed: this.turnFailed,
          backgroundEnabled: this.options.enabled,
          decide: (kind, priority) => this.limiter.decide(kind, priority),
          now: this.clock.now(),
        })
      : null;
    // After a sync that could not start, not again at once: with the folder still busy that would be a tight loop.
    if (resume && resume.at < this.retryNotBefore) resume = { ...resume, at: this.retryNotBefore };
    this.resumeTimer?.abort();
    this.resumeTimer = null;
    this.outlookNow = { ...this.outlookNow, resume };
    if (resume) {
      const timer = (this.resumeTimer = new AbortController());
      const planned = resume;
      void this.clock.sleep(Math.max(0, planned.at - this.clock.now()), timer.signal).then(
        () => {
          // Replaced after it fired (a newer plan): that plan's wake does the work.
          if (this.resumeTimer !== timer) return;
          // Kept now, or left to the interval's turn: either way the status no longer says "continues at".
          this.dropResume();
          const intervalTurnIn =
            this.nextTurnAt === null ? Number.POSITIVE_INFINITY : this.nextTurnAt - this.clock.now();
          if (!planned.asked && intervalTurnIn <= INTERVAL_TURN_SLACK_MS) return;
          return this.turn(planned.request.trigger, planned.request, !planned.asked);
        },
        () => undefined,
      );
    }
    this.onOutlook(this.outlookNow);
  }

  /** The reset's wake goes (its moment came, or another turn does its work), and the outlook stops promising it. */
  private dropResume(): void {
    this.resumeTimer?.abort();
    this.resumeTimer = null;
    if (this.outlookNow.resume === null) return;
    this.outlookNow = { ...this.outlookNow, resume: null };
    this.onOutlook(this.outlookNow);
  }

  /**
   * New settings take effect at once: turned off, the timer stops (a sync already running goes on: pausing is not
   * cancelling); turned on or given a new interval, the timer starts again from now.
   */
  reconfigure(options: Partial<Omit<SchedulerOptions, 'syncAtStart'>>): void {
    Object.assign(this.options, options);
    if (!this.started) return;
    // Paused: a background resume goes, the person's own stays; resumed: held-back work gets its wake again.
    this.replan();
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
    this.stoppedForGood = true;
    this.abort?.abort();
    this.wakeTimer?.abort();
    this.resumeTimer?.abort();
    await this.runner.cancel();
    await this.loop;
    await this.idle();
  }

  /** Resolves once no turn is under way and the outlook is worked out (a turn that starts meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.turns.size > 0) await Promise.allSettled([...this.turns]);
    await this.refreshing;
  }

  /** The computer woke: sync soon, once the network is back. */
  wake(): void {
    if (!this.started || !this.options.enabled) return;
    this.wakeTimer?.abort();
    const timer = (this.wakeTimer = new AbortController());
    void this.clock.sleep(this.options.afterWakeMs, timer.signal).then(
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

  /** One sync, kept among the turns under way until it has ended. */
  private turn(trigger: SyncTrigger, request: SyncRequest = { trigger }, background = true): Promise<void> {
    const turn = this.turnNow(trigger, request, background);
    this.turns.add(turn);
    const ended = () => void this.turns.delete(turn);
    turn.then(ended, ended);
    return turn;
  }

  /** A background turn checks the budget first (the person's resumed sync does not: it is theirs). Never rejects. */
  private async turnNow(trigger: SyncTrigger, request: SyncRequest, background: boolean): Promise<void> {
    if (!this.started) return;
    // A background turn does what a background resume would: the reset's wake is not needed too.
    if (background && this.outlookNow.resume && !this.outlookNow.resume.asked) this.dropResume();
    if (background && !this.limiter.decide('read', 'background').go) {
      this.logger.info(
        'skipping a background sync: the read budget is down to the reserve kept for manual syncs; syncing at the reset instead',
      );
      this.turnSkipped = true;
      await this.refresh();
      this.told('skipped');
      return;
    }
    try {
      const report = await this.runner.sync(request);
      this.onReport(report);
      await this.refresh(report, request.listing !== false);
      this.told('ran');
    } catch (error) {
      this.logger.error('a sync the scheduler started failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      // It did not run (the data folder busy with another Splits): what is left is planned again, and a resume that
      // comes out already due waits a while first. A background turn's work is planned whatever the budget says by
      // then: the turn may have been the reset's promised wake, and the next interval's turn is too late for it.
      this.retryNotBefore = this.clock.now() + RETRY_AFTER_FAILURE_MS;
      if (background) this.turnFailed = { listing: request.listing !== false || this.turnFailed?.listing === true };
      await this.refresh();
      this.told('failed');
    }
  }

  private told(outcome: TurnOutcome): void {
    try {
      this.onTurn(outcome);
    } catch (error) {
      this.logger.error("a turn's listener failed", { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

const isPersons = (trigger: SyncTrigger): boolean => trigger === 'manual' || trigger === 'cli';
