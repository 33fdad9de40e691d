// `npm run dist` after the build: electron-builder, with its output shown as it comes but a failure's stack trace
// left out, and a failed download said in words (scripts/dist-failure.mjs).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { distFailureWords } from './dist-failure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Its script run by this Node: node_modules/.bin holds a shell script (a .cmd on Windows) that spawn cannot start alone.
const builder = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const child = spawn(process.execPath, [builder, ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'pipe'],
});
let output = '';
const show = (stream) => {
  let partial = '';
  return (chunk) => {
    const text = partial + String(chunk);
    output += String(chunk);
    // Whole lines only: a stack line cut between two chunks must still be recognised.
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    // The stack of a failure says nothing a person can act on; its first line (⨯ ...) stays.
    const shown = lines.map((l) => l.replace(/\s+stackTrace=.*$/, '')).filter((l) => !/^\s+at /.test(l));
    if (shown.length) stream.write(`${shown.join('\n')}\n`);
  };
};
child.stdout.on('data', show(process.stdout));
child.stderr.on('data', show(process.stderr));
child.on('error', (error) => {
  process.stderr.write(
    `Splits could not start electron-builder (${error.message}). Run npm install, then try again.\n`,
  );
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (code !== 0) {
    const words = distFailureWords(output);
    if (words) process.stderr.write(`\n${words}`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
