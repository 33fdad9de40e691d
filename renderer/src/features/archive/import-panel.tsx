import { useEffect, useState } from 'react';
import type { AccountView, ImportSummaryView } from '../../../../preload/payloads';
import { splits, unwrap, type BridgeError } from '../../bridge/splits';
import { useEvent } from '../../bridge/use-event';
import { LogFolderOffer } from '../log/log-folder';
import { importWords, phaseWords } from './import-words';
import './archive.css';

type Progress = Parameters<typeof phaseWords>[0];

/**
 * "Import Strava archive": the zip Strava emails on request gives years of descriptions, calories, gear and recorded
 * tracks at no API cost. Main asks for the file; this shows how far it got and what it did.
 */
export function ImportPanel({ accounts }: { accounts: AccountView[] }) {
  const [athleteId, setAthleteId] = useState<number | null>(accounts.length === 1 ? accounts[0]!.athleteId : null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<ImportSummaryView | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  useEvent('archive:progress', (p) => setProgress(p));
  useEffect(() => {
    if (athleteId !== null && !accounts.some((a) => a.athleteId === athleteId)) setAthleteId(null);
  }, [accounts, athleteId]);

  async function start() {
    // aria-disabled keeps the button focusable while an import runs: a second press must do nothing.
    if (running) return;
    setRunning(true);
    setError(null);
    setSummary(null);
    setProgress(null);
    try {
      const result = await unwrap(splits().archive.import(athleteId === null ? {} : { athleteId }));
      setSummary(result);
    } catch (e) {
      setError(e as BridgeError);
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  const several = accounts.length > 1;
  return (
    <section aria-labelledby="import-title" className="archive-import">
      <h3 id="import-title" className="accounts-subtitle">
        Strava archive
      </h3>
      <p className="muted">
        Strava gives you your whole history at no cost to the daily budget: on strava.com, Settings → My Account →
        “Download or Delete Your Account” → “Request your archive”. Strava emails a link to a zip. Importing it fills
        descriptions, calories and gear at once, so the daily budget goes to newer activities, and adds the recorded
        tracks (routes, elevation, heart rate and pace over time) that the API does not give.
      </p>
      <div className="archive-controls">
        {several && (
          <label>
            Whose archive
            <select
              value={athleteId ?? ''}
              onChange={(e) => setAthleteId(e.target.value === '' ? null : Number(e.target.value))}
              disabled={running}
            >
              <option value="">The one the archive names</option>
              {accounts.map((a) => (
                <option key={a.athleteId} value={a.athleteId}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={start} aria-disabled={running || undefined} disabled={accounts.length === 0}>
          Import Strava archive…
        </button>
        {running && (
          <button type="button" onClick={() => void splits().archive.cancel()}>
            Cancel import
          </button>
        )}
      </div>
      <div role="status" aria-live="polite" className="archive-state">
        {running && (
          <>
            <span>{progress ? phaseWords(progress) : 'Choose the zip Strava sent you…'}</span>
            {progress?.total ? (
              <progress max={progress.total} value={progress.done} aria-label="Import progress" />
            ) : null}
          </>
        )}
        {summary && (
          <ul aria-label="What the import did">
            {importWords(summary).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p role="alert" className="accounts-bad">
          {error.message}
          <LogFolderOffer error={error} />
        </p>
      )}
    </section>
  );
}
