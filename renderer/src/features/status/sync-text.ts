import { workLeftBegun, workLeftWords } from '../../../../common/work-left-words';
import type { SyncProgressView, SyncStateView, SyncSummary, WorkLeftView } from '../../../../preload/payloads';
import { formatMoment } from '../../format/dates';
import { integer } from '../../format/numbers';

const PHASES: Record<SyncProgressView['phase'], string> = {
  listing: 'listing new activities',
  scanning: 'scanning every page',
  details: 'fetching details',
  done: 'finishing',
};

export const phaseLabel = (phase: SyncProgressView['phase']): string => PHASES[phase];

/** A time of day, with the date when it is not today: the window's one style (format/dates.ts). */
export function when(ms: number, now: number = Date.now()): string {
  return formatMoment(ms, now);
}

/**
 * The one sentence screen readers hear (aria-live): it changes with the state and the phase, never with a page or a
 * count, so a sync is announced a few times rather than four times a second.
 */
export function headline(state: SyncStateView | null): string {
  if (!state) return 'Reading the sync state…';
  if (notConnected(state)) return 'Not connected.';
  switch (state.state) {
    case 'syncing': {
      const what = state.running?.mode === 'full' ? 'Full sync' : 'Syncing';
      const progress = state.running?.progress;
      // Said without its countdown (this sentence is live): the status bar's retry line counts down.
      if (progress?.retry) return `${what}: ${retryCause(progress.retry)}; trying again.`;
      return progress ? `${what}: ${phaseLabel(progress.phase)}.` : `${what}: starting.`;
    }
    case 'limited': {
      // Often no refusal at all: the last sync used the window up. Said as the budget, not as an error. "Resumes" only
      // when main has planned the sync at the reset (something is held back by it): otherwise nothing would run then.
      if (state.limitedUntil === null) return "Strava's read budget is used up.";
      const budget = `Strava's read budget is used up until ${when(state.limitedUntil)}`;
      if (state.resumeAt === null) return `${budget}.`;
      return state.resumeAt <= state.limitedUntil
        ? `${budget}; syncing resumes then.`
        : `${budget}; syncing resumes at ${when(state.resumeAt)}.`;
    }
    case 'attention': {
      // Private activities not granted is a note shown with the others, not an alarm: not counted.
      const alarms = state.attention.filter((a) => a.code !== 'private-not-granted').length;
      return alarms <= 1 ? 'Needs your attention.' : `${alarms} things need your attention.`;
    }
    case 'paused':
      return 'Background sync is paused: Splits syncs only when you press Sync now.';
    case 'idle':
      // Up to date only when every athlete is: otherwise what is left, and when it continues (athlete by athlete below).
      if (state.left.length > 0) return leftHeadline(state.left);
      return state.backgroundSync.enabled && state.backgroundSync.nextAt !== null
        ? `Up to date. Next sync at ${when(state.backgroundSync.nextAt)}.`
        : 'Up to date.';
  }
}

/** The longest headline that is one athlete's own words: longer, it ran over four bold lines at 800 px. */
const SHORT_HEADLINE = 72;

/** "Grace: full scan at page 40 of about 60, continues at 10:15 PM.": one athlete's work left as a sentence. */
const leftSentence = (w: WorkLeftView): string => `${workLeftWords(w, (ms) => when(ms))}.`;

/**
 * Work left as one short sentence: one athlete's own words when they are short, else who has work left and when
 * syncing goes on (the earliest sync that serves any of them); the lines under it say each athlete's.
 */
function leftHeadline(left: WorkLeftView[]): string {
  if (left.length === 1 && leftSentence(left[0]!).length <= SHORT_HEADLINE) return leftSentence(left[0]!);
  const who = left.length === 1 ? `${left[0]!.name} has work left` : `${integer(left.length)} athletes have work left`;
  const next = left.reduce<number | null>(
    (soonest, w) => (w.continuesAt !== null && (soonest === null || w.continuesAt < soonest) ? w.continuesAt : soonest),
    null,
  );
  const verb = left.some(workLeftBegun) ? 'continues' : 'starts';
  return `${who}; syncing ${verb} ${next !== null ? `at ${when(next)}` : 'when you press Sync now'}.`;
}

/**
 * What is left, one line an athlete, under the headline (not live: the headline is what is announced). Shown while no
 * sync runs and nothing needs the person; none when the headline already is the one athlete's whole sentence.
 */
export function leftLines(state: SyncStateView | null): Array<{ athleteId: number; text: string }> {
  if (
    !state ||
    state.running !== null ||
    notConnected(state) ||
    state.state === 'syncing' ||
    state.state === 'attention'
  )
    return [];
  const lines = state.left.map((w) => ({ athleteId: w.athleteId, text: leftSentence(w) }));
  return state.state === 'idle' && lines.length === 1 && lines[0]!.text === headline(state) ? [] : lines;
}

const retryCause = (retry: NonNullable<SyncProgressView['retry']>): string =>
  retry.reason === 'server-error' ? 'Strava answered with an error' : 'Strava did not answer';

/** "Strava did not answer; trying again in 8 s (2 of 4)": a retry as it stands, counted down to `now`. */
export function retryText(retry: NonNullable<SyncProgressView['retry']>, now: number): string {
  const seconds = Math.ceil((retry.at - now) / 1000);
  return `${retryCause(retry)}; trying again ${seconds > 0 ? `in ${seconds.toLocaleString()} s` : 'now'} (${retry.attempt} of ${retry.of}).`;
}

/**
 * Nobody connected is what the window says (with the way to connect), unless a sync runs or something needs the
 * person first: without credentials, entering them is the way forward, and connecting comes after.
 */
export const notConnected = (state: SyncStateView): boolean =>
  !state.connected && state.state !== 'syncing' && state.state !== 'attention';

const STATUS_WORDS: Record<SyncSummary['results'][number]['status'], string> = {
  ok: 'done',
  'rate-limited': 'stopped at the rate limit',
  'needs-login': 'needs a login',
  'app-inactive': 'refused: application inactive',
  unreachable: 'Strava unreachable',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** "12 new, 3 updated", or what stopped it: the result of a run in a few words. */
export function resultText(summary: SyncSummary): string {
  if (summary.results.length === 0) return 'nothing to sync';
  const sum = (key: 'newCount' | 'updatedCount' | 'deletedCount' | 'detailsFetched') =>
    summary.results.reduce((n, r) => n + r[key], 0);
  const counts = [`${integer(sum('newCount'))} new`, `${integer(sum('updatedCount'))} updated`];
  if (sum('deletedCount') > 0) counts.push(`${integer(sum('deletedCount'))} deleted`);
  if (sum('detailsFetched') > 0) counts.push(`${integer(sum('detailsFetched'))} details`);
  const troubled = summary.results.find((r) => r.status !== 'ok');
  return troubled ? `${STATUS_WORDS[troubled.status]} (${counts.join(', ')})` : counts.join(', ');
}

/** The counts of a sync in progress, in words. */
export function progressCounts(p: SyncProgressView): string {
  const parts = [
    `page ${integer(p.page)}`,
    `${integer(p.received)} received`,
    `${integer(p.newCount)} new`,
    `${integer(p.updatedCount)} updated`,
    `${integer(p.deletedCount)} deleted`,
  ];
  if (p.phase === 'details' || p.detailsFetched > 0 || p.detailsLeft !== null)
    parts.push(
      `details ${integer(p.detailsFetched)} fetched${p.detailsLeft !== null ? `, ${integer(p.detailsLeft)} left` : ''}`,
    );
  return parts.join(' · ');
}
