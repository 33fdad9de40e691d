// The one browser every browser test, the window benchmark and `npm run screenshots` launch: Debian's Chromium, never
// a downloaded one, quiet on a machine whose network is closed.
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium's path (SPLITS_CHROMIUM, or /usr/bin/chromium), checked before anything is started for it. Without this a
 * missing browser showed as a test's time-out a minute or two later (the stand-in's window never loading), file after
 * file; now every launch says at once what to install.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.SPLITS_CHROMIUM || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is not installed at ${path}: apt-get install chromium (see README, Tests), or set SPLITS_CHROMIUM to a Chromium that is.`,
    );
  }
  return path;
}
