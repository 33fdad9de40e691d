// The desktop app's log: stderr (the terminal or the journal that started it) and a rotating file in Electron's logs
// folder, which is what a person opens from the window or the tray when Splits says "the details are in the log".
import { createLogger, errorDetail, silentLogger, teeLogger, type Logger, type LogLevel, type LogSink } from '../log';
import { createFileLogger } from '../log-file';

/** The file's name in the logs folder: electron-log's own name for the main process's log. */
export const DESKTOP_LOG_FILE = 'main.log';

export interface DesktopLog {
  /** Every line goes to stderr, and to the file once it is open. */
  logger: Logger;
  /**
   * Adds the file in `dir` (app.getPath('logs'), which Electron settles only once the app is ready, with its name).
   * A folder that cannot be written is said on stderr and the app runs on: a log file is no reason not to sync.
   */
  openFile(dir: string): void;
}

/** Each side's level: the file is the record, stderr a terminal that a tray app's person rarely sees. */
export interface DesktopLogLevels {
  file: LogLevel;
  stderr: LogLevel;
}

/**
 * The levels from SPLITS_LOG_LEVEL: a level named there is both sides'; otherwise the file keeps info and above (every
 * sync's result) and stderr only warnings and errors, so a terminal, a journal or a test run is not filled with the
 * record of every sync.
 */
export function desktopLogLevels(named: string | undefined): DesktopLogLevels {
  const level = LEVELS.find((l) => l === named?.trim().toLowerCase());
  return level ? { file: level, stderr: level } : { file: 'info', stderr: 'warn' };
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function desktopLog(levels: DesktopLogLevels, stderr?: LogSink): DesktopLog {
  const onStderr = createLogger('splits', levels.stderr, stderr);
  let file: Logger = silentLogger;
  // Lines logged before the file opens (a stray error at start) are on stderr alone.
  const toFile: Logger = {
    debug: (message, fields) => file.debug(message, fields),
    info: (message, fields) => file.info(message, fields),
    warn: (message, fields) => file.warn(message, fields),
    error: (message, fields) => file.error(message, fields),
  };
  return {
    logger: teeLogger(onStderr, toFile),
    openFile(dir) {
      try {
        file = createFileLogger({ dir, fileName: DESKTOP_LOG_FILE, level: levels.file });
      } catch (error) {
        onStderr.warn(`the log file could not be opened in ${dir}: Splits logs to stderr alone`, {
          error: errorDetail(error),
        });
      }
    },
  };
}
