import { covers, merge } from './sync-queue';
import type { SyncReport, SyncRequest } from './sync-types';

interface Run {
  request: SyncRequest;
  abort: AbortController;
  promise: Promise<SyncReport>;
}

interface Waiting {
  request: SyncRequest;
  promise: Promise<SyncReport>;
  settle: (report: Promise<SyncReport> | SyncReport) => void;
}

/**
 * One run at a time: a request joins the run going when that run already does what it asks, one that asks for more
 * waits for it, and requests waiting meanwhile become one that asks for everything they asked for (sync-queue.ts).
 * A cancel stops the run at its next safe point and drops the one waiting; while it winds down nothing starts.
 */
export class SyncRuns {
  private running: Run | null = null;
  private waiting: Waiting | null = null;
  /** Set while cancel() winds the running sync down. */
  private stopping: Promise<void> | null = null;

  constructor(
    /** Runs one request; its signal aborts when the run is cancelled. */
    private readonly run: (request: SyncRequest, signal: AbortSignal) => Promise<SyncReport>,
    /** The report of a request that never ran (dropped by a cancel). */
    private readonly nothingRun: (request: SyncRequest) => SyncReport,
  ) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  sync(request: SyncRequest): Promise<SyncReport> {
    // Quitting: nothing new starts, and nothing joins the run being stopped.
    if (this.stopping) return Promise.resolve(this.nothingRun(request));
    if (!this.running) return this.start(request);
    if (covers(this.running.request, request)) return this.running.promise;
    if (this.waiting) {
      this.waiting.request = merge(this.waiting.request, request);
      return this.waiting.promise;
    }
    let settle!: Waiting['settle'];
    const promise = new Promise<SyncReport>((resolve) => (settle = resolve));
    this.waiting = { request, promise, settle };
    return promise;
  }

  /** Stops the running sync (a request in flight is aborted) and drops the one waiting; resolves once it has stopped. */
  cancel(): Promise<void> {
    this.stopping ??= (async () => {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.settle(this.nothingRun(waiting.request));
      const running = this.running;
      if (!running) return;
      running.abort.abort();
      await running.promise.catch(() => undefined);
    })().finally(() => (this.stopping = null));
    return this.stopping;
  }

  private start(request: SyncRequest): Promise<SyncReport> {
    const abort = new AbortController();
    const run: Run = { request, abort, promise: Promise.resolve(null as never) };
    run.promise = this.run(request, abort.signal).finally(() => {
      this.running = null;
      const next = this.waiting;
      this.waiting = null;
      if (next) next.settle(this.stopping ? this.nothingRun(next.request) : this.start(next.request));
    });
    this.running = run;
    return run.promise;
  }
}
