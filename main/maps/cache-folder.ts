import { join } from 'node:path';

/**
 * The system's folder for the app's caches, which backups skip and cleaners may empty: $XDG_CACHE_HOME/Splits (or
 * ~/.cache/Splits) on Linux, ~/Library/Caches/Splits on macOS, %LOCALAPPDATA%\Splits\Cache on Windows.
 */
export function appCacheFolder(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Splits');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Splits', 'Cache');
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.cache'), 'Splits');
}
