import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { useKeyringSessions, type KeyringSession } from '../../support/keyring-session';
import { useWorld, type World } from '../../support/splits';
import { runVaultChild } from './vault-process';

const LONG = 60_000;

/** The environment of a process in the keychain's session, with no Strava application in it and no vault forced. */
const inSession = (w: World, session: KeyringSession) => ({
  SPLITS_DATA_DIR: w.dataDir,
  STRAVA_API_URL: w.sim.apiUrl,
  STRAVA_OAUTH_URL: w.sim.oauthUrl,
  SPLITS_VAULT: '',
  ...session.env,
});
/** The same process with no D-Bus session: no keychain answers. */
const noSession = (w: World, home: string) => ({
  SPLITS_DATA_DIR: w.dataDir,
  STRAVA_API_URL: w.sim.apiUrl,
  STRAVA_OAUTH_URL: w.sim.oauthUrl,
  SPLITS_VAULT: '',
  HOME: home,
});

const vaultJson = async (w: World) =>
  JSON.parse(await readFile(join(w.dataDir, 'vault.json'), 'utf8')) as Record<string, unknown>;

describe('the keychain vault, shared by the desktop app and the CLI', () => {
  const world = useWorld();
  const keyring = useKeyringSessions();
  const live = () => world({ clock: systemClock as never });

  /** The desktop app's first run in the session: the client credentials and athlete 1001's tokens into the vault. */
  async function appSetup(w: World, session: KeyringSession) {
    const t = w.sim.grantTokens(1001);
    const tokens = { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: t.expires_at };
    const app = await runVaultChild('setup', {
      ...inSession(w, session),
      CLIENT_ID: w.sim.clientId,
      CLIENT_SECRET: w.sim.clientSecret,
      TOKENS: JSON.stringify({ 1001: tokens }),
    });
    expect(app.result, app.stderr).toMatchObject({
      ok: true,
      kind: 'keychain',
      location: null,
      askedFirst: false,
      needsPlainTextConsent: false,
    });
    return tokens;
  }

  it(
    'a first command where no keychain answers does not settle the choice: the next start with a keychain takes it',
    async () => {
      const w = await live();
      const home = (await keyring()).home;
      // `splits status` over SSH, say: no D-Bus session, nothing stored yet.
      const first = await runCli(['status'], noSession(w, home));
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Secrets: a private file/m);
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);

      // Later, the desktop session: the keychain answers, and is chosen.
      const session = await keyring();
      await appSetup(w, session);
      expect(await vaultJson(w)).toMatchObject({ kind: 'keychain' });
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);
    },
    LONG,
  );

  it(
    'a CLI that stores a sign-in where no keychain answers settles the folder on the file: a later start with a keychain keeps it there',
    async () => {
      const w = await live();
      const home = (await keyring()).home;
      const login = await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], {
        ...noSession(w, home),
        STRAVA_CLIENT_ID: w.sim.clientId,
        STRAVA_CLIENT_SECRET: w.sim.clientSecret,
      });
      expect(login.code, login.stderr).toBe(0);
      expect(await vaultJson(w)).toMatchObject({ kind: 'file' });

      // The desktop session, where a keychain answers: the sign-in stays where the CLI (over SSH) can still reach it.
      const session = await keyring();
      const status = await runCli(['status'], inSession(w, session));
      expect(status.stdout).toMatch(/^Secrets: a private file/m);
      expect((await runVaultChild('peek', inSession(w, session))).result).toEqual({ ok: true });
      const again = await runCli(['sync', '--no-details', '--no-tracks'], {
        ...noSession(w, home),
        STRAVA_CLIENT_ID: w.sim.clientId,
        STRAVA_CLIENT_SECRET: w.sim.clientSecret,
      });
      expect(again.code, again.stderr).toBe(0);
    },
    LONG,
  );

  it(
    'a vault set up by the app serves a real `splits` process: no login, no STRAVA_CLIENT_* in its environment',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      const session = await keyring();
      const env = inSession(w, session);
      const tokens = await appSetup(w, session);
      const peeked = await runVaultChild('peek', env);
      expect(peeked.result, JSON.stringify(peeked.result)).toMatchObject({
        ok: true,
        client: { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret },
        'athlete 1001': tokens,
      });
      // Nothing in plain text.
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);
      expect(await vaultJson(w)).toMatchObject({ kind: 'keychain', plainTextConsentAt: null });

      const status = await runCli(['status'], env);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/^Secrets: the system keychain$/m);
      expect(status.stdout).toMatch(new RegExp(`^Strava application: client ${w.sim.clientId}, from the vault$`, 'm'));
      expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({
        secrets: { vault: 'keychain', path: null },
        clientCredentials: { clientId: w.sim.clientId, source: 'vault' },
      });

      // The access token is dead: the CLI renews it with the vault's client secret, and the rotated tokens go back to
      // the keychain, where the app finds them.
      w.sim.tokens.expireAccess(1001);
      const sync = await runCli(['sync', '--json', '--no-details', '--no-tracks'], env);
      expect(sync.code, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ athleteId: 1001, status: 'ok', newCount: 30 });
      expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);
      const after = (await runVaultChild('open', env)).result as { tokens: Record<string, { refreshToken: string }> };
      expect(after.tokens[1001]!.refreshToken).not.toBe(tokens.refreshToken);
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);

      // A login in the CLI also takes the application from the vault, and lands in the keychain.
      w.sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
      const login = await runCli(['login', '--refresh-token', w.sim.grantTokens(2002).refresh_token], env);
      expect(login.code, login.stderr).toBe(0);
      expect(Object.keys((await runVaultChild('peek', env)).result!).sort()).toEqual([
        'athlete 1001',
        'athlete 2002',
        'client',
        'ok',
      ]);
    },
    LONG,
  );

  it(
    'a keychain chosen earlier that does not answer now is said, with what to do; nothing goes to a file',
    async () => {
      const w = await live();
      const session = await keyring();
      const tokens = await appSetup(w, session);
      await session.stop();

      // The same person, no desktop session: the CLI stops and says why, and writes no secret anywhere else.
      for (const args of [['status'], ['sync'], ['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token]]) {
        const run = await runCli(args, noSession(w, session.home));
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toMatch(
          /in the system keychain \(chosen \d{4}-\d\d-\d\dT[^)]*\), but the keychain does not answer now \(.+\)/,
        );
        expect(run.stderr).toMatch(
          /Unlock the keychain, or run Splits inside your desktop session[\s\S]*SPLITS_VAULT=file/,
        );
      }
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);
      expect(await vaultJson(w)).toMatchObject({ kind: 'keychain' });

      // Back in a desktop session (the same keyring), everything is where it was.
      const again = await keyring(session.home);
      expect((await runVaultChild('open', inSession(w, again))).result).toMatchObject({
        ok: true,
        kind: 'keychain',
        tokens: { 1001: tokens },
      });
    },
    LONG,
  );

  it(
    'SPLITS_VAULT forces a vault: the file even where a keychain answers, the keychain or an error where none does',
    async () => {
      const w = await live();
      const session = await keyring();
      const forcedFile = await runCli(['status'], { ...inSession(w, session), SPLITS_VAULT: 'file' });
      expect(forcedFile.stdout).toMatch(
        new RegExp(`^Secrets: a private file \\(0600\\) at ${join(w.dataDir, 'cli-tokens.json')}$`, 'm'),
      );
      expect(await vaultJson(w)).toMatchObject({ kind: 'file' });
      expect((await runVaultChild('peek', inSession(w, session))).result).toEqual({ ok: true });

      const forcedKeychain = await runCli(['status'], { ...noSession(w, session.home), SPLITS_VAULT: 'keychain' });
      expect(forcedKeychain.code).toBe(2);
      expect(forcedKeychain.stderr).toMatch(/SPLITS_VAULT=keychain, but no system keychain answers here/);
      expect(await vaultJson(w)).toMatchObject({ kind: 'file' });
    },
    LONG,
  );

  it(
    'SPLITS_VAULT=file over an earlier keychain moves the secrets into the 0600 file, and the CLI then needs no keychain',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 12, { listHiddenShare: 0 });
      const session = await keyring();
      const tokens = await appSetup(w, session);
      const moved = await runCli(['status', '--json'], { ...inSession(w, session), SPLITS_VAULT: 'file' });
      expect(moved.code, moved.stderr).toBe(0);
      expect(JSON.parse(moved.stdout)).toMatchObject({
        secrets: { vault: 'file' },
        clientCredentials: { clientId: w.sim.clientId, source: 'vault' },
      });
      expect((await runVaultChild('peek', inSession(w, session))).result).toEqual({ ok: true });
      const file = JSON.parse(await readFile(join(w.dataDir, 'cli-tokens.json'), 'utf8')) as unknown;
      expect(file).toEqual({
        version: 2,
        tokens: { 1001: tokens },
        client: { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret },
      });
      expect((await stat(join(w.dataDir, 'cli-tokens.json'))).mode & 0o777).toBe(0o600);
      expect(await vaultJson(w)).toMatchObject({ kind: 'file', movingFrom: null });

      const sync = await runCli(['sync', '--json', '--no-details', '--no-tracks'], noSession(w, session.home));
      expect(sync.code, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ athleteId: 1001, status: 'ok', newCount: 12 });
    },
    LONG,
  );

  it(
    'a vault.json that does not parse is set aside with a message, and the choice is made again',
    async () => {
      const w = await live();
      const session = await keyring();
      for (const bad of [
        '{"version":1,"kind":"safe-deposit-box"',
        '{"version":1,"kind":"safe-deposit-box","chosenAt":null,"plainTextConsentAt":null,"movingFrom":null}',
      ]) {
        await writeFile(join(w.dataDir, 'vault.json'), bad, { mode: 0o600 });
        const status = await runCli(['status'], inSession(w, session));
        expect(status.code, status.stderr).toBe(0);
        expect(status.stderr).toMatch(
          /Splits could not read .*vault\.json \(.+\)\. It was moved aside to .*vault\.corrupt-[^ ]+\.json; Splits chose again where to keep your Strava secrets\./,
        );
        expect(status.stdout).toMatch(/^Secrets: the system keychain$/m);
        expect(await vaultJson(w)).toMatchObject({ version: 1, kind: 'keychain' });
      }
      const aside = (await readdir(w.dataDir)).filter((f) => f.startsWith('vault.corrupt-'));
      expect(aside).toHaveLength(2);
    },
    LONG,
  );
});
