import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { useAthleteScope, useScopedInvoke } from '../athlete/athlete-scope';
import { ReadFailure } from '../log/read-failure';
import { HistoryTable } from './history-table';
import './history.css';

/** Every recorded sync run, newest first; reloaded when a sync finishes. */
export function HistoryView() {
  const { dataVersion } = useLive();
  // The header's athlete's runs alone, or every athlete's.
  const runs = useScopedInvoke(
    (athleteId) => unwrap(splits().history.list({ limit: 200, ...(athleteId ? { athleteId } : {}) })),
    [dataVersion],
  );
  // Runs name athletes by id; the accounts give their names (an athlete since disconnected keeps the id). One athlete
  // shown, or only one connected: no Athlete column, as in the activities table.
  const { nameOf, mixed } = useAthleteScope();
  return (
    <section className="history" aria-label="Sync history">
      {runs.error && (
        <ReadFailure
          what="The history could not be read"
          error={runs.error}
          onRetry={runs.reload}
          className="history-error"
        />
      )}
      {runs.value === null ? (
        !runs.error && <p className="muted">Loading the sync history…</p>
      ) : runs.value.length === 0 ? (
        <p className="muted">No sync has run yet. Sync now (above) records its first run here.</p>
      ) : (
        <HistoryTable runs={runs.value} {...(mixed ? { athleteName: nameOf } : {})} />
      )}
    </section>
  );
}
