// docs/architecture.md's rooms stand on floors: a file imports its own floor and the ones below, never one above, and
// no files import each other in a loop. The graph is read from the import statements of the files themselves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs, writeTree } from '../../support/temp-dirs';
import { floorOf, importLoops, importsAcross, importsUp, readImportGraph, type Floor } from './import-graph';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDERS = ['main', 'common', 'preload', 'renderer/src'];

/**
 * Lowest first. common/ holds what every process shares and imports nothing of theirs; the contract (preload/) is
 * what main's desktop and the renderer agree on; main's basics (clock, log and its files, configuration) serve every room. Strava's
 * client knows nothing of where things are kept; the store keeps Strava's records; the vault keeps its secrets in the
 * store's documents (or the keychain). The rooms that do the work (sync, accounts, archive import, export, the
 * training statistics) use those;
 * services.ts builds them all for the two front doors, the CLI and the desktop core, which import nothing of each
 * other; the desktop's Electron adapters drive its core from above (the core never reaches for them); the entry
 * points (and the renderer, a process of its own that ESLint keeps out of main/) stand on top.
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
  {
    name: 'the work',
    paths: ['main/sync/', 'main/accounts/', 'main/archive/', 'main/export/', 'main/stats/', 'main/maps/'],
  },
  { name: 'the composition root', paths: ['main/services.ts'] },
  { name: 'the front doors', paths: ['main/cli/', 'main/desktop/'], apart: true },
  { name: 'the Electron adapters', paths: ['main/desktop/electron/'] },
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

  it('never imports across the rooms of a floor kept apart (the CLI and the desktop core)', () => {
    expect(importsAcross(graph, FLOORS)).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    expect(importLoops(graph)).toEqual([]);
  });

  it('are the floors docs/architecture.md lists, in its order and with its paths', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Floors'), doc.indexOf('\n## ', doc.indexOf('## Floors') + 1));
    // "1. **shared rules**: `common/`": each numbered line's name, and the paths in code before any aside in brackets.
    const listed = [...section.matchAll(/^\d+\. \*\*(.+?)\*\*: (.*)$/gm)].map(([, name, rest]) => ({
      name,
      paths: [...rest!.split('(')[0]!.matchAll(/`([^`]+)`/g)].map(([, path]) => path),
    }));
    expect(listed).toEqual(FLOORS.map(({ name, paths }) => ({ name, paths })));
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

  it("finds the desktop core importing its Electron adapters, and the CLI and the desktop importing each other, on the app's floors", async () => {
    const dir = await freshDir();
    await writeTree(dir, {
      'main/desktop/sync-status.ts': "import { tray } from './electron/tray';\nexport const status = tray;\n",
      'main/desktop/electron/tray.ts': "import type { Status } from '../tray-model';\nexport const tray = 1;\n",
      'main/desktop/tray-model.ts': "import { usage } from '../cli/usage';\nexport type Status = typeof usage;\n",
      'main/cli/usage.ts': 'export const usage = 1;\n',
      'main/cli/watch-command.ts': "export const load = () => import('../desktop/sync-status');\n",
      'main/index.ts': "import './desktop/electron/tray';\nimport './desktop/sync-status';\n",
    });
    const small = readImportGraph(dir, ['main']);
    expect(floorOf(FLOORS, 'main/desktop/electron/tray.ts')).toBeGreaterThan(
      floorOf(FLOORS, 'main/desktop/tray-model.ts'),
    );
    expect(importsUp(small, FLOORS)).toEqual(['main/desktop/sync-status.ts -> main/desktop/electron/tray.ts']);
    expect(importsAcross(small, FLOORS)).toEqual([
      'main/cli/watch-command.ts -> main/desktop/sync-status.ts',
      'main/desktop/tray-model.ts -> main/cli/usage.ts',
    ]);
  });
});
