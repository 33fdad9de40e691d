// The window as it ships (vite build of renderer/, as test/support/browser.ts builds it) and the demo's page script,
// both built fresh into a temp folder on every start: the demo shows the sources in this tree, never a stale out/.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, stop as stopEsbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export async function buildWindow(outDir: string): Promise<{ dir: string; bridgeScript: string }> {
  const dir = join(outDir, 'renderer');
  await viteBuild({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: dir, emptyOutDir: true },
  });
  const bridge = await esbuild({
    entryPoints: [join(root, 'scripts/demo/page/bridge.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome130',
    write: false,
    logLevel: 'silent',
  });
  // esbuild's service is a child process: ended now, so that nothing of the build outlives it.
  await stopEsbuild();
  return { dir, bridgeScript: bridge.outputFiles[0]!.text };
}
