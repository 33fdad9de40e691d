#!/usr/bin/env node
// The headless CLI. It runs the bundle that npm's `prepare` builds (scripts/build-cli.mjs) when that bundle is newer
// than every file under main/ and common/, and the TypeScript sources through tsx otherwise (no bundle yet, no esbuild, or sources
// edited since): nobody ever runs code older than the sources, and it works right after `npm install`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out', 'cli', 'splits.mjs');

/** The bundle's mtime, or null when it is missing. */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** True when some file under dir changed after `since` (a stat per file: about 1 ms for main/). */
function changedSince(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(path, since) : statSync(path).mtimeMs > since) return true;
  }
  return false;
}

const built = mtimeOf(bundle);
// common/ is bundled with main/ (the sport names the CLI prints).
if (built !== null && !changedSince(join(root, 'main'), built) && !changedSince(join(root, 'common'), built)) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli.ts');
}
