// Every file and folder README.md and docs/*.md name is in the tree: code moves (main/store/token-file.ts became
// main/vault/token-file.ts), and a doc that still sends the reader to the old place is wrong without looking it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs, writeTree } from '../../support/temp-dirs';
import { codeSpans, missingDocPaths } from './doc-paths';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('the paths the docs name', () => {
  it('are all in the tree', () => {
    expect(missingDocPaths(root)).toEqual([]);
  });

  it('are read from the docs (the check is not empty by mistake)', async () => {
    const spans = codeSpans(await readFile(join(root, 'docs/architecture.md'), 'utf8'));
    expect(spans).toContain('main/desktop/electron/');
    expect(spans).toContain('preload/contract.ts');
  });
});

describe('the check itself', () => {
  const freshDir = useTempDirs('splits-doc-paths-');

  it('finds a file that moved, by its full or its partial path, and a link to nothing or to a section that is not there', async () => {
    const dir = await freshDir();
    await writeTree(dir, {
      'main/vault/token-file.ts': '',
      'main/desktop/electron/tray.ts': '',
      'common/units.ts': '',
      'assets/tray/tray-idle.png': '',
      'docs/sync.md': "# Sync\n\n## The data folder's lock\n",
      'README.md': [
        'Tokens: `main/store/token-file.ts` (moved), now `main/vault/token-file.ts`; the tray `main/desktop/tray.ts` (moved).',
        'Kept: `common/`, `electron/tray.ts`, `tray.ts`, `assets/tray/tray-<state>.png`, [sync](docs/sync.md#the-data-folders-lock).',
        'Gone: `store/token-file.ts`, `page-committer.ts`, `build/icons/<n>x<n>.png`, `scripts/`, [gone](docs/gone.md),',
        '[a section that moved](docs/sync.md#the-vault).',
        'Not paths: `settings.json`, `activities/<athlete>/<year>.json`, `out/main/index.js`, `splits sync --full`,',
        '`/usr/bin/chromium`, `.fit`, `window.open`, `https://www.strava.com/oauth`, [Strava](https://www.strava.com).',
        '',
        '```sh',
        'cat `main/in-a-fence.ts`',
        '```',
      ].join('\n'),
      'docs/architecture.md': 'The lock: `main/store/data-lock.ts`. [README](../README.md)\n',
    });
    expect(missingDocPaths(dir)).toEqual([
      { doc: 'README.md', path: 'main/store/token-file.ts' },
      { doc: 'README.md', path: 'main/desktop/tray.ts' },
      { doc: 'README.md', path: 'store/token-file.ts' },
      { doc: 'README.md', path: 'page-committer.ts' },
      { doc: 'README.md', path: 'build/icons/<n>x<n>.png' },
      { doc: 'README.md', path: 'scripts/' },
      { doc: 'README.md', path: 'docs/gone.md' },
      { doc: 'README.md', path: 'docs/sync.md#the-vault' },
      { doc: 'docs/architecture.md', path: 'main/store/data-lock.ts' },
    ]);
  });
});
