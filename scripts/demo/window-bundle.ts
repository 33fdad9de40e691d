// The window's build itself: vite's build of renderer/ with vite.config.ts (the renderer of the app's own build,
// scripts/build.mjs) and esbuild's bundle of the demo's page script. Vite and esbuild are loaded here, when a build is needed: a start served
// from the cache (build.ts) loads neither.
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

export const RENDERER_FOLDER = 'renderer';
export const BRIDGE_FILE = 'bridge.js';

/** Bundles in flight in this process: esbuild's service is stopped when the last one ends. */
let bundling = 0;

/**
 * Builds the window from the sources under `root` into `outDir` (RENDERER_FOLDER and BRIDGE_FILE), and returns the
 * absolute paths of the modules the two builds read (node_modules' among them), for build.ts to check its key covers them.
 */
export async function bundleWindow(root: string, outDir: string): Promise<string[]> {
  const [{ build: viteBuild }, esbuild] = await Promise.all([import('vite'), import('esbuild')]);
  const read = new Set<string>();
  const recordModules: Plugin = {
    name: 'splits-demo-modules-read',
    buildEnd() {
      for (const id of this.getModuleIds()) read.add(id);
    },
  };
  await viteBuild({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(outDir, RENDERER_FOLDER), emptyOutDir: true },
    plugins: [recordModules],
  });
  bundling++;
  try {
    const bridge = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['scripts/demo/page/bridge.ts'],
      bundle: true,
      format: 'iife',
      target: 'chrome130',
      outfile: join(outDir, BRIDGE_FILE),
      metafile: true,
      logLevel: 'silent',
    });
    for (const input of Object.keys(bridge.metafile.inputs)) read.add(resolve(root, input));
  } finally {
    // esbuild's service is a child process: ended once no bundle needs it, so that nothing of the build outlives it.
    if (--bundling === 0) await esbuild.stop();
  }
  return [...read];
}
