// `npm start` after the build: runs Electron's binary on the app. Electron downloads that binary (from GitHub, or
// ELECTRON_MIRROR) when it is first needed; where the download fails, Electron's own message suggests reinstalling,
// which fails the same way. This says plainly what happened and what works without the binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'node_modules', 'electron');

/** Runs Electron's own installer (the download) once more, and returns what it said when it failed. */
function download() {
  const install = join(pkg, 'install.js');
  if (!existsSync(install)) return 'the electron package is not installed (run npm install)';
  const result = spawnSync(process.execPath, [install], { cwd: pkg, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status === 0) return null;
  const said = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  // The line that names the cause (ENOTFOUND, ETIMEDOUT, a 404 from a mirror...), not the stack.
  const cause = said
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|HTTP|\d{3}/i.test(l) && !l.startsWith('at '));
  if (cause === 'TypeError: fetch failed') return 'no connection to the download server (fetch failed)';
  return cause ?? (result.error ? result.error.message : `the installer exited ${result.status}`);
}

let binary = electronBinary(root);
if (!binary) {
  const failure = download();
  binary = electronBinary(root);
  if (!binary) {
    const mirror = process.env.ELECTRON_MIRROR;
    process.stderr.write(
      [
        "Splits cannot start its window: Electron's binary could not be downloaded.",
        `  Why: ${failure ?? 'the download finished but left no binary'}`,
        `  From: ${mirror ? `ELECTRON_MIRROR=${mirror}` : 'GitHub (https://github.com/electron/electron/releases)'}`,
        '  Check the network (a proxy or firewall may block it), or set ELECTRON_MIRROR to a mirror you can reach,',
        '  for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/, then run `npm start` again.',
        '',
        'Everything else works without it:',
        '  the command line: npm run --silent splits -- help   (or `npm link` once, then `splits help`)',
        '  the window in your browser: npm run demo',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
