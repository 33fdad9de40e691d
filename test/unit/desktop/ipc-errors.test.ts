import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/archive/archive-error';
import { toIpcError } from '../../../main/desktop/ipc-errors';
import { silentLogger } from '../../../main/log';
import { PathScrubber } from '../../../main/desktop/without-paths';
import { StoreFencedError, StoreFileUnwritableError } from '../../../main/store/atomic-json-file';

/** The door of a desktop whose person's home folder is /home/ann (and the data folder in it). */
const door = new PathScrubber(['/home/ann', '/home/ann/.splits']);
const errno = (code: string) =>
  Object.assign(
    new Error(`${code}: no space left on device, write '/home/ann/.splits/activities/1/tracks/5.json.gz'`),
    { code },
  );

describe('errors as the window sees them', () => {
  it('says a full disk plainly, whether the store or an import met it, naming no path', () => {
    for (const error of [
      new StoreFileUnwritableError('/home/ann/.splits/activities/1/2024.json', errno('ENOSPC')),
      errno('ENOSPC'),
    ]) {
      const seen = toIpcError(error, silentLogger, 'archive:import', door);
      expect(seen.code).toBe('disk');
      expect(seen.message).toMatch(/the disk is full; free some space/);
      expect(seen.message).not.toContain('/home/ann');
    }
    expect(toIpcError(errno('EDQUOT'), silentLogger, 'archive:import', door).message).toMatch(/quota/);
  });

  it('tells a lost hold on the data folder and an archive problem in their own words; only the unexpected is internal', () => {
    expect(
      toIpcError(new StoreFencedError('lost /home/ann/.splits'), silentLogger, 'archive:import', door),
    ).toMatchObject({ code: 'busy', message: expect.stringMatching(/lost its hold/) });
    expect(
      toIpcError(
        new ArchiveError('not-zip', 'The file you chose is not a zip file.'),
        silentLogger,
        'archive:import',
        door,
      ),
    ).toEqual({ code: 'archive', message: 'The file you chose is not a zip file.' });
    expect(toIpcError(new TypeError('x is undefined'), silentLogger, 'archive:import', door).code).toBe('internal');
  });
});
