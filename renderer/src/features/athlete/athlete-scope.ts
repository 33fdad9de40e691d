import { useMemo } from 'react';
import type { AccountView } from '../../../../preload/payloads';
import { useLive } from '../../bridge/live';
import { useInvoke, type Loaded } from '../../bridge/use-invoke';

/** Which athlete the window shows: the header's Athlete control chooses it, and every view narrows to it. */
export interface AthleteScope {
  /** The athlete shown, or null for every athlete together. */
  athleteId: number | null;
  /**
   * Whether the choice is known yet: the settings and the accounts were read (a saved athlete since disconnected
   * falls back to all only once the accounts say so), or a read failed. Views ask main nothing before it: asked
   * early, they would show every athlete's activities for a moment, then one athlete's, or an empty table.
   */
  ready: boolean;
  /** The connected athletes, as Accounts lists them. */
  athletes: readonly AccountView[];
  /** Whether lists may mix athletes (all are shown, and there are several): rows then say whose they are. */
  mixed: boolean;
  /** An athlete's name; one since disconnected (whose activities were kept) by id. */
  nameOf: (athleteId: number) => string;
}

/**
 * The athlete a saved choice names, if they are still connected; null (all) otherwise: a choice whose athlete was
 * disconnected falls back to every athlete rather than an empty window. Without the accounts (not read yet, or the
 * read failed) it is all too: a window narrowed to someone it cannot name would have no picker to widen it.
 */
export function scopedAthlete(chosen: number | null, accounts: readonly AccountView[] | null): number | null {
  if (chosen === null || accounts === null) return null;
  return accounts.some((a) => a.athleteId === chosen) ? chosen : null;
}

export function useAthleteScope(): AthleteScope {
  const { settings, accounts, readError } = useLive();
  const athleteId = scopedAthlete(settings?.athleteScope ?? null, accounts);
  // (A failed first read is said by the status bar; the views then show everyone rather than wait for ever.)
  const ready = (settings !== null && accounts !== null) || readError !== null;
  const athletes = accounts ?? NOBODY;
  const nameOf = useMemo(() => {
    const names = new Map(athletes.map((a) => [a.athleteId, a.name]));
    return (id: number) => names.get(id) ?? `Athlete ${id}`;
  }, [athletes]);
  return { athleteId, ready, athletes, mixed: athleteId === null && athletes.length > 1, nameOf };
}

const NOBODY: readonly AccountView[] = [];

/**
 * useInvoke for a view that follows the athlete scope: `load` gets the athlete (undefined for all), and is called only
 * once the scope is known, again whenever it changes.
 */
export function useScopedInvoke<T>(load: (athleteId: number | undefined) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const { athleteId, ready } = useAthleteScope();
  // Before the scope is known, a load that never answers: the view shows that it is loading.
  return useInvoke(() => (ready ? load(athleteId ?? undefined) : new Promise<T>(() => {})), [...deps, ready, athleteId]);
}
