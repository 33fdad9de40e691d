import { useId } from 'react';
import type { Attention } from '../../../../preload/payloads';
import type { ViewName } from '../../view-name';

const STRAVA_API_SETTINGS = 'https://www.strava.com/settings/api';

const TITLES: Record<Attention['code'], string> = {
  'credentials-missing': 'Set up Splits',
  'needs-login': 'Login needed',
  'scope-missing': 'Permission missing',
  'app-inactive': 'Application inactive',
  unreachable: 'Strava unreachable',
  failed: 'Sync failed',
  'private-not-granted': 'Private activities not synced',
};

/**
 * What needs the person, each with main's plain message (naming the athletes it concerns) and the one control that
 * fixes it: main puts the same problem of several athletes into one item, so one line has one button.
 */
export function AttentionList({
  items,
  onNavigate,
  onSync,
}: {
  items: Attention[];
  onNavigate: (view: ViewName) => void;
  onSync: () => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="attention-list" aria-label="Needs attention">
      {items.map((item) => (
        <AttentionItem
          key={`${item.code}:${item.athletes.map((a) => a.athleteId).join(',')}`}
          item={item}
          onNavigate={onNavigate}
          onSync={onSync}
        />
      ))}
    </ul>
  );
}

function AttentionItem({
  item,
  onNavigate,
  onSync,
}: {
  item: Attention;
  onNavigate: (view: ViewName) => void;
  onSync: () => void;
}) {
  const id = useId();
  // A note (private activities) is not an alarm: drawn quieter.
  const tone = item.code === 'private-not-granted' ? 'note' : 'alarm';
  return (
    <li className={`attention-item attention-${tone}`} data-code={item.code}>
      <span id={id} className="attention-message">
        <strong>{TITLES[item.code]}:</strong> {item.message}
      </span>
      <AttentionFix item={item} describedBy={id} onNavigate={onNavigate} onSync={onSync} />
    </li>
  );
}

function AttentionFix({
  item,
  describedBy,
  onNavigate,
  onSync,
}: {
  item: Attention;
  describedBy: string;
  onNavigate: (view: ViewName) => void;
  onSync: () => void;
}) {
  switch (item.action) {
    case 'credentials':
      return (
        <button type="button" aria-describedby={describedBy} onClick={() => onNavigate('accounts')}>
          Enter credentials
        </button>
      );
    case 'connect':
      return (
        <button type="button" aria-describedby={describedBy} onClick={() => onNavigate('accounts')}>
          Connect again
        </button>
      );
    case 'sync':
      return (
        <button type="button" aria-describedby={describedBy} onClick={onSync}>
          Try again
        </button>
      );
    case 'strava-settings':
      // Main denies the new window and hands the address to the system browser.
      return (
        <a href={STRAVA_API_SETTINGS} target="_blank" rel="noreferrer" aria-describedby={describedBy}>
          Open Strava API settings
        </a>
      );
    case 'none':
      return null;
  }
}
