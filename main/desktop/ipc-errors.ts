import type { IpcError } from '../../preload/contract';
import { SplitsError } from '../errors';
import type { Logger } from '../log';
import { StoreFileUnwritableError } from '../store/atomic-json-file';
import type { PathScrubber } from './without-paths';

/**
 * An error as the window may see it. An expected failure (a SplitsError) says its own code (a StravaError's is its
 * kind: `needs-login`, `app-inactive`, `rate-limited`, `unreachable`, ...) and its words for the person. Anything else
 * is `internal`, with a message that names no file and holds nothing but that something went wrong: the details go
 * to the log. `scrub` is the door's (ipc-handlers.ts's dispatch): the files a message names are said in words.
 */
export function toIpcError(error: unknown, logger: Logger, channel: string, scrub: PathScrubber): IpcError {
  // A write the disk refused outside the store's own files (a track, an export): the same plain words.
  const known =
    error instanceof SplitsError ? error : StoreFileUnwritableError.from("a file in Splits' data folder", error);
  if (known instanceof SplitsError) {
    const retryAt = known.retryAt;
    return {
      code: known.ipcCode,
      message: scrub.text(known.userMessage),
      ...(retryAt !== undefined ? { retryAt } : {}),
    };
  }
  logger.error('an IPC handler failed', {
    channel,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return {
    code: 'internal',
    message: 'Something unexpected went wrong in Splits. Nothing was lost; the details are in the log. Try again.',
  };
}
