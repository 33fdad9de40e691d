import { workLeftParts } from '../../common/work-left-words';
import type { LimitsView, SyncStateView, TrayState } from '../../preload/payloads';

/** What the tray shows, as plain data: the Electron adapter draws it, tests read it. */
export interface TrayModel {
  icon: TrayState;
  tooltip: string;
  items: TrayItem[];
}

export type TrayAction = 'sync-quick' | 'sync-full' | 'open' | 'toggle-pause' | 'open-log-folder' | 'quit';

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

export function trayModel(
  state: SyncStateView,
  limits: LimitsView,
  formatTime: (epochMs: number) => string,
): TrayModel {
  const last = describeLast(state, formatTime);
  // Also in the menu: some Linux trays (AppIndicator) show no tooltip. The day's budget: the quarter hour's, when it is
  // what holds syncing back, is said by the first line's "rate limited until".
  const reads = `${limits.read.remainingDay.toLocaleString()} of ${limits.read.limitDay.toLocaleString()} reads left today`;
  const syncing = state.running !== null;
  // With nobody connected there is nothing to sync: offered anyway, the click would do nothing the person can see.
  const canSync = !syncing && state.connected;
  const paused = state.backgroundSync.enabled ? '' : ' (background sync paused)';
  const prefix = 'Splits: ';
  return {
    icon: state.state,
    // Tooltips are one or two short lines on every platform: the first is shortened to leave the second whole.
    tooltip: clip(
      `${prefix}${fitLine({ ...last, keep: last.keep + paused }, TOOLTIP_MAX - prefix.length - reads.length - 1)}\n${reads}`,
      TOOLTIP_MAX,
    ),
    items: [
      { kind: 'action', action: 'sync-quick', label: syncing ? 'Syncing…' : 'Sync now', enabled: canSync },
      { kind: 'action', action: 'sync-full', label: 'Full sync', enabled: canSync },
      { kind: 'action', action: 'open', label: 'Open Splits', enabled: true },
      { kind: 'check', action: 'toggle-pause', label: 'Pause background sync', checked: !state.backgroundSync.enabled },
      { kind: 'separator' },
      { kind: 'info', label: fitLine(last, TOOLTIP_MAX) },
      { kind: 'info', label: reads },
      { kind: 'separator' },
      // Where a tray app's problems are explained when its window will not do (or the person never opens it).
      { kind: 'action', action: 'open-log-folder', label: 'Open the log folder', enabled: true },
      { kind: 'action', action: 'quit', label: 'Quit Splits', enabled: true },
    ],
  };
}

/**
 * The tray's status line in three parts, by what a short line gives up first: `lead` (when the last sync was) goes
 * whole, then `body` gives way to `brief` (the same in fewer words, where there are any), which is cut at its end, and
 * `keep` (a promised time: "continues at 10:15 PM") is never cut.
 */
export interface StatusLine {
  lead: string;
  body: string;
  brief?: string;
  keep: string;
}

/** The status line in at most `max` UTF-16 units, giving up its parts in StatusLine's order. */
export function fitLine({ lead, body, brief = body, keep }: StatusLine, max: number): string {
  if (lead.length + body.length + keep.length <= max) return lead + body + keep;
  if (body.length + keep.length <= max) return body + keep;
  if (brief.length + keep.length <= max) return brief + keep;
  // Room for a word of the body and its mark at the least; failing that, the whole cut at its end.
  if (max - keep.length < 2) return clip(brief + keep, max);
  return clipAtWord(brief, max - keep.length) + keep;
}

const plain = (body: string): StatusLine => ({ lead: '', body, keep: '' });

/** The line for the last sync: what is happening now, or when the last one ended and how. */
export function describeLast(state: SyncStateView, formatTime: (epochMs: number) => string): StatusLine {
  if (state.running) {
    const p = state.running.progress;
    const left =
      p?.secondsLeft != null && Number.isFinite(p.secondsLeft) && p.secondsLeft > 0
        ? `, about ${duration(p.secondsLeft)} left`
        : '';
    return p
      ? { lead: '', body: `syncing: ${p.received.toLocaleString()} activities received`, keep: left }
      : plain('syncing…');
  }
  const alarms = state.attention.filter((a) => a.code !== 'private-not-granted');
  // Each problem names its athletes in its first sentence; more than one are counted.
  if (state.state === 'attention' && alarms[0])
    return plain(
      `${alarms.length > 1 ? `${alarms.length} problems: ` : ''}${alarms[0].message.split('. ')[0]!.replace(/\.$/, '')}`,
    );
  if (state.state === 'limited' && state.limitedUntil)
    return {
      lead: '',
      body: 'rate limited by Strava',
      keep: ` until ${formatTime(state.limitedUntil)}${state.resumeAt !== null ? '; syncing resumes then' : ''}`,
    };
  if (!state.connected) return plain('not connected: open Splits to connect to Strava');
  const last = state.last;
  if (!last || last.results.length === 0) return plain('not synced yet');
  const lead = `last sync ${formatTime(last.endedAt)}: `;
  const statuses = new Set(last.results.map((r) => r.status));
  const fresh = last.results.reduce((n, r) => n + r.newCount, 0);
  // Up to date only when every athlete is; otherwise what is left, and when it continues.
  const [left, ...more] = state.left;
  if (left) {
    const { what, brief, when } = workLeftParts(left, formatTime);
    return {
      lead,
      body: `${left.name}: ${what}`,
      brief: `${left.name}: ${brief}`,
      keep: `, ${when}${more.length > 0 ? ` (+${more.length} more)` : ''}`,
    };
  }
  const outcome = (words: string): StatusLine => ({ lead, body: words, keep: '' });
  if (statuses.size === 1 && statuses.has('ok'))
    return outcome(fresh === 0 ? 'up to date' : `${fresh.toLocaleString()} new`);
  if (statuses.has('cancelled')) return outcome('stopped');
  if (statuses.has('rate-limited')) return outcome("paused by Strava's rate limit");
  return outcome(last.results.find((r) => r.status !== 'ok')?.status.replace('-', ' ') ?? 'done');
}

/**
 * The text cut to `max` UTF-16 units after its last whole word, marked with an ellipsis: "407 tracks…" or "407…",
 * never "407 track…", which reads as something else. A text with no word break to cut at is cut as clip() cuts it.
 */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The ellipsis takes one unit: the words that end at or before `max - 1` are kept (a space there ends the last).
  const space = text.lastIndexOf(' ', max - 1);
  const kept = space > 0 ? text.slice(0, space).replace(/[\s,;:]+$/, '') : '';
  return kept ? `${kept}…` : clip(text, max);
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
