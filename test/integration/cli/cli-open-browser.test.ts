// `splits login` opens the person's browser with the whole authorize address (every `&` in it), through the `open`
// package and the system's xdg-open; a browser here is a script named in BROWSER (xdg-open's own setting) that writes
// down what it was given. Real processes.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInBrowser } from '../../../main/cli/open-browser';
import { systemClock } from '../../strava-sim';
import { startCli, waitForAuthorizeUrl } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;
const tempDir = useTempDirs('splits-open-browser-');

/**
 * A browser that writes the address it was given into a file, and the file's path; and an environment where xdg-open
 * finds no desktop's handler (the machine's own, a Chromium, would answer first) and so runs BROWSER.
 */
async function recordingBrowser(): Promise<{ browser: string; given: string; desktop: Record<string, string> }> {
  const dir = await tempDir();
  const desktop = {
    BROWSER: join(dir, 'browser.sh'),
    XDG_CURRENT_DESKTOP: '',
    XDG_DATA_DIRS: dir,
    XDG_DATA_HOME: dir,
    XDG_CONFIG_HOME: dir,
    XDG_CONFIG_DIRS: dir,
  };
  const given = join(dir, 'given.txt');
  const browser = join(dir, 'browser.sh');
  await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > "${given}.tmp" && mv "${given}.tmp" "${given}"\n`);
  await chmod(browser, 0o700);
  return { browser, given, desktop };
}

async function whenWritten(path: string): Promise<string> {
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text !== null) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(process.platform !== 'linux')('opening the browser', () => {
  const world = useWorld();

  it(
    'login hands the browser the whole authorize address, every parameter after the first & included',
    async () => {
      const w = await world({ clock: systemClock as never });
      const { given, desktop } = await recordingBrowser();
      const login = startCli(['login'], { ...w.env, DISPLAY: ':99', ...desktop });
      const printed = await waitForAuthorizeUrl(login);
      const opened = await whenWritten(given);
      expect(opened).toBe(printed);
      expect(new URL(opened).searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
      // The person signs in: the login ends as usual.
      await fetch((await fetch(opened, { redirect: 'manual' })).headers.get('location')!);
      expect(await login.exit).toBe(0);
    },
    LONG,
  );

  it('opens nothing on Linux without a display (xdg-open would start a text browser in the terminal)', async () => {
    const { desktop } = await recordingBrowser();
    expect(await openInBrowser('https://example.org/?a=1&b=2', desktop)).toBe(false);
  });

  it('with a display, the opener is started with the address as it is', async () => {
    const { given, desktop } = await recordingBrowser();
    const previous = Object.fromEntries(Object.keys(desktop).map((k) => [k, process.env[k]]));
    Object.assign(process.env, desktop);
    try {
      expect(await openInBrowser('https://example.org/?a=1&b=2&c=3', { DISPLAY: ':99' })).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(await whenWritten(given)).toBe('https://example.org/?a=1&b=2&c=3');
  });
});
