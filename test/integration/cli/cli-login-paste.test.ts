// `splits login --no-browser` on a machine without a browser: the address the browser ends on elsewhere, pasted back.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { startCli, waitForAuthorizeUrl, type CliRun } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const LONG = 60_000;

/** Where the simulator's authorize page sends the browser: the callback address, as a browser elsewhere shows it. */
async function callbackAddress(authorizeUrl: string): Promise<URL> {
  return new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
}

async function waitForStderr(run: CliRun, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 500 && !pattern.test(run.stderr()); i++) await new Promise((r) => setTimeout(r, 20));
  expect(run.stderr()).toMatch(pattern);
}

describe('splits login --no-browser, the address pasted back', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });
  const temp = useTempDirs('splits-login-paste-');

  it(
    "takes the pasted callback: another login's address and a line that is not one are refused, and it connects without the code in any output or log",
    async () => {
      const w = await live();
      const log = join(await temp(), 'splits.log');
      const login = startCli(['login', '--no-browser', '--json', '--verbose', '--log-file', log], w.env, {
        stdin: 'open',
      });
      const callback = await callbackAddress(await waitForAuthorizeUrl(login));
      const code = callback.searchParams.get('code')!;
      expect(login.stderr()).toMatch(/paste it here/);

      const foreign = new URL(callback);
      foreign.searchParams.set('state', 'f'.repeat(32));
      login.child.stdin!.write(`${foreign.href}\n`);
      await waitForStderr(login, /This sign-in link is not the one Splits opened: it belongs to another login/);
      // The authorize address carries this login's state too: pasted by mistake, it is no refusal on Strava.
      login.child.stdin!.write(`${await waitForAuthorizeUrl(login)}\n`);
      await waitForStderr(login, /This is not the address the browser ended on: paste the whole address/);

      login.child.stdin!.write(`  ${callback.href}  \n`);
      expect(await login.exit).toBe(0);
      expect(JSON.parse(login.stdout())).toMatchObject({
        athleteId: 1001,
        scope: 'read,activity:read_all',
        state: 'connected',
      });
      // One exchange: the pasted code.
      expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
      for (const text of [login.stdout(), login.stderr(), await readFile(log, 'utf8')])
        expect(text).not.toContain(code);
    },
    LONG,
  );

  it(
    "refuses a pasted refusal on Strava and an unticked activity box with the loopback's words (exit 3), exchanging no code",
    async () => {
      const w = await live();
      w.sim.authorization.deny = true;
      const declined = startCli(['login', '--no-browser'], w.env, { stdin: 'open' });
      const denial = await callbackAddress(await waitForAuthorizeUrl(declined));
      expect(denial.searchParams.get('error')).toBe('access_denied');
      declined.child.stdin!.write(`${denial.href}\n`);
      expect(await declined.exit).toBe(3);
      expect(declined.stderr()).toMatch(/You declined access on Strava, so Splits is not connected/);

      w.sim.authorization.deny = false;
      w.sim.authorization.grantScope = 'read';
      const unticked = startCli(['login', '--no-browser'], w.env, { stdin: 'open' });
      unticked.child.stdin!.write(`${(await callbackAddress(await waitForAuthorizeUrl(unticked))).href}\n`);
      expect(await unticked.exit).toBe(3);
      expect(unticked.stderr()).toMatch(/"View data about your activities" was unticked/);
      expect(w.sim.log.some((e) => e.path === '/oauth/token')).toBe(false);
    },
    LONG,
  );

  it(
    'still takes the browser on this computer while it waits for a paste, and ends with standard input open',
    async () => {
      const w = await live();
      const login = startCli(['login', '--no-browser', '--json'], w.env, { stdin: 'open' });
      const page = await fetch(await callbackAddress(await waitForAuthorizeUrl(login)));
      expect(await page.text()).toMatch(/Splits is connected/);
      expect(await login.exit).toBe(0);
      expect(JSON.parse(login.stdout())).toMatchObject({ athleteId: 1001, state: 'connected' });
    },
    LONG,
  );
});
