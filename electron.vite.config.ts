// The build of everything Electron loads, into out/: electron-vite gives each process its own Vite config.
// scripts/build.mjs builds all three from here, and scripts/dev.mjs watches main and the preload and serves the
// renderer from the same config (it starts Electron itself).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import renderer from './vite.config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** main and the preload run in Electron's Node; their source maps sit beside them, as with the esbuild build. */
const node = { target: 'node22', sourcemap: true } as const;

export default defineConfig({
  main: {
    build: {
      ...node,
      outDir: fromRoot('out/main'),
      // ESM (package.json says "type": "module"); the dependencies stay in node_modules, where electron-builder
      // packs them (electron-vite's externalizeDeps, on by default).
      rolldownOptions: {
        input: { index: fromRoot('main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      ...node,
      outDir: fromRoot('out/preload'),
      // CommonJS with everything but electron bundled in: the window is sandboxed, so the preload can require
      // nothing from node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    // electron-vite leaves its renderer unminified by default; Vite's own default (minified JS and CSS) stays.
    build: { ...renderer.build, minify: true, rolldownOptions: { input: fromRoot('renderer/index.html') } },
  },
});
