import type { IpcError } from '../../preload/contract';
import { ConfigError } from '../config';
import type { Logger } from '../log';
import { LoginCancelledError } from '../accounts/loopback-login';
import { ArchiveError } from '../archive/archive-error';
import { TrackUnreadableError } from '../archive/track';
import { ExportError, ExportWriteError } from '../export/export-types';
import { ArchiveActionError } from './archive-actions';
import { StoreFencedError, StoreFileUnwritableError } from '../store/atomic-json-file';
import { DataFolderBusyError } from '../store/data-lock';
import { holderDoing } from '../store/lock-purpose';
import { StravaError } from '../strava/errors';
import { SettingsError } from './settings-error';
import { ConnectInFlightError } from './account-actions';
import { ConsentRefusedError } from './vault-consent';
import { QuittingError } from './work-in-flight';
import { withoutPaths } from './without-paths';

/**
 * An error as the window may see it. Expected failures keep their code (a StravaError's own: `needs-login`,
 * `app-inactive`, `rate-limited`, `unreachable`, ...) and their message, which is written for the person. Anything
 * else is `internal`, with a message that names no file and holds nothing but that something went wrong: the details
 * go to the log.
 */
export function toIpcError(error: unknown, logger: Logger, channel: string): IpcError {
  const known = expected(error);
  if (known) return { ...known, message: withoutPaths(known.message) };
  logger.error('an IPC handler failed', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return { code: 'internal', message: 'Something unexpected went wrong in Splits. Nothing was lost; the details are in the log. Try again.' };
}

function expected(error: unknown): IpcError | null {
  if (error instanceof StravaError) return { code: error.code, message: error.message, ...(error.retryAt !== undefined ? { retryAt: error.retryAt } : {}) };
  if (error instanceof SettingsError) return { code: 'bad-request', message: error.message };
  if (error instanceof ConfigError) return { code: 'config', message: error.message };
  if (error instanceof ConsentRefusedError) return { code: 'consent-refused', message: error.message };
  if (error instanceof QuittingError) return { code: 'quitting', message: error.message };
  if (error instanceof LoginCancelledError) return { code: 'cancelled', message: error.message };
  if (error instanceof ConnectInFlightError) return { code: 'busy', message: error.message };
  if (error instanceof ArchiveError) return { code: 'archive', message: error.message };
  if (error instanceof ExportError || error instanceof ExportWriteError) return { code: 'export', message: error.message };
  if (error instanceof ArchiveActionError) return { code: error.code, message: error.message };
  if (error instanceof TrackUnreadableError) return { code: 'unreadable', message: error.message };
  if (error instanceof StoreFileUnwritableError) return { code: 'disk', message: error.message };
  // A write the disk refused outside the store's own files (a track, an export): the same plain words.
  const disk = StoreFileUnwritableError.from("a file in Splits' data folder", error);
  if (disk instanceof StoreFileUnwritableError) return { code: 'disk', message: disk.message };
  if (error instanceof StoreFencedError) return { code: 'busy', message: 'Splits lost its hold on the data folder (the computer slept, or something removed its lock) and stopped writing. What was written is whole; try again.' };
  if (error instanceof DataFolderBusyError) {
    const who = error.heldHere ? 'Splits' : 'Another Splits (the command line, or a second copy)';
    return { code: 'busy', message: `${who} ${holderDoing(error.purpose, 'your data')} right now. Try again when it has finished.` };
  }
  return null;
}
