import type { SyncProgressView, SyncStateView, SyncSummary } from '../../../../preload/payloads';
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
      const phase = state.running?.progress?.phase;
      return phase ? `${what}: ${phaseLabel(phase)}.` : `${what}: starting.`;
    }
    case 'limited':
      // Often no refusal at all: the last sync used the window up. Said as the budget, not as an error.
      return state.limitedUntil !== null ? `Strava's read budget is used up until ${when(state.limitedUntil)}; syncing resumes then.` : "Strava's read budget is used up.";
    case 'attention': {
      // Private activities not granted is a note shown with the others, not an alarm: not counted.
      const alarms = state.attention.filter((a) => a.code !== 'private-not-granted').length;
      return alarms <= 1 ? 'Needs your attention.' : `${alarms} things need your attention.`;
    }
    case 'paused':
      return 'Background sync is paused: Splits syncs only when you press Sync now.';
    case 'idle':
      return state.backgroundSync.enabled && state.backgroundSync.nextAt !== null ? `Up to date. Next sync at ${when(state.backgroundSync.nextAt)}.` : 'Up to date.';
  }
}

/**
 * Nobody connected is what the window says (with the way to connect), unless a sync runs or something needs the
 * person first: without credentials, entering them is the way forward, and connecting comes after.
 */
export const notConnected = (state: SyncStateView): boolean => !state.connected && state.state !== 'syncing' && state.state !== 'attention';

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
  const sum = (key: 'newCount' | 'updatedCount' | 'deletedCount' | 'detailsFetched') => summary.results.reduce((n, r) => n + r[key], 0);
  const counts = [`${integer(sum('newCount'))} new`, `${integer(sum('updatedCount'))} updated`];
  if (sum('deletedCount') > 0) counts.push(`${integer(sum('deletedCount'))} deleted`);
  if (sum('detailsFetched') > 0) counts.push(`${integer(sum('detailsFetched'))} details`);
  const troubled = summary.results.find((r) => r.status !== 'ok');
  return troubled ? `${STATUS_WORDS[troubled.status]} (${counts.join(', ')})` : counts.join(', ');
}

/** The counts of a sync in progress, in words. */
export function progressCounts(p: SyncProgressView): string {
  const parts = [`page ${integer(p.page)}`, `${integer(p.received)} received`, `${integer(p.newCount)} new`, `${integer(p.updatedCount)} updated`, `${integer(p.deletedCount)} deleted`];
  if (p.phase === 'details' || p.detailsFetched > 0 || p.detailsLeft !== null) parts.push(`details ${integer(p.detailsFetched)} fetched${p.detailsLeft !== null ? `, ${integer(p.detailsLeft)} left` : ''}`);
  return parts.join(' · ');
}
