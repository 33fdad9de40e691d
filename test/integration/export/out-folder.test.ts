import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareOutFolder } from '../../../main/export/out-folder';
import { useTempDirs } from '../../support/temp-dirs';

describe('the export folder', () => {
  const tempDir = useTempDirs('splits-out-folder-');

  it.skipIf(!existsSync('/proc/self'))(
    'refuses a folder under /proc at once (a recursive mkdir there never returns)',
    async () => {
      const data = await tempDir();
      for (const path of ['/proc/splits-export', '/proc/self/splits/export']) {
        await expect(prepareOutFolder(path, data)).rejects.toMatchObject({
          name: 'ExportError',
          code: 'out-unwritable',
        });
      }
    },
  );

  it('makes the missing folders, each private, and answers the real path', async () => {
    const root = await tempDir();
    const data = await tempDir();
    const out = join(root, 'exports', '2026', 'november');
    expect(await prepareOutFolder(out, data)).toBe(out);
    for (const folder of [join(root, 'exports'), join(root, 'exports', '2026'), out])
      expect(((await stat(folder)).mode & 0o777).toString(8)).toBe('700');
  });
});
