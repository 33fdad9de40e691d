import { workLeftWords } from '../../common/work-left-words';
import type { LimitsView, SyncStateView, TrayState } from '../../preload/payloads';

/** What the tray shows, as plain data: the Electron adapter draws it, tests read it. */
export interface TrayModel {
  icon: TrayState;
  tooltip: string;
  items: TrayItem[];
}

export type TrayAction = 'sync-quick' | 'sync-full' | 'open' | 'toggle-pause' | 'quit';

export type TrayItem =
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'check'; action: TrayAction; label: string; checked: boolean }
  | { kind: 'info'; label: string }
  | { kind: 'separator' };

/**
 * The longest tooltip every platform shows whole: Windows keeps 127 UTF-16 units (NOTIFYICONDATA's szTip of 128, its
 * terminator included) and cuts the rest without a mark. The menu's info line is held to it too.
 */
export const TOOLTIP_MAX = 127;

export function trayModel(state: SyncStateView, limits: LimitsView, formatTime: (epochMs: number) => string): TrayModel {
  const lastLine = clip(describeLast(state, formatTime), TOOLTIP_MAX);
  const reads = `${limits.read.remaining15min} of ${limits.read.limit15min} reads left this quarter hour, ${limits.read.remainingDay} of ${limits.read.limitDay} today`;
  const syncing = state.running !== null;
  // With nobody connected there is nothing to sync: offered anyway, the click would do nothing the person can see.
  const canSync = !syncing && state.connected;
  const paused = state.backgroundSync.enabled ? '' : ' (background sync paused)';
  return {
    icon: state.state,
    // Tooltips are one or two short lines on every platform: the first is shortened (marked) to leave the second whole.
    tooltip: clip(`${clip(`Splits: ${lastLine}${paused}`, TOOLTIP_MAX - reads.length - 1)}\n${reads}`, TOOLTIP_MAX),
    items: [
      { kind: 'action', action: 'sync-quick', label: syncing ? 'Syncing…' : 'Sync now', enabled: canSync },
      { kind: 'action', action: 'sync-full', label: 'Full sync', enabled: canSync },
      { kind: 'action', action: 'open', label: 'Open Splits', enabled: true },
      { kind: 'check', action: 'toggle-pause', label: 'Pause background sync', checked: !state.backgroundSync.enabled },
      { kind: 'separator' },
      { kind: 'info', label: lastLine },
      // Also here: some Linux trays (AppIndicator) show no tooltip.
      { kind: 'info', label: `${limits.read.remainingDay} of ${limits.read.limitDay} reads left today` },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Splits', enabled: true },
    ],
  };
}

/** The line for the last sync: what is happening now, or when the last one ended and how. */
export function describeLast(state: SyncStateView, formatTime: (epochMs: number) => string): string {
  if (state.running) {
    const p = state.running.progress;
    const left = p?.secondsLeft != null && Number.isFinite(p.secondsLeft) && p.secondsLeft > 0 ? `, about ${duration(p.secondsLeft)} left` : '';
    return p ? `syncing: ${p.received} activities received${left}` : 'syncing…';
  }
  const alarms = state.attention.filter((a) => a.code !== 'private-not-granted');
  // Each problem names its athletes in its first sentence; more than one are counted.
  if (state.state === 'attention' && alarms[0]) return `${alarms.length > 1 ? `${alarms.length} problems: ` : ''}${alarms[0].message.split('. ')[0]!.replace(/\.$/, '')}`;
  if (state.state === 'limited' && state.limitedUntil) return `rate limited by Strava until ${formatTime(state.limitedUntil)}${state.resumeAt !== null ? '; syncing resumes then' : ''}`;
  if (!state.connected) return 'not connected: open Splits to connect to Strava';
  const last = state.last;
  if (!last || last.results.length === 0) return 'not synced yet';
  const when = formatTime(last.endedAt);
  const statuses = new Set(last.results.map((r) => r.status));
  const fresh = last.results.reduce((n, r) => n + r.newCount, 0);
  // Up to date only when every athlete is; otherwise what is left, and when it continues.
  const [left, ...more] = state.left;
  if (left) return `last sync ${when}: ${workLeftWords(left, formatTime)}${more.length > 0 ? ` (+${more.length} more)` : ''}`;
  if (statuses.size === 1 && statuses.has('ok')) return `last sync ${when}: ${fresh === 0 ? 'up to date' : `${fresh} new`}`;
  if (statuses.has('cancelled')) return `last sync ${when}: stopped`;
  if (statuses.has('rate-limited')) return `last sync ${when}: paused by Strava's rate limit`;
  return `last sync ${when}: ${last.results.find((r) => r.status !== 'ok')?.status.replace('-', ' ') ?? 'done'}`;
}

/** The text cut to `max` UTF-16 units, marked with an ellipsis where it was cut (never inside a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
