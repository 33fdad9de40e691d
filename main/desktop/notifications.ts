import { basename } from 'node:path';
import type { Attention } from '../../preload/payloads';
import type { SyncReport } from '../sync/sync-types';
import { attentionKeys } from './attention';
import type { SettingsSetAside } from './settings-store';

export interface DesktopNotification {
  title: string;
  body: string;
}

/** How many names a "new activities" line gives before "and N more". */
const NAMED = 3;

/** "3 new: Morning Run, Lunch Ride, Evening Walk", or null when nothing new arrived. */
export function newActivitiesNotice(report: SyncReport): DesktopNotification | null {
  const count = report.results.reduce((sum, r) => sum + r.newCount, 0);
  if (count === 0) return null;
  const names = report.results.flatMap((r) => r.newActivities.map((a) => a.name.trim() || 'Untitled')).slice(0, NAMED);
  const more = count - names.length;
  const list = names.join(', ') + (more > 0 ? ` and ${more} more` : '');
  return {
    title: count === 1 ? 'A new activity in Splits' : `${count} new activities in Splits`,
    body: `${count} new: ${list}`,
  };
}

/** A settings file the defaults replaced: what was wrong, where the file is kept (by its name alone), what to do. */
export function settingsSetAsideNotice({ aside, reason }: SettingsSetAside): DesktopNotification {
  if (aside === null) {
    return {
      title: 'Splits cannot use its settings file',
      body: `Your settings file cannot be used (${reason}) and could not be moved aside. The default settings apply until you fix or remove settings.json in Splits' data folder.`,
    };
  }
  return {
    title: 'Splits went back to its default settings',
    body: `Your settings file could not be used (${reason}). It is kept as ${basename(aside)} in Splits' data folder, and the default settings apply: choose yours again in Settings.`,
  };
}

/**
 * Problems that need the person, each told once, naming its athletes: a problem still there at the next sync is not
 * told again, and one that went away and came back is. The same problem for several athletes is one notification;
 * another athlete joining it is news, told with everyone it concerns now.
 */
export class ProblemNotices {
  private told = new Set<string>();

  next(attention: Attention[]): DesktopNotification[] {
    const now = new Set(attention.flatMap(attentionKeys));
    const fresh = attention.filter(
      (a) =>
        attentionKeys(a).some((key) => !this.told.has(key)) &&
        a.code !== 'private-not-granted' &&
        a.code !== 'credentials-missing',
    );
    this.told = now;
    return fresh.map((a) => ({ title: TITLES[a.code], body: a.message }));
  }
}

const TITLES: Record<Attention['code'], string> = {
  'needs-login': 'Splits needs you to connect to Strava again',
  'scope-missing': 'Splits cannot read your activities',
  'app-inactive': 'Strava refuses your Splits application',
  'credentials-missing': 'Splits needs your Strava API application',
  unreachable: 'Splits could not reach Strava',
  failed: 'A Splits sync failed',
  'private-not-granted': 'Private activities are not synced',
};
