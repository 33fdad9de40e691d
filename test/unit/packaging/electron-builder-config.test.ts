// electron-builder.yml, checked offline with electron-builder's own parts: its JSON schema, its file matchers (the
// ones `npm run dist` runs over the project and over each dependency) and its production-dependency collector.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

// app-builder-lib's internals (CommonJS, exported under out/). Typed here by what this test uses of them.
type Stat = { isDirectory(): boolean; moduleFullFilePath?: string };
type Filter = (file: string, stat: Stat) => boolean;
interface FileMatcher {
  readonly patterns: string[];
  createFilter(): Filter;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns?: string[]) => FileMatcher;
  getMainFileMatchers(
    appDir: string,
    to: string,
    expand: (p: string) => string,
    platformOptions: object,
    packager: object,
    outDir: string,
    electronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    to: string,
    expand: (p: string) => string,
    platformOptions: object,
    info: object,
  ): FileMatcher;
}
interface ModuleInfo {
  name: string;
  dependencies?: ModuleInfo[] | null;
}
interface Collector {
  getNodeModules(options: { packageName: string }): Promise<{ nodeModules: ModuleInfo[] }>;
}

const matchers = require('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
const { NpmNodeModulesCollector } = require('app-builder-lib/out/node-module-collector/npmNodeModulesCollector.js') as {
  NpmNodeModulesCollector: new (rootDir: string, tmp: { cleanup(): Promise<void> }) => Collector;
};
const { TmpDir } = require('builder-util') as { TmpDir: new (name: string) => { cleanup(): Promise<void> } };

type Config = Record<string, unknown> & {
  files?: string[];
  directories?: { output?: string; buildResources?: string };
};
const file = (): Stat => ({ isDirectory: () => false });
const identity = (p: string) => p;
const NEVER_PACKED_MODULES = ['react', 'react-dom', 'tsx'];

let config: Config;
beforeAll(async () => {
  config = parse(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Config;
});

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", async () => {
    const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names Splits, and builds AppImage and deb, nsis, and dmg', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/);
    expect(config.productName).toBe('Splits');
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('takes its icons from build/, where npm run icons draws them', async () => {
    const icons = [
      (config.mac as { icon: string }).icon,
      (config.win as { icon: string }).icon,
      `${(config.linux as { icon: string }).icon}/512x512.png`,
    ];
    for (const icon of icons) {
      expect(icon.startsWith(`${config.directories?.buildResources}/`)).toBe(true);
      expect((await stat(join(root, icon))).isFile()).toBe(true);
    }
  });

  describe("electron-builder's file matcher over the project", () => {
    let packed: (relative: string) => boolean;
    beforeAll(() => {
      const packager = {
        info: {
          projectDir: root,
          buildResourcesDir: config.directories?.buildResources,
          isPrepackedAppAsar: false,
          config,
          debugLogger: { isEnabled: false },
        },
      };
      const [main] = matchers.getMainFileMatchers(
        root,
        '/app',
        identity,
        {},
        packager,
        join(root, config.directories?.output ?? 'dist'),
        false,
      );
      const filter = main!.createFilter();
      packed = (relative) => filter(join(root, relative), file());
    });

    it.each([
      'package.json',
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'assets/icon.png',
      'assets/tray/tray-idleTemplate@2x.png',
    ])('packs %s', (relative) => expect(packed(relative)).toBe(true));

    it.each([
      'out/main/index.js.map',
      'out/renderer/assets/index-abc123.js.map',
      'test/unit/packaging/electron-builder-config.test.ts',
      'test/strava-sim/server.ts',
      'main/index.ts',
      'renderer/src/main.tsx',
      'renderer/index.html',
      'scripts/build.mjs',
      'build/icon.png',
      'build/icon.svg',
      'dist/Splits-0.1.0.AppImage',
      'electron-builder.yml',
      'node_modules/react/index.js',
    ])('leaves out %s', (relative) => expect(packed(relative)).toBe(false));
  });

  describe("electron-builder's file matcher over the dependencies", () => {
    let packed: (moduleFile: string) => boolean;
    beforeAll(() => {
      // As computeNodeModuleFileSets does: the project's exclusions, applied to each dependency's files by their path
      // in the app (node_modules/<name>/...).
      const patterns = matchers.getNodeModuleFileMatcher(
        root,
        '/app',
        identity,
        {},
        { config, debugLogger: { isEnabled: false } },
      ).patterns;
      packed = (moduleFile) => {
        const name = moduleFile.split('/')[1]!;
        const matcher = new matchers.FileMatcher(join(root, 'node_modules', name), '/app', identity, patterns);
        // NodeModuleCopyHelper: no patterns, no filter (every file of a dependency is packed).
        if (matcher.patterns.length === 0) return true;
        return matcher.createFilter()(join(root, moduleFile), {
          isDirectory: () => false,
          moduleFullFilePath: moduleFile,
        });
      };
    });

    it.each(NEVER_PACKED_MODULES.map((name) => `node_modules/${name}/package.json`))(
      'would leave out %s even if a dependency pulled it in',
      (moduleFile) => {
        expect(packed(moduleFile)).toBe(false);
      },
    );

    it.each(['node_modules/axios/index.js', 'node_modules/zod/package.json'])('keeps %s', (moduleFile) =>
      expect(packed(moduleFile)).toBe(true),
    );

    it('leaves out source maps in dependencies', () =>
      expect(packed('node_modules/axios/dist/axios.js.map')).toBe(false));
  });

  it("packs no React, react-dom or tsx: electron-builder's collector finds them in no production dependency", async () => {
    const tmp = new TmpDir('splits-packaging-test');
    try {
      const { nodeModules } = await new NpmNodeModulesCollector(root, tmp).getNodeModules({ packageName: 'splits' });
      const names = new Set<string>();
      const walk = (modules: ModuleInfo[]) => {
        for (const m of modules) {
          names.add(m.name);
          walk(m.dependencies ?? []);
        }
      };
      walk(nodeModules);
      const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      // The collector really ran: every production dependency is in its answer.
      for (const name of Object.keys(manifest.dependencies)) expect(names).toContain(name);
      for (const name of NEVER_PACKED_MODULES) expect(names).not.toContain(name);
    } finally {
      await tmp.cleanup();
    }
  });
});
