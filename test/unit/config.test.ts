import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadConfig, requireCredentials } from '../../main/config';

describe('configuration', () => {
  it('has defaults for everything but the Strava application', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      apiUrl: 'https://www.strava.com/api/v3',
      oauthUrl: 'https://www.strava.com/oauth',
      syncIntervalMinutes: 60,
      maxRetries: 3,
      clientId: null,
    });
    expect(() => requireCredentials(c)).toThrow(/STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET.*settings\/api/);
  });

  it('reads the environment over the settings', () => {
    const c = loadConfig(
      {
        STRAVA_CLIENT_ID: '123',
        STRAVA_CLIENT_SECRET: 's',
        SYNC_INTERVAL_MINUTES: '15',
        STRAVA_API_URL: 'http://127.0.0.1:9/api/v3/',
      },
      { syncIntervalMinutes: 30 },
    );
    expect(c).toMatchObject({ clientId: '123', syncIntervalMinutes: 15, apiUrl: 'http://127.0.0.1:9/api/v3' });
  });

  it('says what is wrong with bad values', () => {
    expect(() => loadConfig({ SYNC_INTERVAL_MINUTES: 'often' })).toThrow(ConfigError);
    expect(() => loadConfig({ SYNC_INTERVAL_MINUTES: '1' })).toThrow(
      /SYNC_INTERVAL_MINUTES is "1": a whole number of minutes from 15 to 1440/,
    );
    // The settings' own bound: a quarter hour, not the 5 minutes the environment once took.
    expect(() => loadConfig({ SYNC_INTERVAL_MINUTES: '5' })).toThrow(
      /SYNC_INTERVAL_MINUTES is "5": a whole number of minutes from 15 to 1440/,
    );
    // Not zod's "expected number, received NaN": the variable, its value and its range.
    expect(() => loadConfig({ SYNC_INTERVAL_MINUTES: 'abc' })).toThrow(
      /SYNC_INTERVAL_MINUTES is "abc": a whole number of minutes from 15 to 1440/,
    );
    expect(() => loadConfig({ SPLITS_MAX_RETRIES: '11' })).toThrow(
      /SPLITS_MAX_RETRIES is "11": a whole number from 0 to 10/,
    );
    // Strava's API is under /api/v3: a bare host would read every 404 as "deleted".
    expect(() => loadConfig({ STRAVA_API_URL: 'http://127.0.0.1:8787' })).toThrow(
      /STRAVA_API_URL is "http:\/\/127\.0\.0\.1:8787": .*ends in \/api\/v3/,
    );
    expect(() => loadConfig({ STRAVA_CLIENT_ID: 'abc' })).toThrow(/client id is a number/);
    // Not an address at all: a ConfigError naming the variable, never a TypeError from a check after it.
    expect(() => loadConfig({ STRAVA_API_URL: 'foo' })).toThrow(ConfigError);
    expect(() => loadConfig({ STRAVA_API_URL: 'foo' })).toThrow(/STRAVA_API_URL/);
  });

  it('never repeats a secret: the secret pasted as the client id, a password in an address', () => {
    const secret = '3f9a0c5b7d1e2f4a6b8c0d1e2f3a4b5c6d7e8f90';
    expect(() => loadConfig({ STRAVA_CLIENT_ID: secret })).toThrow(/STRAVA_CLIENT_ID is "40 characters, not a number"/);
    expect(() => loadConfig({ STRAVA_CLIENT_ID: secret })).not.toThrow(new RegExp(secret));
    expect(() => loadConfig({ STRAVA_API_URL: 'https://ann:s3cret@proxy.example/strava?key=k3y' })).toThrow(
      /STRAVA_API_URL is "https:\/\/proxy\.example\/strava"/,
    );
    expect(() => loadConfig({ STRAVA_API_URL: 'https://ann:s3cret@proxy.example/strava?key=k3y' })).not.toThrow(
      /s3cret|k3y/,
    );
    expect(() => loadConfig({ SPLITS_VAULT: 'safe' })).toThrow(/SPLITS_VAULT is "safe": use keychain or file/);
    // Pasted into any other variable, the secret is never repeated either: only its length.
    for (const name of [
      'SPLITS_VAULT',
      'SYNC_INTERVAL_MINUTES',
      'SPLITS_MAX_RETRIES',
      'STRAVA_API_URL',
      'STRAVA_OAUTH_URL',
    ]) {
      expect(() => loadConfig({ [name]: secret }), name).toThrow(new RegExp(`${name} is "40 characters`));
      expect(() => loadConfig({ [name]: secret }), name).not.toThrow(new RegExp(secret));
      expect(() => loadConfig({ [name]: 'sim-client-secret' }), name).not.toThrow(/sim-client-secret/);
    }
  });

  it('resolves a relative SPLITS_DATA_DIR to an absolute path', () => {
    expect(loadConfig({ SPLITS_DATA_DIR: 'data/splits' }).dataDir).toBe(resolve(process.cwd(), 'data/splits'));
    expect(loadConfig({ SPLITS_DATA_DIR: '/srv/splits' }).dataDir).toBe(resolve('/srv/splits'));
  });

  it('lets SPLITS_VAULT force the vault, and leaves the choice to Splits without it', () => {
    expect(loadConfig({ SPLITS_VAULT: 'keychain' }).vault).toBe('keychain');
    expect(loadConfig({ SPLITS_VAULT: 'file' }).vault).toBe('file');
    expect(loadConfig({}).vault).toBeNull();
  });

  it('takes the Strava application from the environment first, then from the vault', () => {
    const stored = { clientId: '77', clientSecret: 'from-vault' };
    expect(requireCredentials(loadConfig({}), stored)).toEqual(stored);
    expect(requireCredentials(loadConfig({ STRAVA_CLIENT_ID: '5', STRAVA_CLIENT_SECRET: 'env' }), stored)).toEqual({
      clientId: '5',
      clientSecret: 'env',
    });
    expect(() => requireCredentials(loadConfig({ STRAVA_CLIENT_ID: '5' }), null)).toThrow(
      /enter them once in the Splits app/,
    );
  });

  it("shares the desktop app's data folder by default", () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/home/a/.config' })).toBe('/home/a/.config/Splits');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' })).toMatch(/Roaming[\\/]Splits$/);
    expect(defaultDataDir('darwin', {})).toMatch(/Library\/Application Support\/Splits$/);
  });
});
