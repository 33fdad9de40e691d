// Builds out/ with the project's own build (`node scripts/build.mjs`, ~1 s) once per test run: test files run in
// parallel forks, so the first to boot builds under a lock and writes the run's id next to the output; the others
// find the id and go on. The id comes from test/support/desktop-build.global.ts (a run without it builds once per
// process).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { inject } from 'vitest';
import { root } from '../cli';

export const outDir = join(root, 'out');
const stamp = join(outDir, '.standin-build-run');
const fallbackRun = `process-${process.pid}`;
let built: Promise<void> | null = null;

export function ensureDesktopBuild(): Promise<void> {
  built ??= build().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}

async function build(): Promise<void> {
  const run = inject('desktopBuildRun') ?? fallbackRun;
  await mkdir(outDir, { recursive: true });
  const release = await lockfile.lock(outDir, {
    lockfilePath: join(outDir, '.standin-build.lock'),
    stale: 60_000,
    retries: { retries: 600, minTimeout: 100, maxTimeout: 200 },
  });
  try {
    if ((await readFile(stamp, 'utf8').catch(() => '')) === run) return;
    await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root }).catch(
      (error: Error & { stderr?: string }) => {
        throw new Error(`node scripts/build.mjs failed: ${error.stderr || error.message}`);
      },
    );
    await writeFile(stamp, run);
  } finally {
    await release();
  }
}
