import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config';
import { errorDetail, type Logger } from '../log';
import { EXIT, UsageError } from './exit-codes';
import { LOG_FILE_OPTION } from './global-options';

/**
 * The Logger of `--log-file PATH`: every level, debug included, with or without --verbose (which only chooses what
 * stderr shows), since a file is read afterwards, when the details are what is wanted. The folder must exist: a
 * mistyped path makes no folders. A path Splits cannot use is exit 2, with nothing else done.
 */
export async function openLogFile(given: string): Promise<Logger> {
  if (given.trim() === '') throw logFileMissing();
  const path = resolve(given);
  const dir = dirname(path);
  const folder = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (folder instanceof Error && folder.code === 'ENOENT')
    throw new ConfigError(
      `The folder of ${LOG_FILE_OPTION}, ${dir}, does not exist. Make it first, or give a file in a folder that exists.`,
    );
  if (!(folder instanceof Error) && !folder.isDirectory())
    throw new ConfigError(`The folder of ${LOG_FILE_OPTION}, ${dir}, is a file. Give a file in a folder.`);
  if ((await stat(path).catch(() => null))?.isDirectory())
    throw new ConfigError(
      `${LOG_FILE_OPTION} ${path} is a folder. Give a file's name, for example ${join(path, 'splits.log')}.`,
    );
  // electron-log, loaded only for a command given a log file.
  const { createFileLogger } = await import('../log-file');
  try {
    return createFileLogger({ dir, fileName: basename(path), level: 'debug' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(
      `${LOG_FILE_OPTION} ${path} cannot be written (${code}). Give a file you can write, or fix its permissions.`,
      { cause: error },
    );
  }
}

/** `--log-file` with no path after it. */
export const logFileMissing = (): UsageError =>
  new UsageError(`${LOG_FILE_OPTION} needs a value: the file to write the log to`);

/**
 * How a command ended, in the log file alone (stderr has said it already): its exit code, and for an unexpected
 * error the stack, which stderr shows only with --verbose.
 */
export function logOutcome(logFile: Logger | null, command: string, code: number, error?: unknown): void {
  if (!logFile) return;
  if (error === undefined) logFile.info(`splits ${command} finished (exit ${code})`);
  else if (code === EXIT.unexpected) logFile.error(`splits ${command} failed (exit ${code}): ${errorDetail(error)}`);
  else if (error instanceof UsageError)
    logFile.warn(withoutSecretShapes(`splits ${command} failed (exit ${code}): ${error.message}`));
  else
    logFile.warn(`splits ${command} failed (exit ${code}): ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * A usage mistake quotes what was typed, and a secret may be typed in the wrong place (`splits login TOKEN`, with
 * --refresh-token forgotten): stderr shows the person what they typed, but a file keeps it. There, a word shaped like
 * a token or a client secret (Strava's are 40 hex digits) is masked; no command or option of Splits is that long.
 */
function withoutSecretShapes(line: string): string {
  return line.replace(/[A-Za-z0-9_-]{24,}/g, '[redacted]');
}
