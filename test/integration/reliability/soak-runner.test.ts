import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, runSoak } from '../../../scripts/soak.mjs';
import { root } from '../../support/cli';
import { useTempDirs } from '../../support/temp-dirs';

const HEAD = '# Reliability\n\nHand-written text before the figures.\n\n';
const TAIL = '\n\nHand-written text after the figures.\n';
const OLD = '<!-- figure:crash-cli -->\n### From an earlier run\n\nkept\n<!-- /figure:crash-cli -->';

/** Real vitest on the two fixture variants (one passes, one fails), in place of the soak config's long variants. */
function runFixtures(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Not this worker's own VITEST_* variables: the nested run is a vitest of its own.
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('VITEST')));
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--root',
      root,
      '--config',
      'test/integration/reliability/fixtures/vitest.fixtures.config.ts',
      ...args,
    ],
    { cwd: root, env: clean, stdio: 'ignore' },
  );
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

describe('npm run test:soak (scripts/soak.mjs)', () => {
  const freshDir = useTempDirs('splits-soak-runner-');

  it('fails when a variant fails, still writes every figure recorded, and leaves the hand-written parts alone', async () => {
    const doc = join(await freshDir(), 'reliability.md');
    await writeFile(doc, `${HEAD}${BEGIN}\n${OLD}\n${END}${TAIL}`);
    let report = '';
    const code = await runSoak({ doc, runVariants: runFixtures, out: { write: (text: string) => (report += text) } });
    expect(code).not.toBe(0);
    // The report goes where it was asked to (here, not the test run's output): each variant's figures, then the verdict.
    expect(report).toContain('\n== A variant that fails\n');
    expect(report).toContain(`\n2 figure set(s) written to ${doc}; the soak run failed (exit ${code}).\n`);
    const written = await readFile(doc, 'utf8');
    expect(written.startsWith(`${HEAD}${BEGIN}\n`)).toBe(true);
    expect(written.endsWith(`${END}${TAIL}`)).toBe(true);
    expect(written).toContain('### A variant that passes\n');
    expect(written).toContain('| kills | 3 |');
    expect(written).toContain('### A variant that fails\n');
    expect(written).toContain('| 429 answers | 2 |');
    expect(written).toMatch(
      new RegExp(`Node ${process.version.replace(/\./g, '\\.')}, load average [\\d.]+ [\\d.]+ [\\d.]+ at the start`),
    );
    expect(written).toContain('the soak run FAILED');
    // A variant not run this time keeps its figures from the run that made them.
    expect(written).toContain(OLD);
  }, 120_000);

  it('refuses to write a document whose markers are gone, and says where they go', async () => {
    const doc = join(await freshDir(), 'reliability.md');
    await writeFile(doc, `${HEAD}no markers${TAIL}`);
    let report = '';
    await expect(
      runSoak({ doc, runVariants: async () => 0, out: { write: (text: string) => (report += text) } }),
    ).rejects.toThrow(/soak:begin .* soak:end.*markers/);
    expect(await readFile(doc, 'utf8')).toBe(`${HEAD}no markers${TAIL}`);
    expect(report).not.toContain('written to'); // nothing was
  });
});
