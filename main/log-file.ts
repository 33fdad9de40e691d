// Log files that rotate: the lines main/log.ts formats and redacts (one rule for stderr and files), appended by
// electron-log's file transport. Its electron-log/node entry is plain Node, so the CLI and tests need no Electron.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { createLogger, type Logger, type LogLevel, type LogSink } from './log';

/**
 * Past this size the file is renamed NAME.old.EXT (replacing the one before it) and a new one starts, so a log
 * never takes more than about twice this on disk, however long Splits runs or however often cron starts it.
 */
export const LOG_FILE_MAX_BYTES = 1024 * 1024;

/** Log lines can say which athlete synced what: readable by the person alone, as the data folder's files are. */
const FILE_MODE = 0o600;

export interface LogFileOptions {
  /** The folder, made (private) when missing: the desktop app passes Electron's app.getPath('logs'). */
  dir: string;
  fileName: string;
  level: LogLevel;
  scope?: string;
  maxBytes?: number;
}

/**
 * A Logger that appends to dir/fileName. The file is made (or narrowed to 0600) now, so a folder or file that cannot
 * be written throws here, for the caller to report, rather than losing every line later.
 */
export function createFileLogger(options: LogFileOptions): Logger {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  return createLogger(
    options.scope ?? 'splits',
    options.level,
    logFileSink(join(options.dir, options.fileName), options.maxBytes ?? LOG_FILE_MAX_BYTES),
  );
}

// electron-log keeps every logger it creates in one registry per process (Logger.instances), keyed by logId, and a
// logger made with an id already there takes the other's place in it: each id is new for the process, even where this
// module is loaded more than once in it (a test runner's module reset).

/** Appends each line to the file at path, rotating it past maxBytes (electron-log's rename to NAME.old.EXT). */
function logFileSink(path: string, maxBytes: number): LogSink {
  writeFileSync(path, '', { flag: 'a', mode: FILE_MODE });
  chmodSync(path, FILE_MODE);
  // An instance of its own (electron-log's default one is shared by anything in the process that imports it).
  const log = electronLog.create({ logId: `splits-log-file-${randomUUID()}` });
  for (const name of Object.keys(log.transports))
    if (name !== 'file' && log.transports[name]) log.transports[name].level = false;
  const file = log.transports.file;
  // Without a name electron-log looks for the app's package.json to name its default folder, and fails silently
  // when it finds none (a bundled CLI run from elsewhere), even though resolvePathFn never uses that folder.
  file.setAppName('Splits');
  file.resolvePathFn = () => path;
  file.maxSize = maxBytes;
  // electron-log measures the file once and then counts its own lines alone. Another process writing the same file (two
  // CLI runs at once with one --log-file: cron's and the person's) may have rotated it meanwhile: counting on, this one
  // would rotate the other's fresh file over the .old one it had just made, and a megabyte of history would be gone. So
  // the file's real size decides (electron-log's own rotation does the rest, its fallback included); either way
  // electron-log then resets its count and measures the file again at the next line.
  const rotate = file.archiveLogFn;
  file.archiveLogFn = (current) => {
    if (sizeOf(current.path) > maxBytes) rotate(current);
  };
  // The line is formatted already (time, level, scope, redacted text): written as it is.
  file.format = '{text}';
  // Also the mode of each new file after a rotation (the old one keeps its own as it is renamed).
  file.writeOptions = { flag: 'a', mode: FILE_MODE, encoding: 'utf8' };
  // Synchronous: a CLI that exits right after its last line still has it on disk.
  file.sync = true;
  return (line) => log.info(line);
}

/** The file's size now: 0 when it is gone (another process has just rotated it, and nothing is left to rotate). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
