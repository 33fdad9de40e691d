// Bundles the headless CLI into one ESM file, so that `splits` starts without compiling TypeScript (tsx took
// 1.4–1.8 s at every start). Run by npm's `prepare` (after `npm install` and `npm ci`), by the vitest globalSetup
// and by the benchmark. bin/splits.js runs the bundle only while it is newer than every file under main/ and common/.
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_BUNDLE = join(root, 'out', 'cli', 'splits.mjs');

/**
 * Code of dependencies the CLI never runs, left out of what every start compiles (the tests start it some 400 times a
 * run, and cron every few minutes):
 * - form-data (with mime-types and its 130 KB database): axios loads it for multipart uploads; Splits sends JSON and
 *   URL-encoded forms only. A multipart request would throw, saying so, rather than be sent wrong.
 * - axios' fetch adapter, which reaches for `Response` at load and so makes Node load its fetch (undici, 16 ms of a
 *   start): Splits' requests go through Node's http adapter (`adapter: 'http'`, main/strava/http.ts).
 * - zod's 60 translations of its messages (300 KB of the 580 KB zod chunk): `z.locales` keeps English, which zod uses
 *   by default; Splits words its own messages and never switches zod's language.
 * - axios' read of the global `FormData` at load, which also makes Node load undici (`splits status`: 190 ms of CPU
 *   with it, 150 to 160 without): its `isFormData` knows a FormData by its tag without it, and Splits sends none.
 */
const leftOut = {
  name: 'left-out',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'left-out' }));
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'left-out', pluginData: resolve(dirname(args.importer), args.path, '..') }
        : undefined,
    );
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]axios[\\/]lib[\\/]adapters[\\/]adapters\.js$/.test(args.importer)
        ? { path: 'axios-fetch', namespace: 'left-out' }
        : undefined,
    );
    build.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const read = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
      // An axios that changed the line is bundled as it is (a failed build would send every start through tsx), and
      // said: test/integration/cli/cli-start-loads.test.ts then fails on undici loaded again.
      if (!source.includes(read)) {
        console.warn(`build-cli: ${args.path} no longer reads FormData as expected; bundled unchanged`);
        return undefined;
      }
      return { contents: source.replace(read, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
    build.onLoad({ filter: /^axios-fetch$/, namespace: 'left-out' }, () => ({
      contents: 'export const getFetch = () => undefined; export default undefined;',
      loader: 'js',
    }));
    build.onLoad({ filter: /^form-data$/, namespace: 'left-out' }, () => ({
      contents:
        "export default class FormData { constructor() { throw new Error('splits: multipart forms are not built into the CLI'); } }",
      loader: 'js',
    }));
    build.onLoad({ filter: /^zod-locales$/, namespace: 'left-out' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/**
 * Builds out/cli/splits.mjs. Dependencies are bundled too: resolving and loading node_modules' many small files is
 * most of what is left of a start once TypeScript is gone (measured in docs/benchmarks.md).
 * Returns false, with a warning, when esbuild is missing: bin/splits.js then runs the sources through tsx. Both are
 * dev dependencies, so an install without them (`npm install --omit=dev`) has neither, and the CLI needs the bundle.
 */
export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet) console.warn('build-cli: esbuild is not installed; the CLI will run from its TypeScript sources');
    return false;
  }
  // The bundle's mtime is set to when the build began reading the sources: a source saved during the build is then
  // newer than the bundle, and bin/splits.js does not run code older than it.
  const began = new Date();
  await mkdir(dirname(CLI_BUNDLE), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    metafile: true,
    entryPoints: { splits: 'main/cli.ts' },
    outdir: dirname(CLI_BUNDLE),
    outExtension: { '.js': '.mjs' },
    // A command module that main/ loads with import() becomes its own chunk, so that `splits help` need not compile
    // zod and axios (most of the bundle); with static imports only, this is one file.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS dependencies (proper-lockfile, axios' helpers) call require() for Node's modules; an ES module
    // has no require of its own, so the bundle makes one.
    banner: {
      js: "import { createRequire as __splitsRequire } from 'node:module'; const require = __splitsRequire(import.meta.url);",
    },
    // electron is never reached from the CLI (lint keeps it in main/desktop/electron/); external in case a type import slips.
    external: ['electron'],
    plugins: [leftOut],
    // Less source to compile at every start; identifiers are kept so that `--verbose` stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  await utimes(CLI_BUNDLE, began, began);
  await removeOldChunks(
    join(dirname(CLI_BUNDLE), 'chunks'),
    new Set(Object.keys(result.metafile.outputs).map((out) => join(root, out))),
  );
  if (!quiet) console.log(`built ${CLI_BUNDLE.slice(root.length)}`);
  return true;
}

/**
 * Removes the chunks of earlier builds from `dir`, which nothing imports any more: every build names its chunks by
 * their content, and each edit of main/ left a megabyte behind. A chunk is removed a day after it stopped being
 * current (a `splits watch` started before a rebuild still imports its commands' chunks later): the build that retires
 * a chunk, one of the last build's that this one does not have, sets its mtime to that moment. The last build's chunks
 * are listed in `dir`/.current.json.
 */
export async function removeOldChunks(dir, current, { keepMs = 24 * 3600_000, now = Date.now() } = {}) {
  const manifest = join(dir, '.current.json');
  const last = await readFile(manifest, 'utf8').then(
    (text) => new Set(JSON.parse(text).map((name) => join(dir, name))),
    () => new Set(),
  );
  const moment = new Date(now);
  for (const name of await readdir(dir).catch(() => [])) {
    const path = join(dir, name);
    if (current.has(path) || path === manifest) continue;
    if (last.has(path)) await utimes(path, moment, moment).catch(() => undefined);
    else {
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtimeMs < now - keepMs) await rm(path, { force: true });
    }
  }
  const names = [...current].filter((path) => dirname(path) === dir).map((path) => basename(path));
  await writeFile(manifest, JSON.stringify(names));
}

// As npm's `prepare`: a failed build (sources mid-edit in a shared tree) must not fail `npm install`; the stale or
// missing bundle is then bypassed by bin/splits.js, which runs the sources and shows their real error.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli().catch((error) =>
    console.warn(
      `build-cli: the CLI bundle was not built (${error.message.split('\n')[0]}); bin/splits.js will run the sources`,
    ),
  );
}
