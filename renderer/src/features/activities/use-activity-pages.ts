import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BridgeError, splits, unwrap, type InvokeResult } from '../../bridge/splits';
import { takeEarlyPage } from './first-page';
import { PAGE_SIZE, toQuery, type ActivityFilter, type ActivityRow } from './activity-query';
import type { SeenMarks } from './use-seen-marks';

type Sums = InvokeResult<'activities:query'>['sums'];

/** One answer set: the rows of one filter and sort at one data version, filled page by page as they scroll in. */
interface Generation {
  /** The filter and sort alone (a new one scrolls back to the top; a new data version keeps the place). */
  filterKey: string;
  key: string;
  query: ReturnType<typeof toQuery> & { newSince?: SeenMarks };
  total: number;
  sportTypes: string[];
  pages: Map<number, ActivityRow[]>;
  asked: Set<number>;
  sums: Sums | null;
  newCount: number;
}

export interface ActivityPages {
  /** The generation shown: the previous one stays until the new one's first page arrives (no blank flash). */
  filterKey: string | null;
  total: number | null;
  sportTypes: string[];
  /** Every match added up (main sums them all, not the pages here); null before the first answer. */
  sums: Sums | null;
  /** How many matches are new since the last look (use-seen-marks.ts). */
  newCount: number;
  rowAt: (index: number) => ActivityRow | undefined;
  /** Asks for the pages holding rows first..last (inclusive), and the row `also` (the active one), not there yet. */
  ensure: (first: number, last: number, also?: number) => void;
  loading: boolean;
  error: BridgeError | null;
  reload: () => void;
  /** How many pages have landed: changes whenever rowAt may answer more. */
  filled: number;
}

/**
 * The activity list as pages from main (activities:query), cached by page and asked for as rows scroll into view.
 * A new filter, sort or data version starts a new generation; the old one stays on screen until the new one answers.
 */
export function useActivityPages(
  filter: ActivityFilter,
  dataVersion: number,
  ready = true,
  newSince: SeenMarks | null = null,
): ActivityPages {
  const filterKey = JSON.stringify(toQuery(filter));
  // The marks say which rows are new; they come after the first page (which the window asks for as it starts), and
  // keep the place in the list like a new data version.
  const query = newSince ? { ...toQuery(filter), newSince } : toQuery(filter);
  const [round, setRound] = useState(0);
  const key = `${JSON.stringify(query)}#${dataVersion}#${round}`;
  const current = useRef<Generation | null>(null);
  const [shown, setShown] = useState<Generation | null>(null);
  // Bumped when a page lands in the generation shown (its pages fill in place): the table redraws on it.
  const [filled, setFilled] = useState(0);
  const [error, setError] = useState<BridgeError | null>(null);
  const [loading, setLoading] = useState(true);
  // The rows last in view: a new data version reloads those pages, not the top.
  const inView = useRef<[number, number]>([0, 0]);

  const fetchPage = useCallback((gen: Generation, page: number) => {
    if (gen.asked.has(page)) return;
    gen.asked.add(page);
    setLoading(true);
    const request = { ...gen.query, page, pageSize: PAGE_SIZE };
    unwrap(takeEarlyPage(request) ?? splits().activities.query(request)).then(
      (result) => {
        if (current.current !== gen) return; // a newer filter won: this answer is stale
        gen.total = result.total;
        gen.sportTypes = result.sportTypes;
        gen.sums = result.sums;
        gen.newCount = result.newCount;
        gen.pages.set(page, result.items);
        setError(null);
        setLoading(false);
        setShown(gen);
        setFilled((n) => n + 1);
      },
      (e: unknown) => {
        if (current.current !== gen) return;
        gen.asked.delete(page);
        setLoading(false);
        setError(e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) }));
      },
    );
  }, []);

  useEffect(() => {
    // Not before what to ask is known (the athlete scope): an early answer would be of the wrong rows.
    if (!ready) return;
    const previous = current.current;
    const gen: Generation = {
      filterKey,
      key,
      query,
      total: 0,
      sportTypes: previous?.sportTypes ?? [],
      pages: new Map(),
      asked: new Set(),
      sums: previous?.sums ?? null,
      newCount: previous?.newCount ?? 0,
    };
    current.current = gen;
    const samePlace = previous?.filterKey === filterKey;
    const [first, last] = samePlace ? inView.current : [0, 0];
    for (let p = pageOf(first); p <= pageOf(last); p++) fetchPage(gen, p);
    // The key says everything the query depends on (filter, sort, data version, a reload): a new query object with
    // the same key (each render builds one) starts no new generation.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey and query are in the key, as JSON
  }, [key, fetchPage, ready]);

  const ensure = useCallback(
    (first: number, last: number, also?: number) => {
      inView.current = [first, last];
      const gen = current.current;
      if (!gen) return;
      // Half a page beyond the view either way: the next page is on its way before a scroll reaches it.
      for (let p = pageOf(first - AHEAD); p <= pageOf(last + AHEAD); p++) if (p <= lastPage(gen)) fetchPage(gen, p);
      if (also !== undefined) fetchPage(gen, pageOf(also));
    },
    [fetchPage],
  );

  const rowAt = useCallback((index: number) => shown?.pages.get(pageOf(index))?.[index % PAGE_SIZE], [shown]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  // One object while nothing it holds changed: the memoised table skips a redraw for an event that is not its own.
  return useMemo(
    () => ({
      filterKey: shown?.filterKey ?? null,
      total: shown ? shown.total : null,
      sportTypes: shown?.sportTypes ?? NO_SPORTS,
      sums: shown?.sums ?? null,
      newCount: shown?.newCount ?? 0,
      rowAt,
      ensure,
      loading,
      error,
      reload,
      filled,
    }),
    [shown, rowAt, ensure, loading, error, reload, filled],
  );
}

const NO_SPORTS: string[] = [];
const pageOf = (index: number) => Math.floor(Math.max(0, index) / PAGE_SIZE) + 1;
const AHEAD = PAGE_SIZE / 2;
/** The last page holding rows, once the total is known (before it, the first page alone). */
const lastPage = (gen: Generation) => Math.max(1, Math.ceil(gen.total / PAGE_SIZE));
