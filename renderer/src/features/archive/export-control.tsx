import { useState } from 'react';
import type { ExportRequest, ExportResultView } from '../../../../preload/payloads';
import { splits, unwrap, type BridgeError } from '../../bridge/splits';
import './archive.css';
import { integer } from '../../format/numbers';
import { LogFolderOffer } from '../log/log-folder';

const FORMATS = [
  { value: 'csv', label: 'CSV (a spreadsheet)' },
  { value: 'gpx', label: 'GPX (tracks)' },
  { value: 'geojson', label: 'GeoJSON (tracks)' },
] as const;

/** Export what is shown: the table as filtered, or one activity. Main asks for the folder. */
export function ExportControl({ select, label }: { select: ExportRequest['select']; label: string }) {
  const [format, setFormat] = useState<ExportRequest['format']>('activity' in select ? 'gpx' : 'csv');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResultView | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);

  async function run() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await unwrap(splits().archive.export({ format, select })));
    } catch (e) {
      setError(e as BridgeError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="archive-export" role="group" aria-label={label}>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as ExportRequest['format'])}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={run} aria-disabled={busy || undefined}>
        {busy ? 'Exporting…' : 'Export…'}
      </button>
      <span role="status" aria-live="polite" className="archive-export-state">
        {result && (
          <>
            {exportWords(result)}{' '}
            <button type="button" className="link-button" onClick={() => void splits().archive.reveal()}>
              Show the files
            </button>
          </>
        )}
      </span>
      {error && (
        <p role="alert" className="accounts-bad">
          {error.message}
          <LogFolderOffer error={error} />
        </p>
      )}
    </div>
  );
}

const FORMAT_NAMES: Record<ExportResultView['format'], string> = { csv: 'CSV', gpx: 'GPX', geojson: 'GeoJSON' };

export function exportWords(r: ExportResultView): string {
  const what =
    r.format === 'csv'
      ? `${integer(r.exported)} ${r.exported === 1 ? 'activity' : 'activities'} in one CSV file`
      : `${integer(r.files)} ${FORMAT_NAMES[r.format]} ${r.files === 1 ? 'file' : 'files'}`;
  const routes =
    r.format === 'csv'
      ? ''
      : ` (${integer(r.fromTrack)} from recorded tracks, ${integer(r.fromPolyline)} from Strava's route outline)`;
  const skipped = r.skipped > 0 ? ` ${integer(r.skipped)} without a route got no file.` : '';
  return `Wrote ${what}${routes} to “${r.folderName}”.${skipped}`;
}
