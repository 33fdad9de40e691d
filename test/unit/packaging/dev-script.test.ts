// `npm run dev` (scripts/dev.mjs) in a small temp project, so the shared tree's out/ and sources are not touched.
// Electron's binary is never needed: ELECTRON_OVERRIDE_DIST_PATH points either at an empty folder (Electron missing)
// or at a stand-in `electron` that records how it was started and runs until it is told to stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** `pid` and its command line while it runs; null once it has exited (a zombie nobody reaped yet has exited too). */
async function running(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  const state = stat?.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (!stat || state === 'Z' || state === 'X') return null;
  return `${pid} (${state}): ${(await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ')}`;
}

/**
 * Every running process whose working directory is `dir`, from /proc (Linux): dev.mjs runs in the project, and so
 * does whatever it starts, even once it is handed to init.
 */
async function runningIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || (await readlink(`/proc/${entry}/cwd`).catch(() => null)) !== dir) continue;
    const seen = await running(Number(entry));
    if (seen) found.push(seen);
  }
  return found;
}

/**
 * A temp project with the real build configs (electron-vite's and Vite's), page (and its CSP) and dependencies, and
 * tiny main and preload.
 */
async function makeProject(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'splits-dev-'));
  await mkdir(join(project, 'main'));
  await mkdir(join(project, 'preload'));
  await mkdir(join(project, 'renderer', 'src'), { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'splits-dev-fixture', type: 'module', main: 'out/main/index.js' }),
  );
  await writeFile(join(project, 'main', 'version.ts'), "export const marker = 'first build';\n");
  await writeFile(join(project, 'main', 'index.ts'), "import { marker } from './version';\nconsole.log(marker);\n");
  await writeFile(join(project, 'preload', 'index.ts'), "export const preloadMarker = 'the preload';\n");
  await writeFile(join(project, 'renderer', 'src', 'main.tsx'), 'export const view = <p>renderer marker</p>;\n');
  await cp(join(root, 'electron.vite.config.ts'), join(project, 'electron.vite.config.ts'));
  await cp(join(root, 'vite.config.ts'), join(project, 'vite.config.ts'));
  await cp(join(root, 'renderer', 'index.html'), join(project, 'renderer', 'index.html'));
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

/**
 * A stand-in for npm running a script: it starts `sh -c` with the command, as npm does, and the shell stays in
 * between (npm → sh → node), as dash keeps it under npm.
 */
const FAKE_NPM = `
  const { spawn } = require('node:child_process');
  const shell = spawn('/bin/sh', ['-c', '"$0" "$1"; exit $?', ...process.argv.slice(1)], { stdio: 'inherit' });
  shell.on('exit', (code) => process.exit(code ?? 1));
`;

/**
 * scripts/dev.mjs running in `project`, with its output collected; `env` on top of the usual (undefined removes a
 * variable). `viaNpm` starts it the way `npm run dev` does, through a stand-in npm and its shell: `child` is then
 * that npm.
 */
class DevRun {
  readonly child: ChildProcess;
  output = '';

  constructor(
    project: string,
    electronDir: string,
    options: { env?: Record<string, string | undefined>; viaNpm?: boolean } = {},
  ) {
    const env: Record<string, string | undefined> = {
      ...process.env,
      SPLITS_DEV_PORT: '0',
      ELECTRON_OVERRIDE_DIST_PATH: electronDir,
      SPLITS_DEV_NO_ELECTRON: '',
      ...options.env,
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    const script = join(root, 'scripts', 'dev.mjs');
    this.child = options.viaNpm
      ? spawn(process.execPath, ['-e', FAKE_NPM, process.execPath, script], {
          cwd: project,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, [script], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  exited(): Promise<number | null> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Resolves once `pattern` has matched `count` times in the output. */
  async waitFor(pattern: RegExp, count = 1, timeoutMs = 20_000): Promise<RegExpMatchArray[]> {
    const started = Date.now();
    for (;;) {
      const matches = [...this.output.matchAll(new RegExp(pattern, 'g'))];
      if (matches.length >= count) return matches;
      if (Date.now() - started > timeoutMs || this.child.exitCode !== null)
        throw new Error(`no ${count} x ${pattern} in:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited();
  }
}

describe.skipIf(process.platform !== 'linux')('scripts/dev.mjs without Electron', () => {
  let project: string;
  let dev: DevRun;

  beforeAll(async () => {
    project = await makeProject();
    await mkdir(join(project, 'no-electron'));
    // A record left behind whose pid now belongs to a process that is no dev session (init): taken over.
    await mkdir(join(project, 'out'));
    await writeFile(join(project, 'out', 'dev-session.pid'), '1\n');
    dev = new DevRun(project, join(project, 'no-electron'));
    await dev.waitFor(/built out\/main/);
    await dev.waitFor(/built out\/preload/);
  });
  afterAll(async () => {
    await dev.kill();
    await rm(project, { recursive: true, force: true });
  });

  it("says plainly that Electron's binary is missing, and keeps going", () => {
    expect(dev.output).toMatch(/Electron's binary is not installed/);
    // The way to get it that works: npm start downloads it and says why when it cannot (no command that fetches nothing).
    expect(dev.output).toMatch(/`npm start` downloads it/);
    expect(dev.output).not.toMatch(/install-electron/);
    expect(dev.child.exitCode).toBeNull();
  });

  it('serves the renderer from Vite, with a CSP that lets its client and React refresh in', async () => {
    const url = (await dev.waitFor(/renderer at (http:\/\/127\.0\.0\.1:\d+\/)/))[0]![1]!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('/@vite/client');
    expect(html).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(html).toMatch(/object-src 'none'/);
    // The renderer's TSX, compiled on request.
    const script = await (await fetch(new URL('src/main.tsx', url))).text();
    expect(script).toContain('renderer marker');
    expect(script).not.toContain('<p>');
  });

  it('builds main (ESM) and the preload (CommonJS) into out/', async () => {
    expect(await readFile(join(project, 'out', 'main', 'index.js'), 'utf8')).toContain('first build');
    // CommonJS: Node loads it with require (an ES module would not parse), and its exports are there.
    const preload = join(project, 'out', 'preload', 'index.cjs');
    expect(createRequire(import.meta.url)(preload)).toMatchObject({ preloadMarker: 'the preload' });
  });

  it('rebuilds main when a file it imports changes, and out/main/index.js is there all the while', async () => {
    const before = (await dev.waitFor(/built out\/main/)).length;
    const built = join(project, 'out', 'main', 'index.js');
    // Read as often as the event loop allows from the save until the new build is in: the file is never missing (a
    // rebuild writes over it in place; empty for an instant then, which is why Electron waits for builds to end). One
    // save can start two builds (the truncation, then the text), so the end is the new text read, not the first
    // "built" line, and a read after it may fall in the second build's rewrite.
    const reads: (string | null)[] = [];
    let done = false;
    const reading = (async () => {
      while (!done) reads.push(await readFile(built, 'utf8').catch(() => null));
    })();
    try {
      await writeFile(join(project, 'main', 'version.ts'), "export const marker = 'second build';\n");
      const saved = reads.length;
      await dev.waitFor(/built out\/main/, before + 1);
      const started = Date.now();
      const rebuilt = () => reads.some((text) => text?.includes('second build'));
      while (!rebuilt() && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
      done = true;
      await reading;
      expect(rebuilt()).toBe(true);
      // The rebuild was watched, not only the file before and after it.
      expect(reads.length - saved).toBeGreaterThan(10);
      expect(reads.filter((text) => text === null)).toEqual([]);
    } finally {
      done = true;
      await reading;
    }
  });

  it('took over a session record whose pid is no dev session', async () => {
    expect(dev.output).not.toMatch(/already running/);
    expect((await readFile(join(project, 'out', 'dev-session.pid'), 'utf8')).trim()).toBe(String(dev.child.pid));
  });

  it('refuses a second session in the same project, which would build into the same out/', async () => {
    const second = new DevRun(project, join(project, 'no-electron'));
    onTestFinished(() => second.kill());
    expect(await second.exited()).toBe(1);
    expect(second.output).toMatch(
      new RegExp(`npm run dev is already running in this project \\(pid ${dev.child.pid}\\): stop it first`),
    );
    // Refused before it touched anything: the first session's main is whole, and its record is still its own.
    expect(await readFile(join(project, 'out', 'main', 'index.js'), 'utf8')).toContain('second build');
    expect((await readFile(join(project, 'out', 'dev-session.pid'), 'utf8')).trim()).toBe(String(dev.child.pid));
  });

  it('refuses a SPLITS_DEV_PORT that is not a port, naming it', async () => {
    for (const value of ['abc', '70000']) {
      const run = new DevRun(project, join(project, 'no-electron'), { env: { SPLITS_DEV_PORT: value } });
      onTestFinished(() => run.kill());
      expect(await run.exited()).toBe(2);
      expect(run.output).toContain(
        `SPLITS_DEV_PORT must be a port number from 0 to 65535 (0: any free one), not "${value}"`,
      );
    }
  });

  it('ends on SIGTERM with exit code 0, leaving no process running and no session record', async () => {
    const inProject = await realpath(project);
    expect((await runningIn(inProject)).some((p) => p.startsWith(`${dev.child.pid} `))).toBe(true);
    dev.child.kill('SIGTERM');
    expect(await dev.exited()).toBe(0);
    expect(dev.output).toMatch(/dev: stopped/);
    expect(await runningIn(inProject)).toEqual([]);
    await expect(readFile(join(project, 'out', 'dev-session.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.skipIf(process.platform !== 'linux')('scripts/dev.mjs and the port it serves on', () => {
  let project: string;
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    project = await makeProject();
    taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await rm(project, { recursive: true, force: true });
  });

  it('a port named in SPLITS_DEV_PORT and taken: one line that names it, exit 1, nothing left running', async () => {
    const run = new DevRun(project, join(project, 'no-electron'), { env: { SPLITS_DEV_PORT: String(port) } });
    onTestFinished(() => run.kill());
    expect(await run.exited()).toBe(1);
    expect(run.output).toMatch(
      new RegExp(`dev: SPLITS_DEV_PORT=${port}: .*${port}.*; choose another, or 0 for any free one`),
    );
    expect(run.output).not.toMatch(/\n\s+at /);
    expect(await runningIn(await realpath(project))).toEqual([]);
    // The session record went with it: the next start is not refused.
    await expect(readFile(join(project, 'out', 'dev-session.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.skipIf(process.platform !== 'linux')('scripts/dev.mjs started by npm, on the default port', () => {
  let project: string;
  let dev: DevRun;
  /** Holds 5173 for the session's start, unless something else on this machine does already. */
  let held: Server | null = null;

  beforeAll(async () => {
    project = await makeProject();
    const server = createNetServer();
    held = await new Promise<Server | null>((resolve) => {
      server.once('error', () => resolve(null));
      server.listen(5173, '127.0.0.1', () => resolve(server));
    });
    dev = new DevRun(project, join(project, 'no-electron'), { viaNpm: true, env: { SPLITS_DEV_PORT: undefined } });
    // Still starting: the watch builds come after this line.
    await dev.waitFor(/renderer at/);
  });
  afterAll(async () => {
    if (held) await new Promise((resolve) => held!.close(resolve));
    for (const line of await runningIn(await realpath(project))) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    await rm(project, { recursive: true, force: true });
  });

  it('stops by itself when npm is killed, even while it starts (npm passes nothing on, and its shell stays), leaving nothing running', async () => {
    const inProject = await realpath(project);
    const before = await runningIn(inProject);
    expect(before.some((p) => p.includes('dev.mjs'))).toBe(true);
    expect(before.some((p) => p.includes('/bin/sh'))).toBe(true);
    dev.child.kill('SIGKILL');
    const started = Date.now();
    while ((await runningIn(inProject)).some((p) => p.includes('dev.mjs')) && Date.now() - started < 20_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await runningIn(inProject)).filter((p) => p.includes('dev.mjs'))).toEqual([]);
    await expect(readFile(join(project, 'out', 'dev-session.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says that 5173 is taken, and serves on the next free port', async () => {
    const url = (await dev.waitFor(/renderer at (http:\/\/127\.0\.0\.1:\d+\/)/))[0]![1]!;
    expect(new URL(url).port).not.toBe('5173');
    expect(dev.output).toContain(
      `port 5173 is taken (by another program, or another project's npm run dev): serving on ${new URL(url).port}`,
    );
  });
});

/**
 * What the stand-in Electron wrote: each start (with the size of out/main/index.js it found), each SIGTERM, and each
 * exit of its own (one killed writes none).
 */
type StandInEvent =
  | { event: 'start'; pid: number; args: string[]; cwd: string; url: string; main: number }
  | { event: 'sigterm' | 'exit'; pid: number };

/**
 * A temp project whose `npm run dev` starts a stand-in `electron`: it records its starts, SIGTERMs and exits in a
 * file, runs until told to stop, and then takes `exitDelayMs` to exit, as an app winding down does (null: it never
 * does, as an app that hangs). `env` goes to the dev script.
 */
async function standInSession(exitDelayMs: number | null = 0, env: Record<string, string> = {}) {
  const project = await makeProject();
  const electronDir = join(project, 'electron-dist');
  await mkdir(electronDir);
  const events = join(project, 'electron-events.jsonl');
  const standIn = join(electronDir, 'electron');
  await writeFile(
    standIn,
    `#!${process.execPath}\n` +
      "const { appendFileSync, readFileSync } = require('node:fs');\n" +
      `const record = (event) => appendFileSync(${JSON.stringify(events)}, JSON.stringify({ ...event, pid: process.pid }) + '\\n');\n` +
      "let main = -1; try { main = readFileSync('out/main/index.js', 'utf8').length; } catch {}\n" +
      "record({ event: 'start', args: process.argv.slice(2), cwd: process.cwd(), url: process.env.SPLITS_DEV_SERVER_URL, main });\n" +
      'setInterval(() => {}, 1000);\n' +
      "process.on('exit', () => record({ event: 'exit' }));\n" +
      `process.on('SIGTERM', () => { record({ event: 'sigterm' }); ${exitDelayMs === null ? '' : `setTimeout(() => process.exit(0), ${exitDelayMs});`} });\n`,
  );
  await writeFile(join(electronDir, 'package.json'), '{"type":"commonjs"}');
  await chmod(standIn, 0o755);
  const dev = new DevRun(project, electronDir, { env });

  const recorded = async (): Promise<StandInEvent[]> =>
    (await readFile(events, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as StandInEvent);
  const starts = async () =>
    (await recorded()).filter((e): e is Extract<StandInEvent, { event: 'start' }> => e.event === 'start');
  /** Resolves with the events once `count` of `kind` are recorded. */
  const waitFor = async (kind: StandInEvent['event'], count: number) => {
    const started = Date.now();
    while ((await recorded()).filter((e) => e.event === kind).length < count) {
      if (Date.now() - started > 20_000) throw new Error(`expected ${count} x ${kind} of Electron:\n${dev.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return recorded();
  };
  const dispose = async () => {
    await dev.kill();
    for (const { pid } of await starts()) if (await running(pid)) process.kill(pid, 'SIGKILL');
    await rm(project, { recursive: true, force: true });
  };
  return { project, dev, starts, waitFor, dispose };
}

describe.skipIf(process.platform !== 'linux')('scripts/dev.mjs with a stand-in Electron', () => {
  let session: Awaited<ReturnType<typeof standInSession>>;

  beforeAll(async () => {
    session = await standInSession();
  });
  afterAll(async () => {
    await session.dispose();
  });

  it('starts `electron .` in the project once main and the preload are built, with the dev server URL', async () => {
    await session.waitFor('start', 1);
    const [first] = await session.starts();
    const url = (await session.dev.waitFor(/renderer at (http:\/\/127\.0\.0\.1:\d+\/)/))[0]![1]!;
    expect(first).toMatchObject({ args: ['.'], cwd: session.project, url });
    expect(first!.main).toBeGreaterThan(0);
    expect(session.dev.output).not.toMatch(/not installed/);
  });

  it('restarts Electron after main is rebuilt, ending the old one, and never while a build writes main', async () => {
    const [first] = await session.starts();
    await writeFile(join(session.project, 'main', 'version.ts'), "export const marker = 'changed';\n");
    await session.waitFor('start', 2);
    const all = await session.starts();
    expect(all[1]!.pid).not.toBe(first!.pid);
    expect(await running(first!.pid)).toBeNull();
    // Each start found main whole: not missing, not emptied for a rewrite.
    expect(all.filter((start) => start.main <= 0)).toEqual([]);
  });

  it('ends Electron too when its terminal closes (SIGHUP)', async () => {
    const last = (await session.starts()).at(-1)!;
    expect(await running(last.pid)).not.toBeNull();
    session.dev.child.kill('SIGHUP');
    expect(await session.dev.exited()).toBe(0);
    expect(await running(last.pid)).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux')('scripts/dev.mjs stopped while a restart ends Electron', () => {
  let session: Awaited<ReturnType<typeof standInSession>>;

  beforeAll(async () => {
    // An Electron that never ends on SIGTERM, as one that hangs: the stop falls while a restart waits for it, and it
    // is killed after SPLITS_DEV_END_MS.
    session = await standInSession(null, { SPLITS_DEV_END_MS: '300' });
  });
  afterAll(async () => {
    await session.dispose();
  });

  it('waits for the old one to end, killing it when it hangs, and starts no new one', async () => {
    await session.waitFor('start', 1);
    await writeFile(join(session.project, 'main', 'version.ts'), "export const marker = 'changed';\n");
    const [first] = await session.starts();
    await session.waitFor('sigterm', 1);
    session.dev.child.kill('SIGTERM');
    expect(await session.dev.exited()).toBe(0);
    // The session ended with no Electron left behind (killed: it wrote no exit of its own), and none started after.
    expect(await running(first!.pid)).toBeNull();
    expect((await session.waitFor('sigterm', 1)).filter((e) => e.event === 'exit')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await session.starts()).toHaveLength(1);
  });
});
