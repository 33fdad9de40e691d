import type { Attention, SyncSummary } from '../../preload/payloads';
import type { Account } from '../store/account-store';
import { withoutPaths } from './without-paths';

/** What needs the person now, each with the one action that fixes it, from the accounts and the last sync. */
export function attentionFrom(input: { accounts: Account[]; last: SyncSummary | null; hasCredentials: boolean }): Attention[] {
  const items: Attention[] = [];
  if (!input.hasCredentials) {
    items.push({
      code: 'credentials-missing',
      athleteId: null,
      message: 'Splits needs your Strava API application: enter its client id and secret (strava.com/settings/api, callback domain "localhost").',
      action: 'credentials',
    });
  }
  for (const account of input.accounts) {
    if (account.state === 'needs-login') {
      const scope = account.stateMessage?.includes('unticked') ?? false;
      items.push({
        code: scope ? 'scope-missing' : 'needs-login',
        athleteId: account.athleteId,
        message: account.stateMessage ?? `${account.name} needs to connect to Strava again.`,
        action: 'connect',
      });
    } else if (account.scope && !account.scope.split(/[ ,]+/).includes('activity:read_all')) {
      items.push({
        code: 'private-not-granted',
        athleteId: account.athleteId,
        message: `${account.name}'s "Only Me" activities are not synced: Strava was not given access to them. Connect again and tick "View data about your private activities" to include them.`,
        action: 'connect',
      });
    }
  }
  for (const result of input.last?.results ?? []) {
    if (result.status === 'app-inactive') {
      // One application serves every athlete: said once.
      if (!items.some((i) => i.code === 'app-inactive')) items.push({ code: 'app-inactive', athleteId: null, message: result.error?.message ?? 'Strava refuses this API application.', action: 'strava-settings' });
    } else if (result.status === 'unreachable') {
      items.push({ code: 'unreachable', athleteId: result.athleteId, message: result.error?.message ?? 'Strava could not be reached.', action: 'sync' });
    } else if (result.status === 'failed') {
      items.push({ code: 'failed', athleteId: result.athleteId, message: withoutPaths(result.error?.message ?? 'The last sync failed.'), action: 'sync' });
    }
  }
  return items;
}

/** Which problems turn the tray to "needs attention" (private activities not granted is a note, not an alarm). */
export const ALARMS = new Set<Attention['code']>(['needs-login', 'scope-missing', 'app-inactive', 'credentials-missing', 'unreachable', 'failed']);

export const attentionKey = (a: Attention) => `${a.code}:${a.athleteId ?? ''}`;
