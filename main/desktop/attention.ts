import type { Attention, SyncSummary } from '../../preload/payloads';
import type { Account } from '../store/account-store';

type Athlete = Attention['athletes'][number];

/**
 * One athlete's problem before problems alike are put together: `reason` is what the engine or Strava said (in the
 * last sync's summary, whose messages name no file: sync-summary.ts).
 */
interface Problem {
  code: Attention['code'];
  athlete: Athlete;
  reason: string;
  action: Attention['action'];
}

/**
 * What needs the person now, each with the one action that fixes it, from the accounts and the last sync. Every
 * problem names its athletes, and the same problem (same kind, same reason) for several athletes is one item, with
 * one action: "Grace and Ada need to log in again", not two lines with two identical buttons.
 */
export function attentionFrom(input: {
  accounts: Account[];
  last: SyncSummary | null;
  hasCredentials: boolean;
}): Attention[] {
  const items: Attention[] = [];
  if (!input.hasCredentials) {
    items.push({
      code: 'credentials-missing',
      athletes: [],
      message:
        'Splits needs your Strava API application: enter its client id and secret (strava.com/settings/api, callback domain "localhost").',
      action: 'credentials',
    });
  }
  const problems: Problem[] = [];
  const named = new Map(input.accounts.map((a) => [a.athleteId, a.name.trim() || `Athlete ${a.athleteId}`]));
  const athlete = (athleteId: number): Athlete => ({ athleteId, name: named.get(athleteId) ?? `Athlete ${athleteId}` });
  for (const account of input.accounts) {
    if (account.state === 'needs-login') {
      const scope = account.stateMessage?.includes('unticked') ?? false;
      problems.push({
        code: scope ? 'scope-missing' : 'needs-login',
        athlete: athlete(account.athleteId),
        reason: account.stateMessage ?? '',
        action: 'connect',
      });
    } else if (account.scope && !account.scope.split(/[ ,]+/).includes('activity:read_all')) {
      problems.push({
        code: 'private-not-granted',
        athlete: athlete(account.athleteId),
        reason: '',
        action: 'connect',
      });
    }
  }
  for (const result of input.last?.results ?? []) {
    if (result.status === 'app-inactive') {
      // One application serves every athlete: said once, about the application.
      if (!items.some((i) => i.code === 'app-inactive'))
        items.push({
          code: 'app-inactive',
          athletes: [],
          message: result.error?.message ?? 'Strava refuses this API application.',
          action: 'strava-settings',
        });
    } else if (result.status === 'unreachable') {
      problems.push({
        code: 'unreachable',
        athlete: athlete(result.athleteId),
        reason: result.error?.message ?? 'Strava could not be reached.',
        action: 'sync',
      });
    } else if (result.status === 'failed') {
      problems.push({
        code: 'failed',
        athlete: athlete(result.athleteId),
        reason: result.error?.message ?? 'The last sync failed.',
        action: 'sync',
      });
    }
  }
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.code}\n${p.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    const { code, reason, action } = group[0]!;
    const athletes = group.map((p) => p.athlete);
    items.push({ code, athletes, message: messageOf(code, athletes, reason), action });
  }
  return items;
}

/** The item's sentence, naming its athletes (a reason that already names the one athlete is said as it is). */
function messageOf(code: Attention['code'], athletes: Athlete[], reason: string): string {
  const names = namesOf(athletes);
  const one = athletes.length === 1;
  if (one && reason.includes(athletes[0]!.name)) return reason;
  switch (code) {
    case 'needs-login':
    case 'scope-missing':
      return `${names} ${one ? 'needs' : 'need'} to log in to Strava again.${reason ? ` ${reason}` : ''}`;
    case 'private-not-granted':
      return `${one ? `${names}'s "Only Me" activities` : `The "Only Me" activities of ${names}`} are not synced: Strava was not given access to them. Connect again and tick "View data about your private activities" to include them.`;
    default:
      return `${names}: ${reason}`;
  }
}

/** "Grace", "Grace and Ada", "Grace, Ada and Bob", "Grace, Ada and 3 others". */
export function namesOf(athletes: Athlete[]): string {
  const names = athletes.map((a) => a.name);
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/** Which problems turn the tray to "needs attention" (private activities not granted is a note, not an alarm). */
export const ALARMS = new Set<Attention['code']>([
  'needs-login',
  'scope-missing',
  'app-inactive',
  'credentials-missing',
  'unreachable',
  'failed',
]);

/** One key per problem and athlete: an athlete joining a problem others already had is news about them. */
export const attentionKeys = (a: Attention): string[] =>
  a.athletes.length === 0 ? [`${a.code}:`] : a.athletes.map((athlete) => `${a.code}:${athlete.athleteId}`);
