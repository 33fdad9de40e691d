// "Open the log folder" when the system will not open it: the person is told where the log is on their kind of
// system, in words the window's door lets through (it scrubs paths, "~/..." included), and not sent to the log.
import { describe, expect, it } from 'vitest';
import { toIpcError } from '../../../main/desktop/ipc-errors';
import { LogFolderNotOpenedError } from '../../../main/desktop/log-folder-error';
import { PathScrubber } from '../../../main/desktop/without-paths';
import { silentLogger } from '../../../main/log';

/** Ann's computer on each system: her home folder, the app's data folder and its logs folder as the door knows them. */
const DOORS: Array<[NodeJS.Platform, PathScrubber, RegExp]> = [
  [
    'linux',
    new PathScrubber(['/home/ann', '/home/ann/.config/Splits', '/home/ann/.config/Splits/logs', '/tmp']),
    /main\.log in the folder \.config\/Splits\/logs in your home folder/,
  ],
  [
    'darwin',
    new PathScrubber(['/Users/ann', '/Users/ann/Library/Application Support/Splits', '/Users/ann/Library/Logs/Splits']),
    /main\.log in the folder Library\/Logs\/Splits in your home folder/,
  ],
  [
    'win32',
    new PathScrubber(['C:\\Users\\ann', 'C:\\Users\\ann\\AppData\\Roaming\\Splits']),
    /main\.log in the folder Splits\\logs inside %APPDATA% \(AppData\\Roaming in your home folder\)/,
  ],
  ['freebsd', new PathScrubber(['/home/ann', '/tmp']), /main\.log in the logs folder inside Splits' settings folder/],
];

describe('the log folder that the system would not open', () => {
  it.each(DOORS)('on %s, says where the log is, in words that reach the window whole', (platform, door, where) => {
    const error = new LogFolderNotOpenedError(platform, 'Failed to open path.');
    const seen = toIpcError(error, silentLogger, 'app:openLogFolder', door);
    expect(seen.code).toBe('config');
    expect(seen.message).toBe(error.userMessage);
    expect(seen.message).toMatch(
      /^Your system could not open the log folder \(Failed to open path\)\. Splits' log is /,
    );
    expect(seen.message).toMatch(where);
    expect(seen.message).not.toMatch(/details are in the log|a file in Splits' data folder/);
  });

  it("keeps the system's words out when it gave none, and its paths out of the window", () => {
    const door = DOORS[0]![1];
    expect(new LogFolderNotOpenedError('linux', '').message).toMatch(/^Your system could not open the log folder\. /);
    const seen = toIpcError(
      new LogFolderNotOpenedError('linux', 'Failed to open /home/ann/.config/Splits/logs'),
      silentLogger,
      'app:openLogFolder',
      door,
    );
    expect(seen.message).toMatch(
      /^Your system could not open the log folder \(Failed to open a file in Splits' data folder\)/,
    );
    expect(seen.message).not.toContain('/home/ann');
  });
});
