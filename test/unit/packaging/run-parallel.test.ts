// scripts/run-parallel.mjs, which runs npm test's static checks side by side: on a package.json of its own in a temp
// folder, real npm and real processes. Two scripts that each wait for the other prove they ran at the same time (one
// after the other, the first gives up waiting and fails); a failing script fails the run, its output shown whole.
import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dirs';

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'run-parallel.mjs');
const tempDir = useTempDirs('splits-run-parallel-');

/** A script that marks its start, then waits (a bounded number of checks) for the other one's mark. */
const WAITER = `
import { existsSync, writeFileSync } from 'node:fs';
const [me, other] = process.argv.slice(2);
writeFileSync(me + '.started', '');
for (let i = 0; i < 600 && !existsSync(other + '.started'); i++) await new Promise((r) => setTimeout(r, 50));
if (!existsSync(other + '.started')) { console.error(me + ' never saw ' + other + ' start'); process.exit(1); }
console.log(me + ' saw ' + other);
`;

async function project(scripts: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, scripts }));
  await writeFile(join(dir, 'waiter.mjs'), WAITER);
  return dir;
}

function runParallel(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/run-parallel.mjs', () => {
  it('runs the scripts at the same time, name:* standing for its family, and passes when all pass', async () => {
    const dir = await project({
      'check:first': 'node waiter.mjs first second',
      'check:second': 'node waiter.mjs second first',
      other: 'node -e "0"',
    });
    const run = await runParallel(dir, 'check:*');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^> check:(first|second): passed in [\d.]+ s\n/m);
    expect(run.stdout).toContain('first saw second\n');
    expect(run.stdout).toContain('second saw first\n');
    expect((await readdir(dir)).filter((n) => n.endsWith('.started')).sort()).toEqual([
      'first.started',
      'second.started',
    ]);
  }, 60_000);

  it('fails when any script fails, with its output whole and its name, and still runs the others', async () => {
    const dir = await project({
      broken: `node -e "console.log('line one'); console.error('line two'); process.exit(3)"`,
      fine: `node -e "require('node:fs').writeFileSync('fine.ran', '')"`,
    });
    const run = await runParallel(dir, 'broken', 'fine');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/> broken: FAILED \(exit 3\) in [\d.]+ s\nline one\nline two\n/);
    expect(run.stdout).toMatch(/> fine: passed/);
    expect(run.stderr).toBe('run-parallel: failed: broken\n');
    expect(await readdir(dir)).toContain('fine.ran');
  }, 60_000);

  it('refuses a script package.json does not have (exit 2), running none', async () => {
    const dir = await project({ fine: `node -e "require('node:fs').writeFileSync('fine.ran', '')"` });
    const run = await runParallel(dir, 'fine', 'typo', 'nothing:*');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('run-parallel: package.json has no script typo, nothing:*\n');
    expect(await readdir(dir)).not.toContain('fine.ran');
  }, 60_000);
});
