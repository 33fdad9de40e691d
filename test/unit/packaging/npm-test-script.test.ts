// scripts/test.mjs, which `npm test` runs: the test files, then the static checks, on a package.json of its own in a
// temp folder, with real npm, real vitest and real processes. A check that finds no mark of the test file having run
// fails, so a check started beside the test files fails the run; the checks' output comes after the test files'
// summary, either failing fails the run, saying which, and a stop ends what runs and starts nothing more.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../support/temp-dirs';

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'test.mjs');
const tempDir = useTempDirs('splits-npm-test-');

const PASS = 'node -e "0"';
const FAIL = `node -e "console.error('two errors'); process.exit(1)"`;
/** Marks its start; fails at once unless the test file has run, and waits (bounded) for a file nobody writes if asked. */
const LINT_AFTER = 'node lint-after.mjs';
const LINT_CHECKER = `
import { existsSync, writeFileSync } from 'node:fs';
writeFileSync('lint.started', String(process.pid));
if (!existsSync('test.ran')) { console.error('the lint started before the test file ran'); process.exit(1); }
if (process.argv[2] === 'hang') while (!existsSync('never')) await new Promise((r) => setTimeout(r, 50));
`;
/** The test file: a moment for anything started beside it to start, then the mark that it ran. */
const TEST_RUNS = `
const { writeFileSync } = await import('node:fs');
await new Promise((r) => setTimeout(r, 1000));
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
  await writeFile(join(dir, 'lint-after.mjs'), LINT_CHECKER);
  // With vitest's globals: the temp folder has no node_modules to import vitest from.
  await writeFile(join(dir, 'one.test.mjs'), `test('one', async () => { ${testBody} }, 60_000);\n`);
  return dir;
}

/** The pid a process wrote into `name` in `dir`, once it has. */
const pidOf = (dir: string, name: string) =>
  readFile(join(dir, name), 'utf8').then(Number, () => {
    throw new Error(`${name} not written yet`);
  });

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
  it('runs the static checks once the test files are done, their output after the summary', async () => {
    const run = await npmTest(await project({ lint: LINT_AFTER, format: PASS }, TEST_RUNS)).done;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
    expect(run.stdout).toMatch(/> lint: passed in [\d.]+ s\n/);
    expect(run.stdout.indexOf('Static checks')).toBeGreaterThan(run.stdout.search(/Tests\s+1 passed/));
    expect(run.stdout.indexOf('> lint: passed')).toBeGreaterThan(run.stdout.indexOf('Static checks'));
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
    'stopped (SIGTERM, as a CI cancel sends it to npm test alone) in the test files: ends them, and starts no check',
    async () => {
      // The test file waits for a file nobody writes, and its worker ignores the stop, as one busy in a test did.
      const dir = await project(
        { lint: LINT_AFTER, format: PASS },
        `const { existsSync, writeFileSync } = await import('node:fs');
       for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => undefined);
       writeFileSync('test.started', String(process.pid));
       while (!existsSync('never')) await new Promise((r) => setTimeout(r, 50));`,
      );
      const run = npmTest(dir);
      const testPid = await vi.waitFor(() => pidOf(dir, 'test.started'), { timeout: 30_000, interval: 50 });
      run.child.kill('SIGTERM');
      const result = await run.done;
      expect(result.code).toBe(143);
      expect(result.stderr).toMatch(/npm test: stopped \(SIGTERM\)/);
      expect(result.stdout).not.toMatch(/Static checks/);
      await vi.waitFor(async () => expect(await running(testPid)).toBe(false), { timeout: 10_000 });
      await expect(pidOf(dir, 'lint.started')).rejects.toThrow(/not written/);
    },
    60_000,
  );

  it.skipIf(process.platform !== 'linux')(
    'stopped in the static checks: ends the check',
    async () => {
      const dir = await project({ lint: `${LINT_AFTER} hang`, format: PASS }, TEST_RUNS);
      const run = npmTest(dir);
      const lintPid = await vi.waitFor(() => pidOf(dir, 'lint.started'), { timeout: 30_000, interval: 50 });
      run.child.kill('SIGTERM');
      const result = await run.done;
      expect(result.code).toBe(143);
      expect(result.stderr).toMatch(/npm test: stopped \(SIGTERM\)/);
      await vi.waitFor(async () => expect(await running(lintPid)).toBe(false), { timeout: 10_000 });
    },
    60_000,
  );
});
