import { useRef, useState, type KeyboardEvent } from 'react';
import type { InvokeResult } from '../../bridge/splits';
import { datesIn, formatDateTime } from '../../format/dates';
import { integer } from '../../format/numbers';
import { duration } from '../../format/units';

export type SyncRun = InvokeResult<'history:list'>[number];

const OUTCOMES: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' }> = {
  ok: { label: 'OK', tone: 'ok' },
  'rate-limited': { label: 'Rate limited', tone: 'warn' },
  cancelled: { label: 'Cancelled', tone: 'warn' },
  'needs-login': { label: 'Needs login', tone: 'bad' },
  'app-inactive': { label: 'Application inactive', tone: 'bad' },
  unreachable: { label: 'Strava unreachable', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
};

const TRIGGERS: Record<SyncRun['trigger'], string> = {
  manual: 'Sync now',
  background: 'Background',
  launch: 'At launch',
  cli: 'CLI',
};

/**
 * The runs as a table: one row each, focusable one at a time (Tab reaches the table, arrows, Home and End move
 * between runs), so a keyboard reads it row by row without tabbing through 200 stops.
 */
/** `athleteName` is given when the runs are several athletes' (all shown): an Athlete column then says whose each is. */
export function HistoryTable({ runs, athleteName }: { runs: SyncRun[]; athleteName?: (athleteId: number) => string }) {
  // Main returns newest first; sorted again so the order never depends on it.
  const sorted = [...runs].sort((a, b) => b.startedAt - a.startedAt);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const current = Math.min(active, sorted.length - 1);
  const move = (event: KeyboardEvent) => {
    const next = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: sorted.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const row = Math.max(0, Math.min(sorted.length - 1, next));
    setActive(row);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[row]?.focus();
  };
  return (
    <table className="history-table">
      <caption>Sync runs, newest first ({integer(sorted.length)}). Use the arrow keys to move between runs.</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Outcome</th>
          {/* Beside its outcome, not after twelve columns: in a narrow window the last columns scroll out of sight. */}
          <th scope="col" className="history-error-head">
            Error
          </th>
          <th scope="col">Trigger</th>
          <th scope="col">Mode</th>
          {athleteName && <th scope="col">Athlete</th>}
          <th scope="col" className="num">
            Synced
          </th>
          <th scope="col" className="num">
            New
          </th>
          <th scope="col" className="num">
            Updated
          </th>
          <th scope="col" className="num">
            Deleted
          </th>
          <th scope="col" className="num">
            Details
          </th>
          <th scope="col" className="num">
            Requests
          </th>
          <th scope="col" className="num">
            Duration
          </th>
        </tr>
      </thead>
      <tbody ref={body} onKeyDown={move}>
        {sorted.map((run, i) => {
          const outcome = OUTCOMES[run.outcome] ?? { label: run.outcome, tone: 'warn' as const };
          return (
            <tr
              key={`${run.startedAt}:${run.athleteId}:${i}`}
              tabIndex={i === current ? 0 : -1}
              onFocus={() => setActive(i)}
            >
              {/* The exact moment, dated on every row: a log is read across days. */}
              <td>{formatDateTime(run.startedAt)}</td>
              <td>
                <span className={`history-outcome history-${outcome.tone}`}>{outcome.label}</span>
              </td>
              {/* Main's messages say moments in ISO 8601 (as the CLI prints them); here they read in the person's style. */}
              <td className="history-error-cell">{run.error ? datesIn(run.error.message) : ''}</td>
              <td>{TRIGGERS[run.trigger]}</td>
              <td>{run.mode === 'full' ? 'Full scan' : 'Quick'}</td>
              {athleteName && <td>{athleteName(run.athleteId)}</td>}
              <td className="num">{integer(run.syncedCount)}</td>
              <td className="num">{integer(run.newCount)}</td>
              <td className="num">{integer(run.updatedCount)}</td>
              <td className="num">{integer(run.deletedCount)}</td>
              <td className="num">{integer(run.detailsFetched)}</td>
              <td className="num">{integer(run.requests)}</td>
              <td className="num">{duration(Math.max(0, run.endedAt - run.startedAt) / 1000)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
