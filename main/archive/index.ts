// What the CLI and the desktop core call to import Strava's archive.
export { importArchive } from './import-archive';
export type {
  ImportOptions,
  ImportPhase,
  ImportProgress,
  ImportSummary,
  SkippedRow,
  UnreadableFile,
} from './import-types';
export { ArchiveError, type ArchiveProblem } from './archive-error';
