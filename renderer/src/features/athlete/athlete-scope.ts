import { useMemo } from 'react';
import type { AccountView, KeptAthleteView } from '../../../../preload/payloads';
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
  /**
   * Whom the window can show: the connected athletes, as Accounts lists them, then those disconnected whose
   * activities were kept (`kept`), still browsable.
   */
  athletes: readonly AthleteChoice[];
  /** Whether lists may mix athletes (all are shown, and there are several): rows then say whose they are. */
  mixed: boolean;
  /** An athlete's name; one whose name was never known by id. */
  nameOf: (athleteId: number) => string;
}

/** An athlete the window can show. */
export interface AthleteChoice {
  athleteId: number;
  name: string;
  /** Disconnected, activities kept: shown, not synced. */
  kept: boolean;
}

/** The athletes the window can show, connected first (see AthleteScope.athletes). */
export function athleteChoices(accounts: readonly AccountView[], kept: readonly KeptAthleteView[]): AthleteChoice[] {
  return [
    ...accounts.map((a) => ({ athleteId: a.athleteId, name: a.name, kept: false })),
    ...kept.map((k) => ({ athleteId: k.athleteId, name: k.name ?? `Athlete ${k.athleteId}`, kept: true })),
  ];
}

/**
 * The athlete a saved choice names, if the window can still show them (connected, or disconnected with their
 * activities kept); null (all) otherwise: a choice whose athlete and activities are gone falls back to every athlete
 * rather than an empty window. Without the accounts (not read yet, or the read failed) it is all too: a window
 * narrowed to someone it cannot name would have no picker to widen it.
 */
export function scopedAthlete(chosen: number | null, athletes: readonly AthleteChoice[] | null): number | null {
  if (chosen === null || athletes === null) return null;
  return athletes.some((a) => a.athleteId === chosen) ? chosen : null;
}

export function useAthleteScope(): AthleteScope {
  const { settings, accounts, kept, readError } = useLive();
  const known = useMemo(() => (accounts === null ? null : athleteChoices(accounts, kept ?? [])), [accounts, kept]);
  const athleteId = scopedAthlete(settings?.athleteScope ?? null, known);
  // (A failed first read is said by the status bar; the views then show everyone rather than wait for ever.)
  const ready = (settings !== null && accounts !== null) || readError !== null;
  const athletes = known ?? NOBODY;
  const nameOf = useMemo(() => {
    const names = new Map(athletes.map((a) => [a.athleteId, a.name]));
    return (id: number) => names.get(id) ?? `Athlete ${id}`;
  }, [athletes]);
  return { athleteId, ready, athletes, mixed: athleteId === null && athletes.length > 1, nameOf };
}

const NOBODY: readonly AthleteChoice[] = [];

/**
 * useInvoke for a view that follows the athlete scope: `load` gets the athlete (undefined for all), and is called only
 * once the scope is known, again whenever it changes.
 */
export function useScopedInvoke<T>(
  load: (athleteId: number | undefined) => Promise<T>,
  deps: readonly unknown[],
): Loaded<T> {
  const { athleteId, ready } = useAthleteScope();
  // Before the scope is known, a load that never answers: the view shows that it is loading.
  return useInvoke(
    () => (ready ? load(athleteId ?? undefined) : new Promise<T>(() => {})),
    [...deps, ready, athleteId],
  );
}
