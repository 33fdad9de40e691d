// The built desktop app on a data folder other users can write to: it says why it cannot start and leaves the folder
// as it was (no settings.json, no vault.json, its mode kept). The real main process on the electron stand-in.
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { useTempDirs } from '../support/temp-dirs';

const makeTempDir = useTempDirs('splits-desktop-folder-');

describe('the desktop app on a data folder others can write to', () => {
  it('shows a clear error and ends, having written nothing into it', async () => {
    const shared = join(await makeTempDir(), 'shared');
    await mkdir(shared);
    await writeFile(join(shared, 'someone-else.txt'), "not Splits' file\n");
    await chmod(shared, 0o1777);

    const app = await bootDesktopApp({ dataDir: shared });
    expect(await app.quitted).toBe(1);
    expect(app.electron.dialogs.errorBoxes).toEqual([
      {
        title: 'Splits could not start',
        content: expect.stringMatching(
          /^The data folder .*shared can be written to by other users \(mode 1777\)\. .*Set SPLITS_DATA_DIR to a folder of your own/,
        ),
      },
    ]);
    expect(app.electron.windows()).toEqual([]);
    expect(await readdir(shared)).toEqual(['someone-else.txt']);
    expect((await stat(shared)).mode & 0o7777).toBe(0o1777);
  }, 60_000);
});
