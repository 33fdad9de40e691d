// `npm run dist` after the build: electron-builder, with its output shown as it comes but a failure's stack trace
// left out, and a failed download said in words (scripts/dist-failure.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distFailureWords } from './dist-failure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const builder = join(root, 'node_modules', '.bin', 'electron-builder');
const child = spawn(builder, process.argv.slice(2), { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
let output = '';
const show = (stream) => (chunk) => {
  const text = String(chunk);
  output += text;
  // The stack of a failure says nothing a person can act on; its first line (⨯ ...) stays.
  const shown = text
    .split('\n')
    .map((l) => l.replace(/\s+stackTrace=.*$/, ''))
    .filter((l) => !/^\s+at /.test(l))
    .join('\n');
  stream.write(shown);
};
child.stdout.on('data', show(process.stdout));
child.stderr.on('data', show(process.stderr));
child.on('exit', (code, signal) => {
  if (code !== 0) {
    const words = distFailureWords(output);
    if (words) process.stderr.write(`\n${words}`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
