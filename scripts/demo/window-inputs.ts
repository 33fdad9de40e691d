// What the demo's window is built from: every file whose content can change what the build writes, and the key of the
// cache (build.ts) made from their paths and contents. Contents, not mtimes: a checkout or a save that changes nothing
// keeps the key, and any changed byte gives a new one. A build that reads a file outside these is not kept
// (build.ts), so a file missing here costs a build at each start, never a stale window.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Folders taken whole: the window (index.html, its sources and css, its tsconfig, any .env), what it imports outside
 * renderer/ (common/, preload/'s contract and payloads), the demo's page script, and build/ for the icon index.html links.
 */
const INPUT_FOLDERS = ['renderer', 'common', 'preload', 'scripts/demo/page', 'build'];

/**
 * Files: the build's settings and code, TypeScript's settings for common/ and preload/, the package's own (its "type"),
 * and the dependencies' versions, as declared and as installed (npm rewrites node_modules/.package-lock.json on install).
 */
const INPUT_FILES = [
  'vite.config.ts',
  // Found by Vite searching up from renderer/ and read as configuration, not as modules: none exists today, and one
  // added must change the key (build.ts sees only modules read).
  ...['postcss.config', '.postcssrc'].flatMap((name) =>
    ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.json', '.yml', '.yaml'].map((ext) => `${name}${ext}`),
  ),
  '.browserslistrc',
  'scripts/demo/window-bundle.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
];

/** The inputs under `root` that exist, as sorted '/'-separated paths relative to it. */
export async function windowInputs(root: string): Promise<string[]> {
  const found = await Promise.all(INPUT_FOLDERS.map((folder) => filesUnder(root, folder)));
  return [...new Set([...found.flat(), ...INPUT_FILES])].sort();
}

async function filesUnder(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(absentAsEmpty);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * The key of the window built from `inputs` (windowInputs) under `root`: sha256 of each one's path and content, and of
 * the environment Vite builds by: NODE_ENV picks React's development or production build (vitest sets it to "test" for
 * the demo its tests start), and VITE_* variables reach the window's code.
 */
export async function windowKey(root: string, inputs: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const contents = await Promise.all(inputs.map((path) => readFile(join(root, path)).catch(absentAsNull)));
  const hash = createHash('sha256');
  const buildEnv = Object.entries(env)
    .filter(([name]) => name === 'NODE_ENV' || name.startsWith('VITE_'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(`${JSON.stringify(buildEnv)}\0`);
  inputs.forEach((path, i) => {
    const content = contents[i];
    // Lengths before contents, so that no two trees hash the same bytes; an absent file is told from an empty one.
    hash.update(`${path}\0${content ? content.length : -1}\0`);
    if (content) hash.update(content);
  });
  return hash.digest('hex');
}

function absentAsEmpty(error: NodeJS.ErrnoException): never[] {
  if (error.code === 'ENOENT') return [];
  throw error;
}

function absentAsNull(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
