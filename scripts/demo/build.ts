// The window as it ships (vite build of renderer/ with vite.config.ts) and the demo's page script,
// kept in node_modules/.cache/splits-demo/ under a hash of the content of every file they are built from
// (window-inputs.ts): a start whose sources are unchanged serves the build of those very sources, and any change builds
// afresh. The demo shows the sources in this tree, never a stale out/ nor a stale entry: a build that read a file
// outside the key, or whose sources changed while it ran, is served that once from its temp folder and not kept.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedFolder } from './window-cache';
import { BRIDGE_FILE, RENDERER_FOLDER, bundleWindow } from './window-bundle';
import { windowInputs, windowKey } from './window-inputs';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface BuiltWindow {
  /** The built renderer/, served as it is. */
  dir: string;
  bridgeScript: string;
  /** Why this build is not in the cache (then its folder was given to onTempDir); undefined when it is. */
  notKept?: string;
}

export interface BuildOptions {
  /** The tree to build (this one unless a test says otherwise). */
  root?: string;
  cacheDir?: string;
  /** Each temp folder the build makes, for the caller to remove when it stops, built or cut short. */
  onTempDir?: (dir: string) => void;
  /** Called when a build begins (none when the cache holds one for these sources). */
  onBuild?: () => void;
}

export async function buildWindow(options: BuildOptions = {}): Promise<BuiltWindow> {
  const tree = options.root ?? root;
  const inputs = await windowInputs(tree);
  const key = await windowKey(tree, inputs);
  const folder = await cachedFolder({
    cacheDir: options.cacheDir ?? join(tree, 'node_modules/.cache/splits-demo'),
    key,
    onTempDir: options.onTempDir ?? (() => undefined),
    build: async (into) => {
      options.onBuild?.();
      const read = await bundleWindow(tree, into);
      const outside = outsideInputs(tree, read, inputs);
      if (outside.length > 0)
        return `the build read ${outside.join(', ')}, which scripts/demo/window-inputs.ts leaves out`;
      if ((await windowKey(tree, await windowInputs(tree))) !== key) return 'its sources changed while it was built';
      return undefined;
    },
  });
  return {
    dir: join(folder.dir, RENDERER_FOLDER),
    bridgeScript: await readFile(join(folder.dir, BRIDGE_FILE), 'utf8'),
    ...(folder.notKept ? { notKept: folder.notKept } : {}),
  };
}

/** The files of `read` (module ids) under `tree` that the key does not cover; node_modules' are its lockfiles'. */
function outsideInputs(tree: string, read: string[], inputs: string[]): string[] {
  const covered = new Set(inputs);
  return read
    .map((id) => id.replace(/\?.*$/, '')) // vite's ?url, ?inline…
    .filter((path) => isAbsolute(path) && !path.split(/[\\/]/).includes('node_modules'))
    .map((path) => relative(tree, path).split(/[\\/]/).join('/'))
    .filter((path) => !covered.has(path));
}
