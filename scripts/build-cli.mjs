// Bundles the headless CLI into one ESM file, so that `splits` starts without compiling TypeScript (tsx took
// 1.4–1.8 s at every start). Run by npm's `prepare` (after `npm install` and `npm ci`), by the vitest globalSetup
// and by the benchmark. bin/splits.js runs the bundle only while it is newer than every file under main/ and common/.
import { mkdir, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_BUNDLE = join(root, 'out', 'cli', 'splits.mjs');

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
  await esbuild.build({
    absWorkingDir: root,
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
    // Less source to compile at every start; identifiers are kept so that `--verbose` stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  await utimes(CLI_BUNDLE, began, began);
  if (!quiet) console.log(`built ${CLI_BUNDLE.slice(root.length)}`);
  return true;
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
