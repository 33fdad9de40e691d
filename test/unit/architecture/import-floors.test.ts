// docs/architecture.md's rooms stand on floors: a file imports its own floor and the ones below, never one above, and
// no files import each other in a loop. The graph is read from the import statements of the files themselves.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs, writeTree } from '../../support/temp-dirs';
import { floorOf, importLoops, importsUp, readImportGraph, type Floor } from './import-graph';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDERS = ['main', 'common', 'preload', 'renderer/src'];

/**
 * Lowest first. common/ holds what every process shares and imports nothing of theirs; the contract (preload/) is
 * what main's desktop and the renderer agree on; main's basics (clock, log and its files, configuration) serve every room. Strava's
 * client knows nothing of where things are kept; the store keeps Strava's records; the vault keeps its secrets in the
 * store's documents (or the keychain). The rooms that do the work (sync, accounts, archive import, export) use those;
 * services.ts builds them all for the two front doors, the CLI and the desktop app; the entry points (and the
 * renderer, a process of its own that ESLint keeps out of main/) stand on top.
 */
const FLOORS: Floor[] = [
  { name: 'shared rules', paths: ['common/'] },
  { name: 'the contract', paths: ['preload/'] },
  {
    name: "main's basics",
    paths: ['main/clock.ts', 'main/log.ts', 'main/log-file.ts', 'main/config.ts', 'main/errors.ts'],
  },
  { name: 'Strava', paths: ['main/strava/'] },
  { name: 'the store', paths: ['main/store/'] },
  { name: 'the vault', paths: ['main/vault/'] },
  { name: 'the work', paths: ['main/sync/', 'main/accounts/', 'main/archive/', 'main/export/'] },
  { name: 'the composition root', paths: ['main/services.ts'] },
  { name: 'the front doors', paths: ['main/cli/', 'main/desktop/'] },
  { name: 'the entry points', paths: ['main/cli.ts', 'main/index.ts', 'renderer/src/'] },
];

describe('the import floors of the app', () => {
  const graph = readImportGraph(root, FOLDERS);

  it("reads the imports of the app's files (the graph is not empty by mistake)", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('main/services.ts')).toContain('main/store/splits-store.ts');
    // A type-only import counts.
    expect(graph.get('main/services.ts')).toContain('main/clock.ts');
  });

  it('puts every file on a floor', () => {
    expect([...graph.keys()].filter((file) => floorOf(FLOORS, file) < 0)).toEqual([]);
  });

  it('never imports up a floor', () => {
    expect(importsUp(graph, FLOORS)).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    expect(importLoops(graph)).toEqual([]);
  });
});

describe('the floor check itself', () => {
  const freshDir = useTempDirs('splits-floors-');

  it('finds an import up a floor and a loop, however they are written', async () => {
    const dir = await freshDir();
    await writeTree(dir, {
      'main/store/token-file.ts': "import type { Vault } from '../vault/secret-vault';\nexport const a = 1;\n",
      'main/vault/secret-vault.ts': "export { a } from '../store/token-file';\nexport type Vault = 1;\n",
      'main/vault/open-vault.ts': "export const load = () => import('./secret-vault');\n",
      'renderer/src/app.tsx':
        "import { Bar } from './status-bar';\nexport type ViewName = 'a';\nexport const App = Bar;\n",
      'renderer/src/status-bar.tsx':
        "import type { ViewName } from './app';\nimport React from 'react';\nexport const Bar = (v: ViewName) => React;\n",
      'renderer/src/self.ts': "import './self';\n",
    });
    const floors: Floor[] = [
      { name: 'store', paths: ['main/store/'] },
      { name: 'vault', paths: ['main/vault/'] },
      { name: 'renderer', paths: ['renderer/src/'] },
    ];
    const small = readImportGraph(dir, ['main', 'renderer/src']);
    expect(small.get('main/vault/open-vault.ts')).toEqual(['main/vault/secret-vault.ts']);
    expect(importsUp(small, floors)).toEqual(['main/store/token-file.ts -> main/vault/secret-vault.ts']);
    expect(importLoops(small)).toEqual([
      ['main/store/token-file.ts', 'main/vault/secret-vault.ts'],
      ['renderer/src/app.tsx', 'renderer/src/status-bar.tsx'],
      ['renderer/src/self.ts'],
    ]);
  });
});
