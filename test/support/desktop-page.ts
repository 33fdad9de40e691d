// What the desktop app's end-to-end tests share: calling window.splits from the window's page as the window's code
// does, and the environment that points the app at the Strava simulator.
import type { Page } from 'playwright-core';
import type { StravaSimulator } from '../strava-sim';

type Splits = {
  [domain: string]: Record<
    string,
    (...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>
  >;
};

/** Calls window.splits in the page (`'sync.now'` for splits.sync.now), as the window's code does. */
export const splitsCall = (page: Page, path: string, ...args: unknown[]) =>
  page.evaluate(
    ([p, a]) => {
      const [domain, verb] = (p as string).split('.');
      return (globalThis as unknown as { splits: Splits }).splits[domain!]![verb!]!(...(a as unknown[]));
    },
    [path, args] as const,
  );

/** The app against the simulator, with its application's credentials in the environment or without (the guide asks). */
export function simulatorEnv(sim: StravaSimulator, withCredentials: boolean): Record<string, string | undefined> {
  return {
    STRAVA_API_URL: sim.apiUrl,
    STRAVA_OAUTH_URL: sim.oauthUrl,
    STRAVA_CLIENT_ID: withCredentials ? sim.clientId : undefined,
    STRAVA_CLIENT_SECRET: withCredentials ? sim.clientSecret : undefined,
    // Never the keychain of the machine running the tests (the vault's own tests use a Secret Service of their own).
    SPLITS_VAULT: 'file',
  };
}
