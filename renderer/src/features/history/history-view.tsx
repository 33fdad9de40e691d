import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { useInvoke } from '../../bridge/use-invoke';
import { HistoryTable } from './history-table';
import './history.css';

/** Every recorded sync run, newest first; reloaded when a sync finishes. */
export function HistoryView() {
  const { dataVersion, accountsVersion } = useLive();
  const runs = useInvoke(() => unwrap(splits().history.list({ limit: 200 })), [dataVersion]);
  // Runs name athletes by id; the accounts give their names (an athlete since disconnected keeps the id).
  const accounts = useInvoke(() => unwrap(splits().accounts.list()), [accountsVersion]);
  const names = new Map((accounts.value?.accounts ?? []).map((a) => [a.athleteId, a.name]));
  return (
    <section className="history" aria-label="Sync history">
      {runs.error && (
        <div role="alert" className="history-error">
          <p>The history could not be read: {runs.error.message}</p>
          <button type="button" onClick={runs.reload}>
            Try again
          </button>
        </div>
      )}
      {runs.value === null ? (
        !runs.error && <p className="muted">Loading the sync history…</p>
      ) : runs.value.length === 0 ? (
        <p className="muted">No sync has run yet. Sync now (above) records its first run here.</p>
      ) : (
        <HistoryTable runs={runs.value} athleteName={(id) => names.get(id) ?? `Athlete ${id}`} />
      )}
    </section>
  );
}
