// `npm test`: the test files (vitest), then the static checks (lint, formatting, the type checks, the security check),
// two at a time. One after the other, not side by side: the test files keep both cores busy (about 92% of a clean
// clone's run), and with the checks beside them, even 10 steps nicer, the whole took 327-331 s on a 2-core machine
// against 282 s this way (docs/benchmarks.md): work sharing two cores took more CPU than the same work in turn. The
// test files print as they go, the static checks after them, and the run fails when either failed, saying which.
//
//   node scripts/test.mjs [vitest arguments...]     e.g. npm test -- test/unit
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC_CHECKS = ['lint', 'format:check', 'typecheck:*', 'security'];

/** A child's exit code, 1 when it was ended by a signal or could not start. */
const ended = (child) =>
  new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`npm test: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

// vitest's own command (its package's bin), run by this Node as npm would run it.
const require = createRequire(import.meta.url);
const vitestPackage = require.resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPackage), require(vitestPackage).bin.vitest);
// Also in a group of its own, with its workers: vitest stopped alone by a SIGTERM left a worker running.
const vitest = spawn(process.execPath, [vitestBin, 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  detached: process.platform !== 'win32',
});

// A stop (Ctrl-C, a CI's cancel, `timeout`) is passed on to both groups, and the run ends once they have, as stopped
// by it: ignoring it left the test files running, and dying of it left both running without their parent. Each is a
// group of its own, so a terminal's Ctrl-C reaches them only this way.
let stoppedBy = null;
/** The static checks, once the test files are done (none after a stop). */
let statics = null;
/** Sends `signal` to both groups, and to both children (no groups on Windows); what has ended is passed over. */
function signalBoth(signal) {
  const stops = [vitest, statics]
    .filter(Boolean)
    .flatMap((child) => [() => process.kill(-child.pid, signal), () => child.kill(signal)]);
  for (const stop of stops)
    try {
      stop();
    } catch {
      // Already ended, or (on Windows) no process group: the other ways still reach it.
    }
}
/** How long a stop waits for the test files and the checks to end by themselves before they are killed. */
const STOP_GRACE_MS = 10_000;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stoppedBy === null) setTimeout(() => signalBoth('SIGKILL'), STOP_GRACE_MS).unref();
    stoppedBy ??= signal;
    signalBoth(signal);
  });
}

const testCode = await ended(vitest);
let staticCode = 0;
if (stoppedBy === null) {
  process.stdout.write('\nStatic checks (lint, formatting, type checks, security):\n');
  // In a process group of its own, so that a stop reaches npm, eslint and tsc under it, not run-parallel alone. Each
  // check's output is printed whole as it ends.
  const runParallel = fileURLToPath(new URL('./run-parallel.mjs', import.meta.url));
  statics = spawn(process.execPath, [runParallel, ...STATIC_CHECKS], {
    stdio: 'inherit',
    detached: process.platform !== 'win32',
  });
  staticCode = await ended(statics);
}
const failed = [testCode !== 0 && 'the test files', staticCode !== 0 && 'the static checks'].filter(Boolean);
if (stoppedBy !== null) {
  // A vitest worker busy in a test outlived vitest itself once, still writing into its temp folder: what is left of
  // either group is ended now.
  signalBoth('SIGKILL');
  process.stderr.write(`npm test: stopped (${stoppedBy})\n`);
  process.exitCode = 128 + constants.signals[stoppedBy];
} else if (failed.length > 0) {
  process.stderr.write(`npm test: ${failed.join(' and ')} failed\n`);
  // Not process.exit: what was written to a pipe (a CI log) may not all be out yet, and would be lost.
  process.exitCode = 1;
} else {
  process.stdout.write('npm test: the test files and the static checks passed\n');
}
