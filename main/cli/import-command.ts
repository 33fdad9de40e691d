import { resolve } from 'node:path';
import { ArchiveError } from '../archive/archive-error';
import { importArchive } from '../archive/import-archive';
import type { ImportProgress, ImportSummary } from '../archive/import-types';
import { DataFolderBusyError } from '../store/data-lock';
import { STOPPED_WAITING, waitingLine } from './busy-wait';
import type { CliIo, CliServices } from './cli-context';
import { EXIT } from './exit-codes';
import { Interrupted, onInterrupt } from './interrupts';

export interface ImportArgs {
  path: string;
  athleteId: number | undefined;
  json: boolean;
  /** Wait for another Splits holding the data folder (a sync, an import) to let go of it, instead of exiting 7. */
  wait: boolean;
}

/**
 * `splits import PATH.zip`: Strava's archive into the store (main/archive). Progress on stderr (one line kept up to
 * date on a terminal, a line per phase otherwise), the summary on stdout. A bad archive exits 2 with what to do;
 * Ctrl-C stops at the next row or file, keeps what was done, and exits 130.
 */
export async function importCommand(
  services: CliServices,
  io: CliIo,
  args: ImportArgs,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const quiet = args.json;
  let phase: ImportProgress['phase'] | null = null;
  let waiting = false;
  const onProgress = (p: ImportProgress) => {
    waiting = p.phase === 'waiting';
    // Said once, --json or not (on stderr), as every command that waits for the folder says it. The import's report
    // does not name what holds the folder: the words of a holder that named no task.
    if (waiting) {
      io.err(`${io.isTTY && !quiet ? '\r\x1b[K' : ''}${waitingLine(new DataFolderBusyError({}))}`);
      return;
    }
    if (quiet || p.phase === 'done') return;
    if (io.isTTY) io.err(`\r${progressLine(p)}\x1b[K`);
    else if (p.phase !== phase) io.err(`${progressLine({ ...p, done: 0 }).replace(/: 0( of \d+)?$/, '')}...\n`);
    phase = p.phase;
  };
  // Before the join nothing has been imported: the words say so, rather than promise to keep what was.
  const interrupt = onInterrupt(signals, () =>
    io.err(
      `${io.isTTY ? '\r\x1b[K' : ''}${phase === 'joining' || phase === 'tracks' ? 'Stopping at the next row or file: keeping what was imported...' : 'Stopping...'}\n`,
    ),
  );
  try {
    // --wait: the import waits for the folder itself, once the archive is read, for as long as it takes (or Ctrl-C).
    // Retrying the whole import instead read the zip and its activities.csv again at every try.
    const summary = await importArchive({
      store: services.store,
      path: resolve(args.path),
      ...(args.athleteId !== undefined ? { athleteId: args.athleteId } : {}),
      ...(args.wait ? { waitMs: Number.POSITIVE_INFINITY } : {}),
      onProgress,
      signal: interrupt.signal,
      logger: services.logger,
    });
    if (io.isTTY && !quiet) io.err('\r\x1b[K');
    io.out(args.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, io.self));
    return summary.cancelled ? EXIT.interrupted : EXIT.ok;
  } catch (error) {
    if (io.isTTY && !quiet) io.err('\r\x1b[K');
    // Ctrl-C while the archive was read, or while the import waited for the data folder: nothing was written.
    if (interrupt.signal.aborted && error === interrupt.signal.reason)
      throw new Interrupted(
        waiting ? STOPPED_WAITING : 'Stopped reading the archive. Nothing was imported or changed.',
      );
    if (!(error instanceof ArchiveError)) throw error;
    io.err(`splits: ${error.message}\n`);
    return EXIT.usage;
  } finally {
    interrupt.dispose();
  }
}

/**
 * What the next sync does with the activities only the archive has, said once: it confirms those Strava lists, and
 * removes the others only when Splits may see private activities (a private one it cannot see would look deleted).
 */
function archiveOnlyLines(s: ImportSummary, self: string): string[] {
  const some = s.archiveOnlyAdded + s.archiveOnlyUpdated + s.archiveOnlyKept > 0;
  const counted = `${plural(s.archiveOnlyAdded, 'activity', 'activities')} only the archive has, added${s.archiveOnlyUpdated ? `, ${s.archiveOnlyUpdated} updated` : ''}${s.archiveOnlyKept ? `, ${s.archiveOnlyKept} kept` : ''}`;
  const scan = s.fullScanDue ? ` (it scans the whole history: \`${self} sync\`)` : '';
  const uncheckable = s.privateUnconfirmable > 0;
  if (uncheckable && s.privateAccess === 'unknown') {
    return [
      `  ${some ? counted : `${plural(s.privateUnconfirmable, 'activity', 'activities')} only the archive has`}: Splits does not know whether it may see your private activities (a login with a refresh token does not say), so the next sync confirms those Strava lists and keeps the others, as they may be private${scan}; to have those checked too, log in through the browser (\`${self} login\`, or \`${self} login --no-browser\` on a machine without one) with "View data about your private activities" ticked, then run \`${self} sync --full\`.`,
    ];
  }
  const lines: string[] = [];
  if (some)
    lines.push(
      `  ${counted}: the next sync ${uncheckable ? 'confirms those Strava lists' : 'confirms or removes them'}${scan}.`,
    );
  if (uncheckable) {
    lines.push(
      `  ${plural(s.privateUnconfirmable, 'activity', 'activities')} only the archive has cannot be checked with Strava, which does not show Splits private activities: they are kept from the archive, private ones included, until you grant private activities (log in again with \`${self} login\`, tick "View data about your private activities", then run \`${self} sync --full\`).`,
    );
  }
  return lines;
}

function progressLine(p: ImportProgress): string {
  switch (p.phase) {
    case 'reading':
      return `Reading activities.csv: ${p.done}`;
    case 'joining':
      return `Filling details: ${p.done} of ${p.total ?? '?'}`;
    default:
      return `Reading original files: ${p.done} of ${p.total ?? '?'}`;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryText(s: ImportSummary, self: string): string {
  const lines = [
    `${s.cancelled ? 'Stopped importing' : 'Imported'} the archive of athlete ${s.athleteId} (made ${s.exportedAt.slice(0, 10)}): ${plural(s.rowsRead, 'activity', 'activities')} read.`,
    `  ${s.matched} matched Strava's: ${plural(s.detailsFilled, 'detail')} filled from the archive (the backfill skips them), ${s.detailsKept} kept as they were${s.detailsSkippedEdited ? `, ${s.detailsSkippedEdited} left for Strava (edited since the archive was made)` : ''}.`,
  ];
  lines.push(...archiveOnlyLines(s, self));
  lines.push(
    `  ${plural(s.tracksStored, 'track')} stored${s.tracksKept ? `, ${s.tracksKept} already there` : ''}${s.filesWithoutPoints ? `; ${plural(s.filesWithoutPoints, 'file')} without recorded points` : ''}.`,
  );
  if (s.filesUnreadable > 0) {
    lines.push(
      `  ${plural(s.filesUnreadable, 'original file')} could not be read (those activities are imported without a track):`,
    );
    for (const f of s.unreadableFiles) lines.push(`    activity ${f.activityId}, ${f.file}: ${f.reason}`);
    if (s.filesUnreadable > s.unreadableFiles.length)
      lines.push(`    and ${s.filesUnreadable - s.unreadableFiles.length} more`);
  }
  if (s.skippedRows > 0) {
    lines.push(`  ${plural(s.skippedRows, 'row')} of activities.csv skipped:`);
    for (const r of s.skipped) lines.push(`    row ${r.row}: ${r.reason}`);
    if (s.skippedRows > s.skipped.length) lines.push(`    and ${s.skippedRows - s.skipped.length} more`);
  }
  const unknownCount = Math.max(s.unknownColumnCount, s.unknownColumns.length);
  if (unknownCount > 0)
    lines.push(
      `  ${plural(unknownCount, 'column')} Splits does not know, ignored: ${s.unknownColumns.slice(0, 10).join(', ')}${unknownCount > 10 ? ', ...' : ''}.`,
    );
  if (s.cancelled) lines.push(`  What was imported is kept; import the archive again to finish.`);
  return `${lines.join('\n')}\n`;
}
