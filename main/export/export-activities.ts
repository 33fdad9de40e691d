import { abortError } from '../clock';
import { csvColumns, csvRow } from './csv-rows';
import { csvHeader, csvLines, type Cell } from './csv-text';
import type { ExportOptions, ExportResult } from './export-types';
import { activityFileName, CSV_FILE_NAME } from './file-names';
import { geojsonOf } from './geojson';
import { gpxChunks } from './gpx';
import { syncFolder } from '../store/atomic-json-file';
import { removeAbandonedExportTemps, writeExportFile } from './atomic-export-file';
import { prepareOutFolder } from './out-folder';
import { routeOf } from './route';
import { selectActivities, type SelectedActivity } from './select-activities';
import type { Units } from './units';

const CSV_BATCH = 500;
/** GPX and GeoJSON files written at once. */
const WRITERS = 4;

/**
 * Exports stored activities as one CSV (a row each) or as one GPX or GeoJSON file each, into `outDir`. It only reads
 * the store, so it runs while a sync holds the data folder. Each file is written atomically. An activity with no route
 * gets no GPX or GeoJSON file and is reported in `skipped`; an unreadable track falls back to Strava's polyline with a
 * warning. Throws ExportError for a request it cannot carry out (nothing written then), ExportWriteError for a file
 * the disk refused, and an AbortError when `signal` aborts; in both of the last cases the files already written stay
 * whole and no half or temp file is left.
 */
export async function exportActivities(options: ExportOptions): Promise<ExportResult> {
  const { store, signal } = options;
  const units = options.units ?? 'metric';
  const selected = await selectActivities(store, options.select);
  if (signal?.aborted) throw abortError();
  const outDir = await prepareOutFolder(options.outDir, store.dataDir);
  // What an earlier export killed mid-write left behind; this one's own temp files are its writers' to remove.
  await removeAbandonedExportTemps(outDir);
  let result: ExportResult;
  try {
    result = await exportInto(outDir, selected, units, options);
  } catch (error) {
    // The renames of the files written before it stopped, made durable; the stop is what the caller hears of.
    await syncFolder(outDir).catch(() => undefined);
    throw error;
  }
  // The renames of every file written, made durable at once.
  await syncFolder(outDir);
  return result;
}

async function exportInto(
  outDir: string,
  selected: SelectedActivity[],
  units: Units,
  options: ExportOptions,
): Promise<ExportResult> {
  const { store, format, signal } = options;
  const result: ExportResult = {
    format,
    units,
    outDir,
    files: [],
    selected: selected.length,
    exported: 0,
    fromTrack: 0,
    fromPolyline: 0,
    skipped: [],
    warnings: [],
  };
  const report = (done: number, file?: string) =>
    options.onProgress?.({ done, total: selected.length, ...(file ? { file } : {}) });
  report(0);
  if (format === 'csv') {
    // Nothing selected still gets a file with its header: an empty export is an answer, not a failure.
    const name =
      'activityId' in options.select && selected[0] ? activityFileName(selected[0].activity, 'csv') : CSV_FILE_NAME;
    const file = await writeExportFile(
      outDir,
      name,
      csvChunks(selected, units, (done) => report(done)),
      signal,
      true,
    );
    result.files.push(file);
    result.exported = selected.length;
    report(selected.length, file);
    return result;
  }
  // A few files at once: each is flushed to disk before its rename, and those flushes overlap (one at a time, a GPX
  // export of a few thousand activities spent most of its time waiting for them).
  const files: Array<string | undefined> = [];
  const skipped: Array<ExportResult['skipped'][number] | undefined> = [];
  let next = 0;
  let done = 0;
  let stopped = false;
  const exportOne = async (i: number, item: SelectedActivity) => {
    const lookup = await routeOf(store.dataDir, item);
    if (lookup.warning) result.warnings.push(lookup.warning);
    if (!lookup.route) {
      skipped[i] = {
        athleteId: item.athleteId,
        activityId: item.activity.id,
        name: item.activity.name,
        reason: 'no-route',
        message: `No ${format === 'gpx' ? 'GPX' : 'GeoJSON'} file for activity ${item.activity.id}: ${lookup.missing ?? 'it has no route'}.`,
      };
      report(++done);
      return;
    }
    const name = activityFileName(item.activity, format);
    const chunks =
      format === 'gpx'
        ? gpxChunks(item.activity, lookup.route)
        : [`${JSON.stringify(geojsonOf(item.activity, lookup.route))}\n`];
    const file = await writeExportFile(outDir, name, chunks, signal, selected.length === 1);
    files[i] = file;
    result.exported++;
    if (lookup.route.source === 'track') result.fromTrack++;
    else result.fromPolyline++;
    report(++done, file);
  };
  const writer = async () => {
    while (!stopped && next < selected.length) {
      if (signal?.aborted) throw abortError();
      const i = next++;
      try {
        await exportOne(i, selected[i]!);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  // Every writer ends (its temp file removed) before a failure or an abort is thrown: nothing is left half done.
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(WRITERS, selected.length) }, writer));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  // In the selection's order, whichever finished first.
  result.files = files.filter((f): f is string => f !== undefined);
  result.skipped = skipped.filter((s): s is NonNullable<typeof s> => s !== undefined);
  return result;
}

/** The CSV in batches of rows: the UTF-8 byte order mark and the header first (Excel reads accents right with it). */
async function* csvChunks(
  selected: SelectedActivity[],
  units: Units,
  progress: (done: number) => void,
): AsyncGenerator<string> {
  const columns = csvColumns(units);
  yield csvHeader(columns);
  for (let start = 0; start < selected.length; start += CSV_BATCH) {
    const rows: Array<Record<string, Cell>> = [];
    for (const item of selected.slice(start, start + CSV_BATCH)) rows.push(await csvRow(item, units));
    yield csvLines(rows, columns);
    progress(Math.min(start + CSV_BATCH, selected.length));
  }
}
