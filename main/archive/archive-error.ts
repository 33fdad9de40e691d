import { SplitsError } from '../errors';

/**
 * Why an archive could not be imported at all, in words for the person: what happened and what to do. Nothing was
 * written when one is thrown (it is thrown before anything is stored, or the import stops before writing).
 */
export type ArchiveProblem = 'not-zip' | 'truncated' | 'unreadable' | 'not-strava' | 'unsafe-entry' | 'athlete';

export class ArchiveError extends SplitsError {
  override name = 'ArchiveError';
  readonly ipcCode = 'archive';
  constructor(
    readonly problem: ArchiveProblem,
    message: string,
  ) {
    super(message);
  }
}
