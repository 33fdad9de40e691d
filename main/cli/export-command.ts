import { resolve } from 'node:path';
import { exportActivities } from '../export/export-activities';
import type { Logger } from '../log';
import {
  EXPORT_FORMATS,
  ExportError,
  type ExportFormat,
  type ExportProgress,
  type ExportResult,
} from '../export/export-types';
import { parseDay } from '../export/select-activities';
import type { Units } from '../export/units';
import type { CliIo, CliServices } from './cli-context';
import { EXIT, UsageError } from './exit-codes';
import { onInterrupt } from './interrupts';

export interface ExportArgs {
  format: string | undefined;
  athleteId: number | undefined;
  since: string | undefined;
  out: string | undefined;
  units: string | undefined;
  json: boolean;
}

/**
 * `splits export`: reads the store only (no lock), so it runs while the desktop app or a `watch` syncs. Ctrl-C stops
 * before the next file; the files written stay whole and the one being written is removed.
 */
export async function exportCommand(
  services: CliServices,
  io: CliIo,
  args: ExportArgs,
  /** Where the result goes once stdout has it (cli-context.ts's resultLogger). */
  results: Logger,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const format = checkFormat(args.format);
  const units = checkUnits(args.units);
  if (args.since !== undefined) {
    try {
      parseDay(args.since);
    } catch (error) {
      throw new UsageError(`--since ${(error as Error).message}`);
    }
  }
  if ((await services.store.query({ pageSize: 1 })).total === 0 && services.store.accounts.list().length === 0) {
    // Nothing to filter: an empty data folder is a different mistake from a filter that matched nothing.
    io.err(
      `splits: no activities are stored in ${services.config.dataDir} yet: run "${io.self} login", then "${io.self} sync" (or point SPLITS_DATA_DIR at the folder that holds them).\n`,
    );
    return EXIT.usage;
  }
  let progress: ExportProgress = { done: 0, total: 0 };
  const interrupt = onInterrupt(signals, () => undefined);
  try {
    const result = await exportActivities({
      store: services.store,
      format,
      units,
      outDir: resolve(args.out ?? process.cwd()),
      select: {
        ...(args.athleteId !== undefined ? { athleteId: args.athleteId } : {}),
        ...(args.since !== undefined ? { since: args.since } : {}),
      },
      signal: interrupt.signal,
      onProgress: (p) => {
        progress = p;
        if (io.isTTY && !args.json) io.err(`\rExporting: ${p.done} of ${p.total}\x1b[K`);
      },
    });
    if (io.isTTY && !args.json) io.err('\r\x1b[K');
    for (const warning of result.warnings) io.err(`splits: warning: ${warning}\n`);
    io.out(args.json ? `${JSON.stringify(result)}\n` : summary(result));
    // In words even after --json: a --log-file is read by a person. The warnings are on stderr already.
    results.info(summary(result).trimEnd());
    for (const warning of result.warnings) results.warn(`export: ${warning}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ExportError) {
      io.err(`splits: ${error.message}\n`);
      return EXIT.usage;
    }
    if (interrupt.signal.aborted && (error as Error).name === 'AbortError') {
      io.err(
        `${io.isTTY ? '\r\x1b[K' : ''}Export stopped after ${progress.done} of ${progress.total} activities. The files written are whole; the one being written was removed.\n`,
      );
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
}

function checkFormat(value: string | undefined): ExportFormat {
  if (value === undefined) throw new UsageError('"splits export" needs --format csv, gpx or geojson');
  value = value.toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format takes csv, gpx or geojson, not "${value}"`);
  return value as ExportFormat;
}

function checkUnits(value: string | undefined): Units {
  if (value === undefined) return 'metric';
  if (value !== 'metric' && value !== 'imperial')
    throw new UsageError(`--units takes metric or imperial, not "${value}"`);
  return value;
}

function summary(r: ExportResult): string {
  if (r.selected === 0) {
    return r.format === 'csv'
      ? `No stored activity matched: ${r.files[0] ?? r.outDir} holds the header row alone.\n`
      : 'No stored activity matched: nothing was written.\n';
  }
  const lines: string[] = [];
  if (r.format === 'csv') {
    lines.push(
      `Exported ${r.exported} ${r.exported === 1 ? 'activity' : 'activities'} to ${r.files[0] ?? r.outDir} (${r.units}).`,
    );
  } else {
    const kind = r.format === 'gpx' ? 'GPX' : 'GeoJSON';
    lines.push(
      `Wrote ${r.exported} ${kind} ${r.exported === 1 ? 'file' : 'files'} to ${r.outDir}: ${r.fromTrack} from recorded tracks (with times), ${r.fromPolyline} from Strava's route (no times).`,
    );
    if (r.skipped.length > 0) {
      lines.push(
        `${r.skipped.length} ${r.skipped.length === 1 ? 'activity has' : 'activities have'} no route and no file:`,
      );
      for (const s of r.skipped) lines.push(`  ${s.activityId}  ${s.name}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
