// Why `npm run dist` failed, in words. electron-builder downloads Electron and its packaging tools from GitHub (or the
// mirrors named in ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR); without that network it ends in a stack
// trace. scripts/dist.mjs shows its output without the stack, then this.

const NETWORK =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up)\b/;

/** The line that names the failure (electron-builder marks it ⨯), without its stack. */
export function failureLine(output) {
  const line = output.split('\n').find((l) => l.trimStart().startsWith('⨯'));
  return line
    ? line
        .replace(/^\s*⨯\s*/, '')
        .replace(/\s+failedTask=.*$/, '')
        .replace(/\s+stackTrace=.*$/, '')
        .trim()
    : null;
}

/** Plain words for a failed packaging run, or null when its own message is enough. */
export function distFailureWords(output, env = process.env) {
  const line = failureLine(output);
  if (!line || !NETWORK.test(line)) return null;
  const mirrors = [
    env.ELECTRON_MIRROR && `ELECTRON_MIRROR=${env.ELECTRON_MIRROR}`,
    env.ELECTRON_BUILDER_BINARIES_MIRROR && `ELECTRON_BUILDER_BINARIES_MIRROR=${env.ELECTRON_BUILDER_BINARIES_MIRROR}`,
  ].filter(Boolean);
  return [
    'Splits could not be packaged: electron-builder downloads Electron and its packaging tools, and the download failed.',
    `  Why: ${line}`,
    `  From: ${mirrors.length ? mirrors.join(', ') : 'GitHub (https://github.com/electron/electron/releases and electron-userland/electron-builder-binaries)'}`,
    '  Check the network (a proxy or firewall may block it), or set ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR to',
    '  mirrors you can reach, then run `npm run dist` again. The command line and `npm run demo` need neither.',
    '',
  ].join('\n');
}
