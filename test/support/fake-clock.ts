import { abortError, type Clock } from '../../main/clock';

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * A clock for tests, shared by the code under test and the simulator. In 'auto' mode a sleep moves time forward at
 * once (retry back-offs and rate-limit waits take no real time); in 'manual' mode sleeps wait for advance().
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];

  constructor(
    private ms: number = Date.UTC(2026, 10, 2, 8, 0, 0),
    public mode: 'auto' | 'manual' = 'auto',
  ) {}

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.mode === 'auto') {
      this.ms += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(abortError());
      };
      // The listener goes when the timer fires: a long-lived signal (the scheduler's) must not collect one per sleep.
      const timer: Timer = {
        at: this.ms + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward, waking each sleeper in order and letting its work run before the next. */
  async advance(ms: number): Promise<void> {
    const end = this.ms + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.ms = Math.max(this.ms, next.at);
      next.resolve();
    }
    this.ms = end;
    await settle();
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Polls (in real time) until the condition holds: for code that mixes the fake clock with real I/O. */
export async function waitFor(condition: () => boolean, what = 'a condition', timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
