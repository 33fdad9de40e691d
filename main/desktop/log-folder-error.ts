import { SplitsError } from '../errors';

/**
 * Where the log folder is on each kind of system, in words a person can follow in a file manager: the window is
 * never sent a path (the doors scrub one, "~/..." included), so these name the folder from the home folder, without
 * the home folder's own path. They are Electron's app.getPath('logs') for an app named Splits (the README's).
 */
const LOG_FOLDER_IN_WORDS: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'the folder .config/Splits/logs in your home folder',
  darwin: 'the folder Library/Logs/Splits in your home folder',
  win32: 'the folder Splits\\logs inside %APPDATA% (AppData\\Roaming in your home folder)',
};
const ELSEWHERE = "the logs folder inside Splits' settings folder";

/**
 * "Open the log folder" when the system would not open it (no file manager, or the folder gone): the person is told
 * where the log is, not sent to the log they cannot open ("the details are in the log" is for the unexpected).
 */
export class LogFolderNotOpenedError extends SplitsError {
  override name = 'LogFolderNotOpenedError';
  // Something of this computer's the person can set right (a file manager to open folders with), not a fault of Splits.
  readonly ipcCode = 'config';

  constructor(platform: NodeJS.Platform, systemWords: string) {
    super(
      `Your system could not open the log folder${systemWords ? ` (${systemWords.replace(/[.\s]+$/, '')})` : ''}. ` +
        `Splits' log is main.log in ${LOG_FOLDER_IN_WORDS[platform] ?? ELSEWHERE}: open it with your file manager.`,
    );
  }
}
