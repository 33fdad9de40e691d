// What a start of `splits` compiles: the command's own code, not every command's, and none of the dependencies' code
// the CLI never runs (scripts/build-cli.mjs). Read from the bundle the globalSetup built, and from real runs of it
// with a module hook that writes down every file of the bundle Node loads.
import { readFile, readdir, utimes, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeOldChunks } from '../../../scripts/build-cli.mjs';
import { root, runCli } from '../../support/cli';
import { useTempDirs } from '../../support/temp-dirs';

const bundleDir = join(root, 'out', 'cli');

describe('the CLI bundle', () => {
  const freshDir = useTempDirs('splits-cli-loads-');

  /** The bundle's files one run of `splits args` loaded, by name without their content hash. */
  async function loadedBy(args: string[]): Promise<string[]> {
    const dir = await freshDir();
    const log = join(dir, 'loaded.log');
    await writeFile(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.includes('/out/cli/')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`,
    );
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
    );
    await writeFile(log, '');
    // A data folder that is there: a read command runs (with none, it stops before its module is wanted).
    await mkdir(join(dir, 'data'));
    const run = await runCli(args, {
      SPLITS_DATA_DIR: join(dir, 'data'),
      NODE_OPTIONS: `--import=${join(dir, 'register.mjs')}`,
    });
    expect(run.stderr).not.toMatch(/hooks|register/);
    return (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((url) => url.replace(/^.*\/out\/cli\//, '').replace(/-[A-Z0-9]{8}\.mjs$/, ''));
  }

  it('loads a command’s own module when that command runs, and not the others’', async () => {
    const status = await loadedBy(['status']);
    expect(status).toContain('chunks/read-commands');
    for (const other of ['import-command', 'export-command', 'account-commands', 'stats-command', 'log-file'])
      expect(status).not.toContain(`chunks/${other}`);
    // The archive's readers come with `import` alone (a missing file: the command runs and says so).
    const imported = await loadedBy(['import', join(root, 'no-such-archive.zip')]);
    expect(imported).toContain('chunks/import-command');
    expect(imported).not.toContain('chunks/export-command');
  });

  it('holds none of the code it leaves out: form-data’s MIME table, zod’s translations, axios’ fetch adapter', async () => {
    // Each marker is in node_modules, so a bundle that took the module in would hold it.
    const markers = [
      { file: 'node_modules/mime-db/db.json', text: '"application/1d-interleaved-parityfec"' },
      { file: 'node_modules/zod/v4/locales/de.js', text: 'Ungültige Eingabe' },
      { file: 'node_modules/axios/lib/adapters/fetch.js', text: 'maybeWithAuthCredentials' },
    ];
    const files = [join(bundleDir, 'splits.mjs'), ...(await currentChunks())];
    const bundle = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    for (const { file, text } of markers) {
      expect(await readFile(join(root, file), 'utf8')).toContain(text);
      expect(bundle.includes(text.replace(/^"|"$/g, '')), `${file} is in the bundle`).toBe(false);
    }
    // English stays: zod's default messages.
    expect(bundle.includes('Invalid input')).toBe(true);
  });

  it('leaves Node’s fetch (undici) unloaded in a read command: axios’ read of the global FormData is left out', async () => {
    const dir = await freshDir();
    const list = join(dir, 'modules.txt');
    // Node's own modules a run loaded, written as it exits (two read commands; the axios chunk loads with any command).
    await writeFile(
      join(dir, 'modules.cjs'),
      `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n') + '\\n'));\n`,
    );
    await mkdir(join(dir, 'data'));
    const env = {
      SPLITS_DATA_DIR: join(dir, 'data'),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(join(dir, 'modules.cjs'))}`,
    };
    expect((await runCli(['status'], env)).code).toBe(0);
    expect((await runCli(['activities'], env)).code).toBe(0);
    const loaded = (await readFile(list, 'utf8')).split('\n');
    // The hook ran (Node's own modules are listed), and undici (`status`: 190 ms of CPU with it, 150 to 160 without) is
    // not among them.
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => m.includes('undici'))).toEqual([]);
  });

  it('removes a chunk a day after a build stopped using it, however long ago it was written', async () => {
    const dir = await freshDir();
    const chunks = join(dir, 'chunks');
    await mkdir(chunks);
    const hour = 3600_000;
    const now = Date.now();
    const write = async (name: string, ageMs: number) => {
      await writeFile(join(chunks, name), 'export {};\n');
      const when = new Date(now - ageMs);
      await utimes(join(chunks, name), when, when);
    };
    const names = async () => (await readdir(chunks)).filter((n) => n !== '.current.json').sort();
    // The last build's chunk (written two days ago, a `splits watch` may still import it), this build's, one retired
    // an hour ago and one retired 25 hours ago.
    await write('chunk-LASTBLD1.mjs', 48 * hour);
    await write('chunk-CURRENT1.mjs', 0);
    await write('chunk-RETIRED1.mjs', hour);
    await write('chunk-RETIRED2.mjs', 25 * hour);
    await writeFile(join(chunks, '.current.json'), JSON.stringify(['chunk-LASTBLD1.mjs']));

    await removeOldChunks(chunks, new Set([join(chunks, 'chunk-CURRENT1.mjs')]), { now });
    expect(await names()).toEqual(['chunk-CURRENT1.mjs', 'chunk-LASTBLD1.mjs', 'chunk-RETIRED1.mjs']);
    expect(JSON.parse(await readFile(join(chunks, '.current.json'), 'utf8'))).toEqual(['chunk-CURRENT1.mjs']);

    // A day and an hour later, the next build: what it retires stays a day; what the last one retired goes.
    await write('chunk-CURRENT2.mjs', 0);
    await removeOldChunks(chunks, new Set([join(chunks, 'chunk-CURRENT2.mjs')]), { now: now + 25 * hour });
    expect(await names()).toEqual(['chunk-CURRENT1.mjs', 'chunk-CURRENT2.mjs']);
  });
});

/** The chunks the bundle's entry reaches, statically or by import(): the current build's, not leftovers. */
async function currentChunks(): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/["'](\.\.?\/(?:chunks\/)?[\w.-]+\.mjs)["']/g)) {
      const next = join(file, '..', m[1]!);
      if (seen.has(next)) continue;
      seen.add(next);
      await visit(next);
    }
  };
  await visit(join(bundleDir, 'splits.mjs'));
  return [...seen];
}
