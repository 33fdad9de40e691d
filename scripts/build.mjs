// Builds everything Electron loads into out/: main (ESM), the preload (CommonJS: the window is sandboxed) and the
// renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await esbuild({
  ...common,
  entryPoints: ['main/index.ts'],
  outfile: 'out/main/index.js',
  format: 'esm',
  // Dependencies stay in node_modules, where electron-builder packs them.
  packages: 'external',
});

await esbuild({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
});

await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/renderer');
