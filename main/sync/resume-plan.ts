import type { Decision } from '../strava/rate-limit-decision';
import type { Priority, RequestKind } from '../strava/rate-limiter';
import type { SyncRequest } from './sync-types';
import { hasWork, type AthleteWorkLeft } from './work-left';

/** A sync the scheduler will run when the rate limit that holds the work back lifts. */
export interface Resume {
  /** Epoch ms on this computer's clock: the reset that lets the work go on. */
  at: number;
  request: SyncRequest;
  /** The person's own sync, stopped at the limit: resumed even while background sync is paused. */
  asked: boolean;
}

export interface ResumeInput {
  work: AthleteWorkLeft[];
  /** Athletes whose last run stopped at the rate limit before their list was current. */
  stoppedAtLimit: ReadonlySet<number>;
  /** The athletes whose sync the person asked for stopped at the limit and is not done yet. */
  asked: number[];
  /** A background turn came while the budget was down to the person's reserve, and was skipped. */
  turnSkipped: boolean;
  /**
   * A background turn that could not start (the data folder busy), and whether it was to list: tried again whatever
   * the budget says, since the status promised it (the scheduler holds it back a while, so it is no tight loop).
   */
  turnFailed: { listing: boolean } | null;
  backgroundEnabled: boolean;
  decide: (kind: RequestKind, priority: Priority) => Decision;
  now: number;
}

/**
 * When (and what) to sync at the next rate-limit reset, or null when nothing is held back by the budget: the one
 * decision the scheduler keeps and the status tells ("continues at 10:15 PM"), so that what is said is what is done.
 *
 * - The person's own sync that stopped at the limit resumes at the reset of their (user) budget, paused or not.
 * - With background sync on, lists held back (an unfinished or due full scan, a run stopped at the limit, a skipped
 *   turn) resume when the background budget lifts, and details alone (no listing) when the backfill's does.
 * - A background turn that could not start is tried again, with the budget's go (at once) or at its reset: its moment
 *   was promised, and the budget having lifted meanwhile is no reason to leave the work to the next turn.
 * - Work that is left for another reason (cancelled, a run that failed) waits for the next turn, and nothing left
 *   means no extra sync at all.
 */
export function planResume(input: ResumeInput): Resume | null {
  const { decide, now } = input;
  if (input.asked.length > 0) {
    const decision = decide('read', 'user');
    // The person's own sync goes on, with their priority: one athlete's alone, or everyone's.
    const request: SyncRequest = {
      trigger: 'manual',
      ...(input.asked.length === 1 ? { athleteId: input.asked[0]! } : {}),
    };
    return { at: decision.go ? now : decision.retryAt, request, asked: true };
  }
  if (!input.backgroundEnabled) return null;
  // Deletions to confirm are asked about by the listing passes (the quick pass's window, or the next full scan).
  const lists =
    input.turnSkipped ||
    input.turnFailed?.listing === true ||
    input.work.some(
      (w) => w.fullScan !== null || w.scanDue || w.deletionsToConfirm > 0 || input.stoppedAtLimit.has(w.athleteId),
    );
  const details = input.work.some(hasWork);
  if (!lists && !details) return null;
  const decision = decide('read', lists ? 'background' : 'backfill');
  const request = backgroundRequest(lists);
  if (decision.go) return input.turnFailed ? { at: now, request, asked: false } : null;
  return { at: decision.retryAt, request, asked: false };
}

// Details alone list nothing: the lists are current, and listing them again every reset would only spend reads.
const backgroundRequest = (lists: boolean): SyncRequest =>
  lists ? { trigger: 'background' } : { trigger: 'background', listing: false };

/** Whether a resume plan serves this athlete's work (a resumed request for one athlete serves no other). */
export const resumes = (resume: Resume | null, athleteId: number): boolean =>
  resume !== null && (resume.request.athleteId === undefined || resume.request.athleteId === athleteId);
