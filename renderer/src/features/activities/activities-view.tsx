import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { ActivityPage, type ActivityRef } from '../activity/activity-page';
import { ExportControl } from '../archive/export-control';
import { useAthleteScope, useScopedInvoke } from '../athlete/athlete-scope';
import { ReadFailure } from '../log/read-failure';
import { activityColumns, type ActivityColumn } from './activity-columns';
import { ActivityFilters } from './activity-filters';
import { ActivityGrid } from './activity-grid';
import {
  NO_FILTER,
  datesBackwards,
  isFiltered,
  toQuery,
  type ActivityFilter,
  type ActivityRow,
} from './activity-query';
import { daysOf, type ShowRequest } from './show-request';
import type { ViewName } from '../../view-name';
import { ShownTotals } from './shown-totals';
import { useActivityPages } from './use-activity-pages';
import { useSeenMarks } from './use-seen-marks';
import { useDebounced } from './use-debounced';
import './activities.css';
import { integer } from '../../format/numbers';
import { formatCalendarDay } from '../../format/dates';

/**
 * The activity browser: every stored activity in a virtualized table, found by name, sport and dates; one opened as a
 * page of its own in the place of it all.
 */
export function ActivitiesView({
  show = null,
  onShown,
  onReturn,
}: {
  show?: ShowRequest | null;
  onShown?: () => void;
  /** Back from an activity opened from another view (show-request.ts's returnTo) goes back there. */
  onReturn?: (view: ViewName) => void;
} = {}) {
  const live = useLive();
  const units = live.settings?.units ?? 'metric';
  const [typed, setTyped] = useState('');
  const search = useDebounced(typed, 150);
  // A click on a chart's bar or day opens the view on its activities (show-request.ts).
  const [choice, setChoice] = useState<Omit<ActivityFilter, 'search' | 'athleteId'>>(() =>
    show && !show.returnTo ? { ...NO_FILTER, ...daysOf(show) } : NO_FILTER,
  );
  // Where Back goes when the activity was opened from another view.
  const returnTo = useRef<ViewName | null>(null);
  useEffect(() => {
    if (!show) return;
    if (!show.returnTo) {
      setTyped('');
      setChoice((c) => ({ ...NO_FILTER, sort: c.sort, direction: c.direction, ...daysOf(show) }));
    }
    returnTo.current = show.open ? (show.returnTo ?? null) : null;
    if (show.open) setOpened(show.open);
    onShown?.();
  }, [show, onShown]);
  // The header's athlete narrows everything here: the rows, the count, the export.
  const scope = useAthleteScope();
  const filter: ActivityFilter = { ...choice, search, athleteId: scope.athleteId };
  const seen = useSeenMarks(live.dataVersion, scope.athleteId, scope.ready);
  const pages = useActivityPages(filter, live.dataVersion, scope.ready, seen);
  // Everything stored of the athletes shown, whatever the filters: the "of N" in the count and the empty state.
  const all = useScopedInvoke(
    (athleteId) => unwrap(splits().activities.query({ page: 1, pageSize: 1, ...(athleteId ? { athleteId } : {}) })),
    [live.dataVersion],
  );
  const columns = useMemo(() => activityColumns(scope.mixed ? scope.nameOf : null), [scope.mixed, scope.nameOf]);
  const [opened, setOpened] = useState<ActivityRef | null>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);

  // The table's handlers keep their identity across renders: an event from main redraws the count, not the table.
  const onSort = useCallback((column: ActivityColumn) => {
    if (!column.sort) return;
    setChoice((c) => ({
      ...c,
      sort: column.sort!,
      direction: column.sort === c.sort ? (c.direction === 'asc' ? 'desc' : 'asc') : column.firstDirection,
    }));
  }, []);
  const close = useCallback(() => {
    const back = returnTo.current;
    returnTo.current = null;
    if (back && onReturn) return onReturn(back);
    // Drawn at once: the table is hidden and inert under the activity until it closes, and cannot take the focus before.
    flushSync(() => setOpened(null));
    gridRef.current?.focus();
  }, [onReturn]);
  const [sportsOpen, setSportsOpen] = useState(false);
  const onOpen = useCallback((row: ActivityRow) => {
    returnTo.current = null; // opened from the table: Back returns to it
    setSportsOpen(false); // the drop-down would otherwise float over the activity just opened
    setOpened({ athleteId: row.athleteId, id: row.id });
  }, []);
  // Another athlete chosen in the header: an activity open over the table that is no longer in it closes.
  useEffect(
    () => setOpened((o) => (o && scope.athleteId !== null && o.athleteId !== scope.athleteId ? null : o)),
    [scope.athleteId],
  );
  // A page that closed by itself (the athlete above) took the focus with it, to the body: the table takes it back, as
  // Back gives it. Focus elsewhere (the header's Athlete control, just used) stays where the person put it.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (opened) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      if (document.activeElement === null || document.activeElement === document.body) gridRef.current?.focus();
    }
  }, [opened]);

  const storedTotal = all.value?.total ?? null;
  const error = pages.error ?? all.error;
  const backwards = datesBackwards(filter);
  const nothingStored = !isFiltered(filter) && (storedTotal === 0 || pages.total === 0);
  return (
    <section aria-label="Activities" className="activities">
      {/*
       * The table's view stays laid out under an open activity, hidden and inert rather than removed: the grid keeps its
       * scroll, its active row and its loaded pages, so "Back" finds everything exactly where the person left it.
       */}
      <div className="activities-table-view" inert={opened !== null}>
        <ActivityFilters
          search={typed}
          onSearch={setTyped}
          filter={filter}
          onChange={(patch) => setChoice((c) => ({ ...c, ...patch }))}
          onClear={() => {
            setTyped('');
            setChoice((c) => ({ ...NO_FILTER, sort: c.sort, direction: c.direction }));
          }}
          sportTypes={pages.sportTypes.length ? pages.sportTypes : (all.value?.sportTypes ?? [])}
          sportsOpen={sportsOpen}
          onSportsOpen={setSportsOpen}
        />
        <div className="activities-summary">
          <p className="activity-count" aria-live="polite">
            {countText(backwards ? null : pages.total, storedTotal, isFiltered(filter))}
            {!backwards && pages.loading && pages.total !== null && <span className="muted"> · updating…</span>}
          </p>
          {/* Exactly what the table shows, in its order: the same query main answers the table with. */}
          {!backwards && pages.total !== null && pages.total > 0 && (
            <ExportControl select={{ query: toQuery(filter) }} label="Export the activities shown" />
          )}
        </div>
        {!backwards && <ShownTotals pages={pages} units={units} />}
        {error && (
          <ReadFailure
            what="Splits could not read the activities"
            error={error}
            onRetry={() => (pages.reload(), all.reload())}
            className="activities-error"
          />
        )}
        <div className="activities-body">
          {nothingStored ? (
            <p className="activities-empty">No activities yet: connect Strava in Accounts.</p>
          ) : backwards ? (
            // Said as what it is: 0 results would read as "nothing happened in those days".
            <p className="activities-empty" role="alert">
              From is later than To ({formatCalendarDay(filter.fromDay)} after {formatCalendarDay(filter.toDay)}):
              change one of the dates or clear them.
            </p>
          ) : pages.total === null ? (
            !error && (
              <p className="activities-loading muted" role="status">
                Loading activities…
              </p>
            )
          ) : pages.total === 0 ? (
            <div className="activities-empty">
              <p>No activity matches these filters.</p>
            </div>
          ) : (
            <ActivityGrid
              pages={pages}
              units={units}
              sort={filter.sort}
              direction={filter.direction}
              onSort={onSort}
              onOpen={onOpen}
              gridRef={gridRef}
              columns={columns}
            />
          )}
        </div>
      </div>
      {opened && <ActivityPage activity={opened} units={units} dataVersion={live.dataVersion} onClose={close} />}
    </section>
  );
}

/** "1,234 of 20,000 activities", or "20,000 activities" when nothing is filtered. */
function countText(shown: number | null, stored: number | null, filtered: boolean): string {
  if (shown === null) return '\u00a0'; // the line keeps its height while the first page loads
  const noun = (v: number) => (v === 1 ? 'activity' : 'activities');
  return filtered && stored !== null
    ? `${integer(shown)} of ${integer(stored)} ${noun(stored)}`
    : `${integer(shown)} ${noun(shown)}`;
}
