// Runs package.json scripts side by side, as many at a time as the machine has cores: `npm test`'s static checks
// (lint, formatting, the type checks, the security check) are independent and each runs on one core, so in series a
// two-core machine left one idle for the minute or two they take. Each script's output is printed whole when it ends,
// never interleaved with another's; the run fails when any script failed, and says which.
//
//   node scripts/run-parallel.mjs lint format:check typecheck:* security
//
// `name:*` stands for every script whose name starts with `name:`, in package.json's order.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const known = Object.keys(pkg.scripts ?? {});

/** The script names asked for, each `name:*` expanded; an unknown name is a mistake in the caller, said at once. */
function expand(patterns) {
  const names = patterns.flatMap((pattern) => {
    if (!pattern.endsWith(':*')) return [pattern];
    const prefix = pattern.slice(0, -1);
    const matched = known.filter((name) => name.startsWith(prefix));
    return matched.length > 0 ? matched : [pattern];
  });
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`run-parallel: package.json has no script ${unknown.join(', ')}\n`);
    process.exit(2);
  }
  if (names.length === 0) {
    process.stderr.write('Usage: node scripts/run-parallel.mjs SCRIPT... (a name, or name:* for its family)\n');
    process.exit(2);
  }
  return [...new Set(names)];
}

/** Runs one script through npm, as `npm run` would; resolves with its exit code and everything it printed. */
function run(name) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${output}${error.message}\n`, started }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output, started }));
  });
}

const names = expand(process.argv.slice(2));
// Two at least: a single core still overlaps one script's start-up and file reads with another's work.
const width = Math.min(names.length, Math.max(2, availableParallelism()));
const waiting = [...names];
const failed = [];

async function worker() {
  for (let name = waiting.shift(); name !== undefined; name = waiting.shift()) {
    const { code, output, started } = await run(name);
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    const verdict = code === 0 ? `passed in ${seconds} s` : `FAILED (exit ${code}) in ${seconds} s`;
    if (code !== 0) failed.push(name);
    process.stdout.write(`> ${name}: ${verdict}\n${output}${output && !output.endsWith('\n') ? '\n' : ''}`);
  }
}

await Promise.all(Array.from({ length: width }, worker));
if (failed.length > 0) {
  process.stderr.write(`run-parallel: failed: ${failed.join(', ')}\n`);
  // Not process.exit: what was written to a pipe (a CI log) may not all be out yet, and would be lost.
  process.exitCode = 1;
}
