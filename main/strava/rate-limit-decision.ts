import { StravaError } from './errors';

export type LimitScope = 'overall' | 'read';

/** `retryAt` is on this computer's clock (callers sleep on it); `resetAt` is the window's end on Strava's. */
export type Blocked = { go: false; retryAt: number; resetAt: number; scope: LimitScope; window: '15min' | 'day' };
/** Whether a request may go out now, and if not, which limit holds it back until when. */
export type Decision = { go: true } | Blocked;

/** The 'rate-limited' StravaError for a request a limit holds back: what is reached, and when Splits goes on. */
export function rateLimitedError(decision: Blocked): StravaError {
  // The reset as Strava keeps it (a quarter hour, UTC midnight); retryAt, on this computer's clock, may be a moment off.
  const when = new Date(decision.resetAt).toISOString().replace('.000Z', 'Z');
  const which = decision.window === 'day' ? 'daily' : '15-minute';
  return new StravaError(
    'rate-limited',
    `Strava's ${which} ${decision.scope === 'read' ? 'read ' : ''}limit is reached; nothing more was sent. Splits continues after ${when} (the next reset).`,
    { retryAt: decision.retryAt, reason: `${decision.scope}-${decision.window}` },
  );
}
