// The stand-in as the `electron` module of a whole Node process, for a child that boots the built main outside vitest
// (harness.ts does it inside vitest with vi.doMock): a module hook hands `import ... from 'electron'` (main's,
// electron-store's) the stand-in made here, by name. The caller imports out/main/index.js, then emits 'ready'.
import { register } from 'node:module';
import { root } from '../cli';
import { createElectronStandin, type ElectronStandin } from './index';

export function useStandinAsElectron(dataDir: string): ElectronStandin {
  const electron = createElectronStandin({
    userData: dataDir,
    appPath: root,
    argv: [process.execPath, root],
    cwd: root,
  });
  (globalThis as { splitsElectronStandin?: unknown }).splitsElectronStandin = electron.module;
  const names = Object.keys(electron.module).filter((n) => n !== 'default');
  const shim = `const m = globalThis.splitsElectronStandin; export default m.default; ${names.map((n) => `export const ${n} = m.${n};`).join(' ')}`;
  const shimUrl = `data:text/javascript,${encodeURIComponent(shim)}`;
  const hooks = `export async function resolve(specifier, context, next) { return specifier === 'electron' ? { url: ${JSON.stringify(shimUrl)}, shortCircuit: true } : next(specifier, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  return electron;
}
