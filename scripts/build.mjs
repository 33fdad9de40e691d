// Builds everything Electron loads into out/ with electron-vite, from electron.vite.config.ts: main (ESM), the
// preload (CommonJS: the window is sandboxed) and the renderer.
// Paths are relative to the working directory (npm runs scripts from the project).
import { build } from 'electron-vite';

await build({ configFile: 'electron.vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/renderer');
