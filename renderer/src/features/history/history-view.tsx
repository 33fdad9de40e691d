import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { useAthleteScope, useScopedInvoke } from '../athlete/athlete-scope';
import { LogFolderOffer } from '../log/log-folder';
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
        <div role="alert" className="history-error">
          <p>The history could not be read: {runs.error.message}</p>
          <button type="button" onClick={runs.reload}>
            Try again
          </button>
          <LogFolderOffer error={runs.error} />
        </div>
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
