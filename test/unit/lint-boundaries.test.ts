// The lint rules of docs/architecture.md fire on violating files and stay quiet on allowed ones.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** What `rule` reports as an error on `code` linted as the file at `path`. */
async function errors(rule: string, path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === rule && m.severity === 2).map((m) => m.message);
}

const restrictedImports = (path: string, code: string) => errors('no-restricted-imports', path, code);

describe('import boundaries', () => {
  it('forbids electron in main/ outside main/desktop/electron/ and main/index.ts, the desktop core included', async () => {
    const code = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await restrictedImports('main/sync/sync-engine.ts', code)).toEqual([
      expect.stringMatching(/Only main\/desktop\/electron\//),
    ]);
    expect(await restrictedImports('main/cli.ts', code)).toHaveLength(1);
    expect(await restrictedImports('preload/contract.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/desktop/splits-desktop.ts', code)).toEqual([
      expect.stringMatching(/Only main\/desktop\/electron\//),
    ]);
    expect(await restrictedImports('main/desktop/new-controller.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/desktop/electron/tray.ts', code)).toEqual([]);
    expect(await restrictedImports('main/index.ts', code)).toEqual([]);
  });

  it("forbids electron's entries (electron/main, electron/common) alike, and lets a path through a folder named electron be", async () => {
    const core = 'main/desktop/sync-status.ts';
    for (const entry of ['electron/main', 'electron/common', 'electron/renderer'])
      expect(await restrictedImports(core, `import { app } from '${entry}';\nexport const x = app;\n`)).toEqual([
        expect.stringMatching(/Only main\/desktop\/electron\//),
      ]);
    expect(
      await restrictedImports(
        'common/sport-names.ts',
        "import { shell } from 'electron/common';\nexport const x = shell;\n",
      ),
    ).toEqual([expect.stringMatching(/Only main\/desktop\/electron\//)]);
    expect(
      await restrictedImports(
        'renderer/src/app.tsx',
        "import { ipcRenderer } from 'electron/renderer';\nexport const x = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'main/desktop/electron/tray.ts',
        "import { app } from 'electron/main';\nexport const x = app;\n",
      ),
    ).toEqual([]);
    // Not electron: a module whose name only starts so, and the adapters' folder reached by a relative path.
    expect(await restrictedImports(core, "import { x } from 'electron-log/node';\nexport const y = x;\n")).toEqual([]);
    expect(
      await restrictedImports(
        'test/unit/desktop/tray.test.ts',
        "import { x } from '../../../main/desktop/electron/tray';\nexport const y = x;\n",
      ),
    ).toEqual([]);
  });

  it('forbids loading electron with import() or require() outside the adapters', async () => {
    const loads = (path: string, code: string) => errors('no-restricted-syntax', path, code);
    for (const code of [
      "export const app = (await import('electron')).app;\n",
      "export const app = (await import('electron/main')).app;\n",
      "export const load = () => import('electron/common');\n",
      "export const app = require('electron').app;\n",
    ]) {
      expect(await loads('main/desktop/sync-status.ts', code)).toEqual([
        expect.stringMatching(/Only main\/desktop\/electron\//),
      ]);
      expect(await loads('main/cli.ts', code)).toHaveLength(1);
      expect(await loads('common/sport-names.ts', code)).toHaveLength(1);
      expect(await loads('renderer/src/app.tsx', code)).toHaveLength(1);
      expect(await loads('main/desktop/electron/tray.ts', code)).toEqual([]);
      expect(await loads('main/index.ts', code)).toEqual([]);
    }
    expect(await loads('main/desktop/sync-status.ts', "export const x = import('electron-log/node');\n")).toEqual([]);
    expect(await loads('main/desktop/sync-status.ts', "export const x = import('./electron/tray');\n")).toEqual([]);
  });

  it("forbids electron, Node built-ins and main/ in the renderer, but allows the contract's types", async () => {
    const file = 'renderer/src/app.tsx';
    expect(
      await restrictedImports(file, "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports(file, "import { join } from 'path';\nexport const x = join;\n")).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { x } from '../../main/store/activity-store';\nexport const y = x;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        file,
        "import type { SplitsApi } from '../../preload/contract';\nexport type Y = SplitsApi;\n",
      ),
    ).toEqual([]);
  });

  it('keeps common/ free of main/, the preload, the renderer and Node, and lets both sides import it', async () => {
    const file = 'common/sport-names.ts';
    expect(
      await restrictedImports(file, "import { x } from '../main/store/activity-store';\nexport const y = x;\n"),
    ).toEqual([expect.stringMatching(/common\/ is shared/)]);
    expect(
      await restrictedImports(
        file,
        "import type { Settings } from '../preload/payloads';\nexport type Y = Settings;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { x } from '../renderer/src/format/units';\nexport const y = x;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports(file, "import { join } from 'node:path';\nexport const y = join;\n")).toHaveLength(
      1,
    );
    const shared = "import { sportName } from '../../../common/sport-names';\nexport const y = sportName;\n";
    expect(await restrictedImports('renderer/src/format/units.ts', shared)).toEqual([]);
    expect(
      await restrictedImports(
        'main/cli/format.ts',
        "import { sportName } from '../../common/sport-names';\nexport const y = sportName;\n",
      ),
    ).toEqual([]);
  });
});

describe('hooks rules in the renderer', () => {
  const file = 'renderer/src/features/badge.tsx';

  it('makes a hook called conditionally an error, and the same hook called on every render none', async () => {
    const conditional = [
      "import { useState } from 'react';",
      'export function Badge({ shown }: { shown: boolean }) {',
      '  if (shown) {',
      '    const [count] = useState(0);',
      '    return <b>{count}</b>;',
      '  }',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await errors('react-hooks/rules-of-hooks', file, conditional)).toEqual([
      expect.stringMatching(/"useState" is called conditionally/),
    ]);
    const always = [
      "import { useState } from 'react';",
      'export function Badge({ shown }: { shown: boolean }) {',
      '  const [count] = useState(0);',
      '  return shown ? <b>{count}</b> : null;',
      '}',
      '',
    ].join('\n');
    expect(await errors('react-hooks/rules-of-hooks', file, always)).toEqual([]);
  });

  it('makes an effect that reads a value it does not list an error', async () => {
    const effect = (deps: string) =>
      [
        "import { useEffect } from 'react';",
        'export function Title({ name }: { name: string }) {',
        '  useEffect(() => {',
        '    document.title = name;',
        `  }, [${deps}]);`,
        '  return null;',
        '}',
        '',
      ].join('\n');
    expect(await errors('react-hooks/exhaustive-deps', file, effect(''))).toEqual([
      expect.stringMatching(/missing dependency: 'name'/),
    ]);
    expect(await errors('react-hooks/exhaustive-deps', file, effect('name'))).toEqual([]);
  });
});
