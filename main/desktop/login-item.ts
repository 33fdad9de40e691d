import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The argument a launch at login carries: Splits then starts in the tray, without its window. */
export const HIDDEN_ARG = '--hidden';

/**
 * Launch at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart entry
 * (specifications.freedesktop.org/autostart-spec) that starts Splits hidden. An AppImage is started through its own
 * file ($APPIMAGE), not the path it is mounted at for this run.
 */
export function setLinuxAutostart(
  enabled: boolean,
  env: NodeJS.ProcessEnv = process.env,
  execPath = process.execPath,
): string {
  const file = join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'splits.desktop');
  if (!enabled) {
    rmSync(file, { force: true });
    return file;
  }
  const exec = env.APPIMAGE || execPath;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=Splits',
      'Comment=Keeps your Strava activities on your own computer',
      `Exec=${quoteExec(exec)} ${HIDDEN_ARG}`,
      'X-GNOME-Autostart-enabled=true',
      'Terminal=false',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * The Exec key's rules: `%` is doubled (a lone one starts a field code); a path with spaces or specials goes in double
 * quotes with " ` $ \\ escaped by a backslash, and the desktop file's own string escaping then doubles each backslash.
 */
export function quoteExec(path: string): string {
  const percent = path.replace(/%/g, '%%');
  if (/^[\w./%-]+$/.test(percent)) return percent;
  return `"${percent.replace(/(["`$\\])/g, '\\$1')}"`.replace(/\\/g, '\\\\');
}
