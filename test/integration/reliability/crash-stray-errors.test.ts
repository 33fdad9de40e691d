// Errors nothing in main catches (a throw in a timer or an event handler, a promise rejected with nobody waiting),
// in the built main process running as a process of its own (test/support/stray-errors-child.ts): once the app is up
// they are logged and it stays; while it starts, they end it with its dialog, as a failed start does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledChild } from '../../support/bundled-child';
import { root } from '../../support/cli';
import { ensureDesktopBuild } from '../../support/electron-standin/build';
import { useTempDirs } from '../../support/temp-dirs';

const makeTempDir = useTempDirs('splits-stray-');
const child = fileURLToPath(new URL('../../support/stray-errors-child.ts', import.meta.url));

interface Outcome {
  /** The child's exit code, and what it printed (null when it died before printing). */
  exit: number | null;
  seen: {
    code: number;
    trayRedrew: boolean;
    errorBoxes: Array<{ title: string; content: string }>;
    problems: string[];
  } | null;
  log: string;
}

async function runChild(mode: 'running' | 'starting'): Promise<Outcome> {
  await ensureDesktopBuild();
  const dataDir = await makeTempDir();
  const env: NodeJS.ProcessEnv = { ...process.env, SPLITS_DATA_DIR: dataDir, SPLITS_VAULT: 'file' };
  delete env.STRAVA_CLIENT_ID;
  delete env.STRAVA_CLIENT_SECRET;
  const proc = spawn(process.execPath, [await bundledChild(child), '--hidden', mode], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let log = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exit = await new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  const line = out.trim().split('\n').pop() ?? '';
  return { exit, seen: line.startsWith('{') ? (JSON.parse(line) as Outcome['seen']) : null, log };
}

describe('stray errors in main', () => {
  it('once the app is up: a rejection nothing handled and an uncaught exception are logged, and the app stays up (the tray answers, Quit ends it with 0)', async () => {
    const { exit, seen, log } = await runChild('running');
    expect(seen, log).toEqual({ code: 0, trayRedrew: true, errorBoxes: [], problems: [] });
    expect(exit).toBe(0);
    expect(log).toMatch(
      /error \[splits\] a promise was rejected and nothing handled it; Splits carries on .*a stray rejection the test made/,
    );
    expect(log).toMatch(/error \[splits\] an uncaught exception; Splits carries on .*a stray exception the test threw/);
  }, 120_000);

  it('while the app starts: an uncaught exception ends it with the start-up dialog and exit code 1', async () => {
    const { exit, seen, log } = await runChild('starting');
    expect(seen, log).toMatchObject({
      code: 1,
      errorBoxes: [
        { title: 'Splits could not start', content: 'a stray exception the test threw while Splits was starting' },
      ],
    });
    expect(exit).toBe(1);
    expect(log).toMatch(
      /error \[splits\] an uncaught exception .*a stray exception the test threw while Splits was starting/,
    );
  }, 120_000);
});
