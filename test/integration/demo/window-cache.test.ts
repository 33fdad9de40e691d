// The demo's window kept by the content of its sources (scripts/demo/build.ts): its key, real vite and esbuild builds of
// a temp copy of exactly the key's inputs (a build that needs a file the key leaves out fails here), two demos
// building at once, the prune, and a cache that cannot be written.
import { execFileSync, spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWindow, root } from '../../../scripts/demo/build';
import { cachedFolder, prune } from '../../../scripts/demo/window-cache';
import { windowInputs, windowKey } from '../../../scripts/demo/window-inputs';
import { useTempDirs, writeTree } from '../../support/temp-dirs';

const keyOf = async (tree: string) => windowKey(tree, await windowInputs(tree));

/** Every file under `dir` with its mtime. */
async function mtimes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const s = await stat(join(dir, name));
    if (s.isFile()) out[name] = s.mtimeMs;
  }
  return out;
}

describe('the demo window build cache', () => {
  const tempDir = useTempDirs('splits-window-cache-');

  /** This tree's inputs of the window, copied, with node_modules linked (its lockfile is read through the link). */
  async function copyOfInputs(): Promise<string> {
    const tree = await tempDir();
    for (const path of await windowInputs(root)) {
      if (path.startsWith('node_modules/')) continue;
      await mkdir(dirname(join(tree, path)), { recursive: true });
      // The key's files that this tree has not (a postcss configuration, say) stay absent in the copy.
      await copyFile(join(root, path), join(tree, path)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await symlink(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
    return tree;
  }

  it('keys by content: a changed byte or a new file changes the key, a touched file or another place does not', async () => {
    const files = {
      'renderer/index.html': '<div id="root"></div>',
      'renderer/src/main.tsx': 'export const a = 1;',
      'common/units.ts': 'export const KM = 1000;',
      'scripts/demo/page/bridge.ts': 'export {};',
      'vite.config.ts': 'export default {};',
      'package-lock.json': '{"lockfileVersion":3}',
    };
    const tree = await tempDir();
    await writeTree(tree, files);
    const key = await keyOf(tree);
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    const elsewhere = await tempDir();
    await writeTree(elsewhere, files);
    expect(await keyOf(elsewhere)).toBe(key);

    const later = new Date(Date.now() + 3_600_000);
    await utimes(join(tree, 'renderer/src/main.tsx'), later, later);
    expect(await keyOf(tree)).toBe(key);

    await writeFile(join(tree, 'renderer/src/main.tsx'), 'export const a = 2;');
    expect(await keyOf(tree)).not.toBe(key);
    await writeFile(join(tree, 'renderer/src/main.tsx'), files['renderer/src/main.tsx']);
    expect(await keyOf(tree)).toBe(key);

    await writeTree(tree, { 'renderer/src/extra.css': '' });
    expect(await keyOf(tree)).not.toBe(key);
    await rm(join(tree, 'renderer/src/extra.css'));

    // Vite finds a postcss configuration at the top by itself, not as a module a build reads.
    await writeTree(tree, { 'postcss.config.cjs': 'module.exports = {};' });
    expect(await keyOf(tree)).not.toBe(key);
    await rm(join(tree, 'postcss.config.cjs'));
    expect(await keyOf(tree)).toBe(key);

    // The environment Vite builds by: React's development build under vitest (NODE_ENV=test), and VITE_* variables.
    const inputs = await windowInputs(tree);
    const plain = await windowKey(tree, inputs, { PATH: '/usr/bin' });
    expect(await windowKey(tree, inputs, { PATH: '/bin' })).toBe(plain);
    expect(await windowKey(tree, inputs, { NODE_ENV: 'test' })).not.toBe(plain);
    expect(await windowKey(tree, inputs, { VITE_TILES: 'x' })).not.toBe(plain);

    await writeFile(join(tree, 'package-lock.json'), '{"lockfileVersion":2}');
    expect(await keyOf(tree)).not.toBe(key);
  });

  it('builds once for two demos starting at once, serves that build after without building, and builds a changed tree afresh', async () => {
    const tree = await copyOfInputs();
    const cacheDir = join(await tempDir(), 'cache');
    const temps: string[] = [];
    const marks = new Set<string>();
    const options = {
      root: tree,
      cacheDir,
      onTempDir: (path: string) => (path.includes('.in-use-') ? marks.add(path) : temps.push(path)),
    };
    const inUse = (key: string) => `${key}.in-use-${process.pid}`;

    const [first, second] = await Promise.all([buildWindow(options), buildWindow(options)]);
    const key = await keyOf(tree);
    // Both built (two temp folders), one rename won, the other's build was dropped for it.
    expect(temps).toHaveLength(2);
    expect(first.notKept).toBeUndefined();
    expect(second.notKept).toBeUndefined();
    expect(first.dir).toBe(join(cacheDir, key, 'renderer'));
    expect(second.dir).toBe(first.dir);
    // The entry, and this process's mark that it serves from it (for the demo to remove when it stops).
    expect((await readdir(cacheDir)).sort()).toEqual([key, inUse(key)]);
    expect([...marks]).toEqual([join(cacheDir, inUse(key))]);
    expect((await readdir(join(cacheDir, key))).sort()).toEqual(['bridge.js', 'renderer']);
    expect(await readFile(join(first.dir, 'index.html'), 'utf8')).toContain('<title>Splits</title>');
    expect(first.bridgeScript).toContain('X-Splits-Token');
    expect(second.bridgeScript).toBe(first.bridgeScript);

    const built = await mtimes(join(cacheDir, key));
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await utimes(join(cacheDir, key), longAgo, longAgo);
    const again = await buildWindow(options);
    expect(again.dir).toBe(first.dir);
    expect(again.bridgeScript).toBe(first.bridgeScript);
    expect(temps).toHaveLength(2); // no build
    expect(await mtimes(join(cacheDir, key))).toEqual(built);
    // Marked as used, for the prune.
    expect((await stat(join(cacheDir, key))).mtimeMs).toBeGreaterThan(longAgo.getTime());

    const html = join(tree, 'renderer/index.html');
    await writeFile(
      html,
      (await readFile(html, 'utf8')).replace('<title>Splits</title>', '<title>Splits, changed</title>'),
    );
    const changed = await buildWindow(options);
    expect(temps).toHaveLength(3);
    expect(changed.notKept).toBeUndefined();
    expect(changed.dir).not.toBe(first.dir);
    expect(await readFile(join(changed.dir, 'index.html'), 'utf8')).toContain('<title>Splits, changed</title>');
    const newKey = await keyOf(tree);
    expect((await readdir(cacheDir)).sort()).toEqual([key, newKey, inUse(key), inUse(newKey)].sort());
  }, 120_000);

  it('does not keep a build that read a file its key leaves out', async () => {
    const tree = await copyOfInputs();
    const cacheDir = join(await tempDir(), 'cache');
    await writeTree(tree, { 'extra/side.ts': "document.title = 'from outside the inputs';\n" });
    const main = join(tree, 'renderer/src/main.tsx');
    await writeFile(main, `import '../../extra/side';\n${await readFile(main, 'utf8')}`);
    const temps: string[] = [];

    const built = await buildWindow({ root: tree, cacheDir, onTempDir: (dir) => temps.push(dir) });
    expect(built.notKept).toMatch(/the build read extra\/side\.ts, which scripts\/demo\/window-inputs\.ts leaves out/);
    expect(temps).toHaveLength(1);
    expect(built.dir).toBe(join(temps[0]!, 'renderer'));
    expect(await readdir(cacheDir)).toEqual([temps[0]!.split(sep).pop()]);
  }, 120_000);

  it('keeps the three entries used last, the one in use and any a running demo serves, and removes what ended processes left', async () => {
    const cacheDir = await tempDir();
    const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => c.repeat(64));
    for (const [i, name] of names.entries()) {
      await writeTree(join(cacheDir, name), { 'bridge.js': '' });
      const usedAt = new Date(Date.UTC(2026, 0, 1 + i));
      await utimes(join(cacheDir, name), usedAt, usedAt);
    }
    const ended = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => ended.on('exit', resolve));
    const killed = `tmp-${ended.pid}-x1`;
    const running = `tmp-${process.ppid}-x2`;
    await writeTree(cacheDir, { [`${killed}/renderer/index.html`]: '', [`${running}/renderer/index.html`]: '' });
    // A demo still running serves the second oldest; one that ended had marked the third oldest.
    const serving = `${names[1]}.in-use-${process.ppid}`;
    const gone = `${names[2]}.in-use-${ended.pid}`;
    await writeTree(cacheDir, { [serving]: '', [gone]: '' });

    await prune(cacheDir, names[0]!);
    expect((await readdir(cacheDir)).sort()).toEqual(
      [names[0], names[1], names[3], names[4], names[5], serving, running].sort(),
    );
  });

  it('builds into a temp folder of its own when the cache cannot be written', async () => {
    const readOnly = await tempDir();
    await chmod(readOnly, 0o555);
    // chmod binds no root: the folder is made immutable for it.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chattr', ['+i', readOnly]);
    const temps: string[] = [];
    try {
      const folder = await cachedFolder({
        cacheDir: join(readOnly, 'splits-demo'),
        key: 'f'.repeat(64),
        build: async (into) => void (await writeFile(join(into, 'bridge.js'), 'built')),
        onTempDir: (dir) => temps.push(dir),
      });
      expect(folder.notKept).toBe(`${join(readOnly, 'splits-demo')} cannot be written`);
      expect(temps).toEqual([folder.dir]);
      expect(folder.dir.startsWith(join(tmpdir(), 'splits-demo-build-'))).toBe(true);
      expect(await readFile(join(folder.dir, 'bridge.js'), 'utf8')).toBe('built');
      expect(await readdir(readOnly)).toEqual([]);
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', readOnly]);
      for (const dir of temps) await rm(dir, { recursive: true, force: true });
    }
  });
});
