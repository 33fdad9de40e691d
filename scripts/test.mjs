// `npm test`: the test files (vitest) and the static checks (lint, formatting, the type checks, the security check)
// side by side. The test files are the long part, and they leave the cores idle part of the time, waiting on child
// processes, HTTP and Chromium: the static checks run at a lower priority (nice 10) in those gaps, rather than for
// about 40 s before the first test file starts. The test files print as they go; the static checks' output is printed
// whole once the test files are done, and the run fails when either failed, saying which.
//
//   node scripts/test.mjs [vitest arguments...]     e.g. npm test -- test/unit
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC_CHECKS = ['lint', 'format:check', 'typecheck:*', 'security'];
/** Below the test files, which decide how long the run takes; still above anything niced further. */
const STATIC_NICENESS = 10;

/** A child's exit code, 1 when it was ended by a signal or could not start. */
const ended = (child) =>
  new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`npm test: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const runParallel = fileURLToPath(new URL('./run-parallel.mjs', import.meta.url));
const statics = spawn(process.execPath, [runParallel, ...STATIC_CHECKS], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
try {
  // Children inherit it: run-parallel's npm processes start after this (it reads package.json first).
  if (statics.pid !== undefined) setPriority(statics.pid, STATIC_NICENESS);
} catch {
  // Not permitted here (some containers): the checks run at the same priority, side by side all the same.
}
let staticOutput = '';
statics.stdout.on('data', (chunk) => (staticOutput += chunk));
statics.stderr.on('data', (chunk) => (staticOutput += chunk));

// vitest's own command (its package's bin), run by this Node as npm would run it.
const require = createRequire(import.meta.url);
const vitestPackage = require.resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPackage), require(vitestPackage).bin.vitest);
const vitest = spawn(process.execPath, [vitestBin, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

// Ctrl-C reaches both children through the terminal's process group; waiting for them lets each end cleanly.
process.on('SIGINT', () => undefined);

const staticDone = ended(statics);
let staticRunning = true;
void staticDone.then(() => (staticRunning = false));
const testCode = await ended(vitest);
if (staticRunning) process.stdout.write('\nThe test files are done; waiting for the static checks...\n');
const staticCode = await staticDone;
process.stdout.write(`\nStatic checks (lint, formatting, type checks, security):\n${staticOutput}`);
const failed = [testCode !== 0 && 'the test files', staticCode !== 0 && 'the static checks'].filter(Boolean);
if (failed.length > 0) {
  process.stderr.write(`npm test: ${failed.join(' and ')} failed\n`);
  process.exit(1);
}
