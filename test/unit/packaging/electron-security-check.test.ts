// scripts/check-electron-security.mjs can fail: on a small app with Node in its renderer and no sandbox,
// electronegativity's MEDIUM and HIGH findings fail the check and name what to fix or list; listed with reasons, they pass; a bad list is refused.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALLOW_LIST,
  judge,
  readAllowList,
  type AllowEntry,
  type Finding,
} from '../../../scripts/check-electron-security.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'scripts', 'check-electron-security.mjs');

function check(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const finding = (over: Partial<Finding>): Finding => ({
  check: 'AUXCLICK_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'main/desktop/electron/main-window.ts',
  line: 6,
  column: 14,
  sample: 'const win = new BrowserWindow({',
  description: 'Limit navigation flows to untrusted origins',
  url: 'https://github.com/doyensec/electronegativity/wiki/AUXCLICK_JS_CHECK',
  ...over,
});

describe('judging findings against the allow-list', () => {
  it('fails HIGH and MEDIUM findings that no entry names, and only notes LOW and INFORMATIONAL ones', () => {
    const high = finding({ check: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH' });
    const low = finding({ check: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'renderer/index.html' });
    const verdict = judge([finding({}), high, low], []);
    expect(verdict.failing.map((f) => f.check)).toEqual(['AUXCLICK_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK']);
    expect(verdict.minor).toEqual([low]);
  });

  it('allows a finding by check and file, and by its line only when the entry names a sample', () => {
    const entry: AllowEntry = { check: 'AUXCLICK_JS_CHECK', file: 'main/desktop/electron/main-window.ts', reason: 'r' };
    expect(judge([finding({})], [entry]).allowed).toHaveLength(1);
    expect(judge([finding({ file: 'main/desktop/electron/other.ts' })], [entry]).failing).toHaveLength(1);
    const pinned = { ...entry, sample: 'const win = new BrowserWindow({' };
    expect(judge([finding({ line: 40 })], [pinned]).allowed).toHaveLength(1);
    expect(judge([finding({ sample: 'const other = new BrowserWindow({' })], [pinned]).failing).toHaveLength(1);
  });

  it('reports entries that match nothing any more', () => {
    const entry: AllowEntry = { check: 'PRELOAD_JS_CHECK', file: 'main/desktop/electron/main-window.ts', reason: 'r' };
    expect(judge([finding({})], [entry]).stale).toEqual([entry]);
  });

  it('refuses an allow-list entry without a reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'splits-allow-'));
    try {
      const file = join(dir, 'allow.json');
      await writeFile(
        file,
        JSON.stringify({ allow: [{ check: 'AUXCLICK_JS_CHECK', file: 'main/x.ts', reason: ' ' }] }),
      );
      await expect(readAllowList(file)).rejects.toThrow(/entry 0 needs a "reason"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the project's allow-list is well formed, and gives every entry a reason", async () => {
    const entries = await readAllowList(join(root, ALLOW_LIST));
    for (const entry of entries) expect(entry.reason.length).toBeGreaterThan(20);
  });
});

describe('the check on a small app with nodeIntegration on and the sandbox off', () => {
  let app: string;
  let allowFile: string;
  let unlisted: { code: number | null; output: string };

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'splits-insecure-app-'));
    await mkdir(join(app, 'main'));
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'insecure', main: 'main/index.js', devDependencies: { electron: '^45.5.0' } }),
    );
    await writeFile(
      join(app, 'main', 'index.js'),
      [
        "const { app, BrowserWindow } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, sandbox: false } });',
        "  win.loadFile('index.html');",
        '});',
        '',
      ].join('\n'),
    );
    allowFile = join(app, 'allow.json');
    await writeFile(allowFile, JSON.stringify({ allow: [] }));
    unlisted = await check(['--root', app, '--allow', allowFile]);
  }, 60_000);
  afterAll(() => rm(app, { recursive: true, force: true }));

  it('fails, naming the unlisted finding, its file and line, and the entry that would list it', () => {
    expect(unlisted.code).toBe(1);
    expect(unlisted.output).toMatch(/MEDIUM SANDBOX_JS_CHECK \(\w+\) in main\/index\.js:3:\d+/);
    expect(unlisted.output).toContain('sandbox: false');
    expect(unlisted.output).toMatch(/allow-list entry: \{"check":"SANDBOX_JS_CHECK","file":"main\/index\.js"/);
  });

  it('passes once every finding is listed with a reason (the entries it suggested)', async () => {
    const suggested = [...unlisted.output.matchAll(/allow-list entry: (\{.*\})$/gm)].map(
      (m) => JSON.parse(m[1]!) as AllowEntry,
    );
    expect(suggested.length).toBeGreaterThan(0);
    await writeFile(
      allowFile,
      JSON.stringify({ allow: suggested.map((e) => ({ ...e, reason: 'a test fixture, insecure on purpose' })) }),
    );
    const listed = await check(['--root', app, '--allow', allowFile]);
    expect(listed.output).toMatch(/electronegativity: 0 failing, \d+ allowed with a reason/);
    expect(listed.code).toBe(0);
    expect(JSON.parse(await readFile(allowFile, 'utf8')).allow).toHaveLength(suggested.length);
  }, 60_000);

  it('asks nothing of the network, and says nothing of translations it did not fetch', async () => {
    // Every TCP connection and dns.lookup of the check's process, recorded (and refused, as offline).
    const asked = join(app, 'network.log');
    const hook = join(app, 'no-network.cjs');
    await writeFile(
      hook,
      [
        "const { appendFileSync } = require('node:fs');",
        "const net = require('node:net'), dns = require('node:dns');",
        'const refuse = (what) => function () {',
        '  appendFileSync(process.env.SPLITS_NETWORK_LOG, what + "\\n");',
        "  throw Object.assign(new Error('offline'), { code: 'ENETUNREACH' });",
        '};',
        "net.connect = net.createConnection = refuse('connect');",
        "net.Socket.prototype.connect = refuse('socket connect');",
        "dns.lookup = refuse('lookup');",
      ].join('\n'),
    );
    const run = await check(['--root', app, '--allow', allowFile], {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(hook)}`,
      SPLITS_NETWORK_LOG: asked,
    });
    expect(run.output).toMatch(/electronegativity: \d+ failing/);
    expect(await readFile(asked, 'utf8').catch(() => '')).toBe('');
    expect(run.output).not.toMatch(/translations/);
  }, 60_000);
});
