// Where Electron's binary is, found as the electron package finds it but without its require-time download (from
// GitHub): `npm start` (scripts/start.mjs) and `npm run dev` (scripts/dev.mjs) both start it, and say plainly what to
// do when it is not there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Electron's binary in the project at `root` (path.txt names it once downloaded; ELECTRON_OVERRIDE_DIST_PATH puts it
 * elsewhere, as the electron package allows), or null when it is not there.
 */
export function electronBinary(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : null;
  return binary && existsSync(binary) ? binary : null;
}
