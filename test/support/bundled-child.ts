// A test's child process (a .ts script started as a process of its own) run from one esbuild bundle made once per test
// process, rather than through tsx, which transpiled the script and everything it imports again at every start: about
// 0.85 s of CPU a start against 0.2-0.3 s for the bundle, over fifty starts a run.
//
// The bundle behaves as the sources do under tsx:
// - packages stay external, so Node loads them from the project's node_modules at run time as it would the sources'
//   (a child that checks which packages it has loaded still sees them: test/support/idle-packages-child.ts);
// - modules imported with import() stay apart (code splitting), so a package only a lazily imported module needs is
//   loaded when that module is, not with the entry;
// - each source file keeps its own import.meta.url (and .dirname, .filename), so the paths it finds from there (the
//   project, a hook beside it, createRequire) are the same.
// The files go to a folder of the run (run-folder.ts), removed when the run ends; a link named node_modules beside them
// is where Node finds the packages from. Each file is named by its content's hash and written under a temporary name
// then renamed, so test processes bundling the same child at once share it and never run one half written.
import { access, mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Loader, type Plugin } from 'esbuild';
import { root } from './cli';
import { folderForProcess, RUN_TEMP_DIR } from './run-folder';

const bundles = new Map<string, Promise<string>>();

/** The bundle of the child script at `source` (an absolute path): run it with `node <path>`. */
export function bundledChild(source: string): Promise<string> {
  let bundle = bundles.get(source);
  if (!bundle) {
    bundle = bundleChild(source);
    bundles.set(source, bundle);
    // A build that failed (a syntax error being fixed) is tried again by the next caller.
    bundle.catch(() => bundles.delete(source));
  }
  return bundle;
}

let folder: Promise<string> | undefined;

/** The run's folder of bundles, shared by its test processes; outside a vitest run, one of this process's own. */
function bundleFolder(): Promise<string> {
  return (folder ??= (async () => {
    const runDir = process.env[RUN_TEMP_DIR] || undefined;
    const dir = runDir ? join(runDir, 'bundled-children') : folderForProcess('splits-bundled-children-');
    await mkdir(dir, { recursive: true });
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    return dir;
  })());
}

async function bundleChild(source: string): Promise<string> {
  const dir = await bundleFolder();
  const result = await build({
    entryPoints: [source],
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'error',
    plugins: [ownImportMetaUrl],
  });
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint !== undefined)?.[0];
  if (entry === undefined) throw new Error(`esbuild made no entry for ${source}`);
  const entryPath = resolve(root, entry);
  // The chunks before the entry: an entry in place means its chunks are.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === entryPath) - Number(b.path === entryPath));
  for (const file of files) {
    if (await exists(file.path)) continue; // the same hash: the same content, written by this run already
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  return entryPath;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const LOADERS: Record<string, Loader> = { ts: 'ts', mts: 'ts', cts: 'ts', tsx: 'tsx', js: 'js', mjs: 'js', cjs: 'js' };

/**
 * Each project file's import.meta.url, .dirname and .filename as its own file's, not the bundle's: constants declared at
 * the file's top and named in their place (a name, not a string put in place, so that an "import.meta.url" quoted in a
 * string stays a string).
 */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const loader = LOADERS[args.path.split('.').pop()!];
      if (!/\bimport\.meta\.(url|dirname|filename)\b/.test(text)) return { contents: text, loader };
      const own = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
      const declared = Object.entries(own)
        .map(([name, value]) => `const __ownImportMeta_${name} = ${JSON.stringify(value)};`)
        .join(' ');
      return {
        contents: `${declared}\n${text.replaceAll(/\bimport\.meta\.(url|dirname|filename)\b/g, '__ownImportMeta_$1')}`,
        loader,
      };
    });
  },
};
