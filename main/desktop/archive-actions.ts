import { basename } from 'node:path';
import type { ExportRequest, ExportResultView, ImportSummaryView } from '../../preload/payloads';
import type { ImportProgress } from '../archive';
import { ArchiveError } from '../archive/archive-error';
import type { SplitsServices } from '../services';
import type { EventHub } from './event-hub';
import type { SettingsSource } from './settings-store';
import { SplitsError } from '../errors';

/** Where main asks the person for a file or a folder: the window never names a path, so it cannot be tricked into one. */
export interface ArchivePorts {
  /** The archive Strava sent (a .zip), or null when the person closed the picker. */
  pickArchive(): Promise<string | null>;
  /** The folder an export goes to, or null when the person closed the picker. */
  pickExportFolder(): Promise<string | null>;
  /** Shows a folder in the system's file manager. */
  revealFolder(path: string): Promise<void>;
}

export interface ArchiveActionsDeps {
  services: SplitsServices;
  settings: SettingsSource;
  ports: ArchivePorts;
  events: EventHub;
  /** Runs work that writes the data folder outside a sync: syncs wait for it, a quit waits for it. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Told when an import changed what is stored (accounts' counts, the state). */
  onImported: () => void;
  /** Work a quit waits for (an export writing its files). */
  track: <T>(work: Promise<T>) => Promise<T>;
}

/** An import or export the window asked for that cannot run now; its message says why and what to do. */
export class ArchiveActionError extends SplitsError {
  override name = 'ArchiveActionError';
  constructor(
    readonly code: 'busy' | 'not-found' | 'cancelled',
    message: string,
  ) {
    super(message);
  }

  get ipcCode(): 'busy' | 'not-found' | 'cancelled' {
    return this.code;
  }
}

/** How long an import waits for a sync (or the command line) to let go of the data folder. */
const IMPORT_WAITS_MS = 10 * 60_000;
const PROGRESS_EVERY = 50;

/** The window's "Import Strava archive" and "Export": the engine's import and export, with main's own pickers. */
export class ArchiveActions {
  /** The running import's controller; set before its picker opens, so a second click finds it. */
  private importing: AbortController | null = null;
  private readonly exporting = new Set<AbortController>();
  private lastExportDir: string | null = null;

  constructor(private readonly deps: ArchiveActionsDeps) {}

  async import(athleteId: number | undefined): Promise<ImportSummaryView | null> {
    if (this.importing)
      throw new ArchiveActionError(
        'busy',
        'An archive is being imported already: wait for it to finish, or cancel it.',
      );
    const controller = new AbortController();
    this.importing = controller;
    try {
      const path = await this.deps.ports.pickArchive();
      if (path === null || controller.signal.aborted) return null;
      const { services, events } = this.deps;
      let lastSent = -PROGRESS_EVERY;
      let lastPhase: ImportProgress['phase'] | null = null;
      // Whether the import had begun writing (the join): before it, a cancel changed nothing.
      let writing = false;
      const { importArchive } = await loadImport();
      const summary = await this.deps
        .exclusive(() =>
          importArchive({
            store: services.store,
            path,
            ...(athleteId !== undefined ? { athleteId } : {}),
            signal: controller.signal,
            waitMs: IMPORT_WAITS_MS,
            logger: services.logger,
            onProgress: (progress) => {
              if (progress.phase === 'joining' || progress.phase === 'tracks') writing = true;
              // Thousands of rows: the window hears every 50th, and every change of phase.
              if (
                progress.phase !== lastPhase ||
                progress.phase === 'reading' ||
                progress.done - lastSent >= PROGRESS_EVERY ||
                progress.done === progress.total ||
                progress.done < lastSent
              ) {
                lastSent = progress.done;
                lastPhase = progress.phase;
                events.emit('archive:progress', progress);
              }
            },
          }),
        )
        .catch((error: unknown) => {
          // Cancelled while it read the archive or waited for a sync to let go of the data folder: it had not begun.
          // Once writing, another failure (a full disk) is said as itself, whatever the cancel.
          if (controller.signal.aborted && !writing && !(error instanceof ArchiveError))
            throw new ArchiveActionError('cancelled', 'The import was cancelled before it began: nothing was changed.');
          throw naming(error, path, 'the file you chose');
        });
      // The reasons may name files of the data folder: the doors say them in words (without-paths.ts).
      const view: ImportSummaryView = {
        ...summary,
        skipped: summary.skipped.map((s) => ({ row: s.row, reason: s.reason })),
      };
      events.emit('archive:imported', view);
      this.deps.onImported();
      return view;
    } finally {
      if (this.importing === controller) this.importing = null;
    }
  }

  cancelImport(): void {
    this.importing?.abort();
  }

  /** A quit: the import stops at its next row or file, an export before its next file; both keep what they wrote. */
  cancelAll(): void {
    this.cancelImport();
    for (const controller of this.exporting) controller.abort();
  }

  async export(request: ExportRequest): Promise<ExportResultView | null> {
    const outDir = await this.deps.ports.pickExportFolder();
    if (outDir === null) return null;
    const select =
      'activity' in request.select
        ? { activityId: request.select.activity.id, athleteId: request.select.activity.athleteId }
        : { query: request.select.query };
    const controller = new AbortController();
    this.exporting.add(controller);
    const folder = `“${basename(outDir)}”`;
    try {
      const { exportActivities } = await loadExport();
      const result = await this.deps
        .track(
          exportActivities({
            store: this.deps.services.store,
            format: request.format,
            outDir,
            units: this.deps.settings.get().units,
            select,
            signal: controller.signal,
          }),
        )
        .catch((error: unknown) => {
          throw naming(error, outDir, `the folder ${folder}`);
        });
      this.lastExportDir = result.outDir;
      return {
        format: result.format,
        folderName: basename(result.outDir),
        files: result.files.length,
        selected: result.selected,
        exported: result.exported,
        fromTrack: result.fromTrack,
        fromPolyline: result.fromPolyline,
        skipped: result.skipped.length,
        skippedNames: result.skipped.slice(0, 100).map((s) => s.name),
        warnings: result.warnings.slice(0, 100).map((w) => w.split(result.outDir).join(`the folder ${folder}`)),
      };
    } finally {
      this.exporting.delete(controller);
    }
  }

  async reveal(): Promise<void> {
    if (this.lastExportDir === null)
      throw new ArchiveActionError(
        'not-found',
        'Nothing was exported yet in this session: export first, then show the files.',
      );
    await this.deps.ports.revealFolder(this.lastExportDir);
  }
}

/**
 * The import's and the export's code, loaded the first time the person asks: the archive's parsers (zip, CSV, FIT,
 * GPX/TCX) and the export's writers were about 9 MB of the idle tray app's resident memory, held all day by an app that may
 * never import or export (issue 20, item 14). The bundles keep them in chunks of their own.
 */
const loadImport = () => import('../archive/import-archive');
const loadExport = () => import('../export/export-activities');

/**
 * The person chose this path in main's picker; the window never sees paths, so a message names it as what it is to
 * them ("the file you chose") rather than by a path a later filter would turn into nonsense (a path with spaces).
 */
function naming(error: unknown, path: string, words: string): unknown {
  if (error instanceof Error && error.message.includes(path)) error.message = error.message.split(path).join(words);
  return error;
}
