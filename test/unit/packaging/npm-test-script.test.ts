// scripts/test.mjs, which `npm test` runs: the test files and the static checks side by side, on a package.json of its
// own in a temp folder, with real npm, real vitest and real processes. The static checks run at a lower priority (a
// check prints the niceness it was given), their output comes whole after the test files' summary, and either
// failing fails the run, saying which.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dirs';

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'test.mjs');
const tempDir = useTempDirs('splits-npm-test-');

const PRIORITY = `node -e "console.log('niceness', require('node:os').getPriority())"`;
const PASS = 'node -e "0"';
const FAIL = `node -e "console.error('two errors'); process.exit(1)"`;

async function project(checks: { lint: string; format: string }, testBody: string): Promise<string> {
  const dir = await tempDir();
  const scripts = { lint: checks.lint, 'format:check': checks.format, 'typecheck:one': PASS, security: PASS };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, type: 'module', scripts }));
  // With vitest's globals: the temp folder has no node_modules to import vitest from.
  await writeFile(join(dir, 'one.test.mjs'), `test('one', () => { ${testBody} });\n`);
  return dir;
}

function npmTest(cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--globals', '--color=false'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/test.mjs (npm test)', () => {
  it('passes when both pass: the static checks at a lower priority, their output after the test files', async () => {
    const run = await npmTest(await project({ lint: PRIORITY, format: PASS }, 'if (1 + 1 !== 2) throw new Error()'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
    expect(run.stdout).toMatch(/> lint: passed in [\d.]+ s\nniceness 10\n/);
    expect(run.stdout.indexOf('Static checks')).toBeGreaterThan(run.stdout.search(/Tests\s+1 passed/));
    expect(run.stderr).not.toMatch(/npm test:/);
  }, 60_000);

  it('fails when a static check fails, though every test passed, and says so', async () => {
    const run = await npmTest(await project({ lint: PASS, format: FAIL }, ''));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
    expect(run.stdout).toMatch(/> format:check: FAILED \(exit 1\) in [\d.]+ s\ntwo errors\n/);
    expect(run.stderr).toMatch(/npm test: the static checks failed\n/);
  }, 60_000);

  it('fails when a test fails, though the static checks passed, and says so', async () => {
    const run = await npmTest(await project({ lint: PASS, format: PASS }, "throw new Error('broken')"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Tests\s+1 failed/);
    expect(run.stdout).toMatch(/> format:check: passed/);
    expect(run.stderr).toMatch(/npm test: the test files failed\n/);
  }, 60_000);
});
