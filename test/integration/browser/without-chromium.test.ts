// Without Chromium the browser tests fail at once, each saying what to install, rather than each waiting out its
// time-out (a minute or two apiece, the stand-in's window never loading). Real vitest on real e2e files, one for each
// way a test reaches the browser: the electron stand-in's window, openRenderer, and the demo in a browser.
import { spawn } from 'node:child_process';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { chromiumPath } from '../../../scripts/chromium';
import { root } from '../../support/cli';
import { useTempDirs } from '../../support/temp-dirs';

const MISSING = /^Chromium is not installed at \/nonexistent\/chromium: apt-get install chromium \(see README, Tests\)/;

/**
 * Real vitest on `files` (the project's config), SPLITS_CHROMIUM pointing nowhere: its exit code, and each failure the
 * report lists (" FAIL  file > suite > test", or a suite whose beforeAll failed) with the error it gives.
 */
async function runWithoutChromium(
  files: string[],
  testNames: RegExp,
): Promise<{ code: number; failures: Map<string, string>; output: string }> {
  // Not this worker's own VITEST_* variables: the nested run is a vitest of its own.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'FORCE_COLOR'),
  );
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', root, ...files, '-t', testNames.source],
    {
      cwd: root,
      env: {
        ...env,
        NO_COLOR: '1',
        SPLITS_CHROMIUM: '/nonexistent/chromium',
        // This run's build of out/, which the nested run finds made rather than making it again under the other tests.
        SPLITS_TEST_DESKTOP_BUILD_RUN: inject('desktopBuildRun'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? 1)));
  // Failures with the same error are listed together, their FAIL lines above the one error.
  const failures = new Map<string, string>();
  let waiting: string[] = [];
  for (const line of output.split('\n')) {
    const failed = /^ FAIL {2}(.+)$/.exec(line);
    if (failed) waiting.push(failed[1]!);
    else if (waiting.length > 0 && /^\w*Error: /.test(line)) {
      for (const where of waiting) failures.set(where, line.replace(/^\w*Error: /, ''));
      waiting = [];
    }
  }
  return { code, failures, output };
}

describe('the browser tests without Chromium', () => {
  const freshDir = useTempDirs('splits-no-chromium-');

  it('chromiumPath names the missing browser and what to install; an executable file it takes as it is', async () => {
    expect(() => chromiumPath({ SPLITS_CHROMIUM: '/nonexistent/chromium' })).toThrow(MISSING);
    const dir = await freshDir();
    const notExecutable = join(dir, 'chromium');
    await writeFile(notExecutable, '#!/bin/sh\n');
    await chmod(notExecutable, 0o644);
    expect(() => chromiumPath({ SPLITS_CHROMIUM: notExecutable })).toThrow(
      `Chromium is not installed at ${notExecutable}: apt-get install chromium`,
    );
    await chmod(notExecutable, 0o755);
    expect(chromiumPath({ SPLITS_CHROMIUM: notExecutable })).toBe(notExecutable);
  });

  it('each e2e test fails with that one message, not a time-out', async () => {
    const files = ['test/e2e/desktop-standin.test.ts', 'test/e2e/app-shell.test.ts', 'test/e2e/window-athlete.test.ts'];
    const cliBundle = join(root, 'out', 'cli', 'splits.mjs');
    const cliBuilt = (await stat(cliBundle)).mtimeMs;
    const { code, failures, output } = await runWithoutChromium(
      files,
      /opens one hardened window|renders the shell|choosing Grace/,
    );
    expect(code, output).toBe(1);
    expect([...failures.keys()].sort(), output).toEqual([
      "test/e2e/app-shell.test.ts > the window, in Chromium > renders the shell and reads the app's version through window.splits, with the CSP enforced",
      'test/e2e/desktop-standin.test.ts > the built main process on the electron stand-in > opens one hardened window whose page shows the version main answered with',
      // The demo in a browser is started in beforeAll: the suite fails, its test is skipped.
      'test/e2e/window-athlete.test.ts > one athlete, or all, in the demo',
    ]);
    for (const [where, error] of failures) expect(error, where).toMatch(MISSING);
    expect(output).not.toMatch(/timed out/i);
    // The nested run booted the stand-in on this run's build of out/, not on one of its own made under this run.
    expect(await readFile(join(root, 'out', '.standin-build-run'), 'utf8')).toBe(inject('desktopBuildRun'));
    // Nor built the CLI's bundle again, in place, under this run's CLI tests.
    expect((await stat(cliBundle)).mtimeMs).toBe(cliBuilt);
  }, 300_000);
});
