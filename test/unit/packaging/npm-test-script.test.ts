// scripts/test.mjs, which `npm test` runs: the test files and the static checks side by side, on a package.json of its
// own in a temp folder, with real npm, real vitest and real processes. A check and a test that each wait for the
// other prove they ran at the same time (one after the other, the first gives up waiting and fails). The static checks
// run nicer than the run (a check prints its niceness), their output comes whole after the test files' summary,
// either failing fails the run, saying which, and a stop ends both.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../support/temp-dirs';

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'test.mjs');
const tempDir = useTempDirs('splits-npm-test-');

const PASS = 'node -e "0"';
const FAIL = `node -e "console.error('two errors'); process.exit(1)"`;
/** Marks its start and its niceness, then waits (bounded) for the test file to have run. */
const LINT_WAITS = 'node lint-waits.mjs';
const LINT_WAITER = `
import { existsSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
writeFileSync('lint.started', String(process.pid));
console.log('niceness ' + getPriority());
for (let i = 0; i < 400 && !existsSync('test.ran'); i++) await new Promise((r) => setTimeout(r, 50));
if (!existsSync('test.ran')) { console.error('lint never saw the test file run'); process.exit(1); }
`;
/** The test file: waits (bounded) for the lint to have started, then marks that it ran. */
const TEST_WAITS = `
const { existsSync, writeFileSync } = await import('node:fs');
for (let i = 0; i < 400 && !existsSync('lint.started'); i++) await new Promise((r) => setTimeout(r, 50));
if (!existsSync('lint.started')) throw new Error('the test file never saw the lint start');
writeFileSync('test.ran', String(process.pid));
`;

/** Whether a process still runs: a zombie (ended, its parent gone before reaping it) does not. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/^\d+ \(.*\) Z /.test(stat);
}

async function project(checks: { lint: string; format: string }, testBody: string): Promise<string> {
  const dir = await tempDir();
  const scripts = { lint: checks.lint, 'format:check': checks.format, 'typecheck:one': PASS, security: PASS };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, type: 'module', scripts }));
  await writeFile(join(dir, 'lint-waits.mjs'), LINT_WAITER);
  // With vitest's globals: the temp folder has no node_modules to import vitest from.
  await writeFile(join(dir, 'one.test.mjs'), `test('one', async () => { ${testBody} }, 60_000);\n`);
  return dir;
}

function npmTest(cwd: string) {
  const child = spawn(process.execPath, [script, '--globals', '--color=false'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

describe('scripts/test.mjs (npm test)', () => {
  it('runs the static checks beside the test files, nicer than itself, their output after the summary', async () => {
    const run = await npmTest(await project({ lint: LINT_WAITS, format: PASS }, TEST_WAITS)).done;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
    const niceness = Number(/> lint: passed in [\d.]+ s\nniceness (\d+)\n/.exec(run.stdout)?.[1]);
    expect(niceness).toBe(Math.min(19, getPriority() + 10));
    expect(run.stdout.indexOf('Static checks')).toBeGreaterThan(run.stdout.search(/Tests\s+1 passed/));
    expect(run.stderr).not.toMatch(/npm test:/);
    expect(run.stdout).toMatch(/npm test: the test files and the static checks passed\n$/);
  }, 60_000);

  it('fails when a static check fails, though every test passed, and says so', async () => {
    const run = await npmTest(await project({ lint: PASS, format: FAIL }, '')).done;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
    expect(run.stdout).toMatch(/> format:check: FAILED \(exit 1\) in [\d.]+ s\ntwo errors\n/);
    expect(run.stderr).toMatch(/npm test: the static checks failed\n/);
  }, 60_000);

  it('fails when a test fails, though the static checks passed, and says so', async () => {
    const run = await npmTest(await project({ lint: PASS, format: PASS }, "throw new Error('broken')")).done;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Tests\s+1 failed/);
    expect(run.stdout).toMatch(/> format:check: passed/);
    expect(run.stderr).toMatch(/npm test: the test files failed\n/);
  }, 60_000);

  it.skipIf(process.platform !== 'linux')(
    'stopped (SIGTERM, as a CI cancel sends it to npm test alone), ends the check and the test file too',
    async () => {
      // Both wait for what never comes: the lint for the test file, the test file for a file nobody writes; and the
      // test file's worker ignores the stop, as one busy in a test did.
      const dir = await project(
        { lint: LINT_WAITS, format: PASS },
        `const { existsSync, writeFileSync } = await import('node:fs');
       for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => undefined);
       writeFileSync('test.started', String(process.pid));
       while (!existsSync('never')) await new Promise((r) => setTimeout(r, 50));`,
      );
      const run = npmTest(dir);
      const pidOf = (name: string) =>
        readFile(join(dir, name), 'utf8').then(Number, () => {
          throw new Error(`${name} not written yet`);
        });
      const lintPid = await vi.waitFor(() => pidOf('lint.started'), { timeout: 30_000, interval: 50 });
      const testPid = await vi.waitFor(() => pidOf('test.started'), { timeout: 30_000, interval: 50 });
      run.child.kill('SIGTERM');
      const result = await run.done;
      expect(result.code).toBe(143);
      expect(result.stderr).toMatch(/npm test: stopped \(SIGTERM\)/);
      await vi.waitFor(async () => expect([await running(lintPid), await running(testPid)]).toEqual([false, false]), {
        timeout: 10_000,
      });
    },
    60_000,
  );
});
