// The bundle a test's child process runs from (test/support/bundled-child.ts) behaves as its sources do under tsx:
// each file's import.meta.url is its own, a package stays unloaded until the module that needs it is imported, and
// test processes bundling the same child at once each get it whole.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundledChild } from '../../support/bundled-child';
import { root } from '../../support/cli';
import { RUN_TEMP_DIR } from '../../support/run-folder';
import { useTempDirs, writeTree } from '../../support/temp-dirs';

const run = promisify(execFile);
const tempDir = useTempDirs('splits-bundled-child-');

/** A child in a folder of its own: where its files think they are, and whether yauzl (CommonJS) is loaded. */
const CHILD = {
  'child.ts': `import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nestedDirname, nestedFilename, nestedFolder, quoted } from './nested/where.ts';
const yauzlLoaded = () =>
  Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/node_modules/yauzl/'));
const before = yauzlLoaded();
const { openZip } = await import('./lazy.ts');
process.stdout.write(JSON.stringify({
  folder: fileURLToPath(new URL('.', import.meta.url)),
  nestedFolder,
  nestedDirname,
  nestedFilename,
  quoted,
  yauzlBefore: before,
  yauzlAfter: yauzlLoaded(),
  opens: typeof openZip,
}));
`,
  'nested/where.ts': `import { fileURLToPath } from 'node:url';
export const nestedFolder: string = fileURLToPath(new URL('.', import.meta.url));
export const nestedDirname: string = import.meta.dirname;
export const nestedFilename: string = import.meta.filename;
export const quoted: string = "import.meta.url, in a string";
`,
  'lazy.ts': `import yauzl from 'yauzl';
export const openZip = yauzl.open;
`,
};

describe("a test's child process, bundled", () => {
  it("runs with each file's import.meta.url its own, and a lazily imported module's package loaded only with it", async () => {
    const folder = await tempDir();
    await writeTree(folder, CHILD);
    const source = join(folder, 'child.ts');
    const [bundle, again] = await Promise.all([bundledChild(source), bundledChild(source)]);
    expect(again).toBe(bundle);
    // In the run's folder, removed when the run ends; not beside the source.
    expect(dirname(bundle)).toBe(join(process.env[RUN_TEMP_DIR]!, 'bundled-children'));

    const { stdout } = await run(process.execPath, [bundle], { cwd: root, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({
      folder: `${folder}/`,
      nestedFolder: join(folder, 'nested/'),
      nestedDirname: join(folder, 'nested'),
      nestedFilename: join(folder, 'nested/where.ts'),
      quoted: expect.any(String),
      yauzlBefore: false,
      yauzlAfter: true,
      opens: 'function',
    });
  });

  it('is whole for each of two test processes bundling it at once, and leaves no temporary file', async () => {
    const [folder, runDir] = [await tempDir(), await tempDir()];
    await writeTree(folder, {
      ...CHILD,
      // A test process of its own: bundles the child, then runs it at once.
      'bundler.ts': `import { execFileSync } from 'node:child_process';
import { bundledChild } from ${JSON.stringify(join(root, 'test/support/bundled-child.ts'))};
const bundle = await bundledChild(${JSON.stringify(join(folder, 'child.ts'))});
process.stdout.write(JSON.stringify({ bundle, ran: JSON.parse(execFileSync(process.execPath, [bundle], { encoding: 'utf8' })) }));
`,
    });
    const bundler = await bundledChild(join(folder, 'bundler.ts'));
    const env = { ...process.env, [RUN_TEMP_DIR]: runDir };
    const outcomes = await Promise.all(
      [1, 2].map(async () => {
        const { stdout } = await run(process.execPath, [bundler], { cwd: root, env, timeout: 60_000 });
        return JSON.parse(stdout) as { bundle: string; ran: { opens: string } };
      }),
    );
    expect(outcomes[1]!.bundle).toBe(outcomes[0]!.bundle);
    expect(dirname(outcomes[0]!.bundle)).toBe(join(runDir, 'bundled-children'));
    expect(outcomes.map((o) => o.ran.opens)).toEqual(['function', 'function']);
    expect((await readdir(join(runDir, 'bundled-children'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
