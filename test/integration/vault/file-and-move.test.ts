import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { VAULT_LOCK } from '../../../main/vault/vault-lock';
import { runCli } from '../../support/cli';
import { shiftedClockEnv } from '../../support/clock-shift';
import { useKeyringSessions, type KeyringSession } from '../../support/keyring-session';
import { useWorld, type World } from '../../support/splits';
import { runVaultChild } from './vault-process';

const LONG = 90_000;

/**
 * A process killed mid-move leaves the vault lock behind, and the next one takes it over once stale: 10 s after the
 * time stamped on it, by the taker's own clock (proper-lockfile stamps the lock's mtime from Date.now and compares with
 * Date.now). Each process after a kill runs this much further ahead (clock-shift.ts), so the lock the killed one
 * stamped is stale to it at once and is taken over by age, as after a real crash, without waiting the 10 s out. The
 * step is the 10 s, the second by which proper-lockfile's first stamp may run ahead (it rounds up to the next second),
 * and a second to spare.
 */
const PAST_STALE_MS = 12_000;
const leftLocked = (w: World) => existsSync(join(w.dataDir, VAULT_LOCK));

const base = (w: World) => ({
  SPLITS_DATA_DIR: w.dataDir,
  STRAVA_API_URL: w.sim.apiUrl,
  STRAVA_OAUTH_URL: w.sim.oauthUrl,
  SPLITS_VAULT: '',
});
const inSession = (w: World, session: KeyringSession) => ({ ...base(w), ...session.env });
const tokenFile = async (w: World) =>
  JSON.parse(await readFile(join(w.dataDir, 'cli-tokens.json'), 'utf8')) as {
    version: number;
    tokens: Record<string, unknown>;
    client?: unknown;
  };

function grant(w: World, athleteId: number) {
  const t = w.sim.grantTokens(athleteId);
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: t.expires_at };
}

describe('the 0600 file where no keychain answers, and the move into the keychain', () => {
  const world = useWorld();
  const keyring = useKeyringSessions();
  const live = () => world({ clock: systemClock as never });

  it(
    "with no D-Bus session the app asks before plain text, then the file (0600) serves the CLI with the app's credentials",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 8, { listHiddenShare: 0 });
      const env = base(w);
      const setup = {
        ...env,
        CLIENT_ID: w.sim.clientId,
        CLIENT_SECRET: w.sim.clientSecret,
        TOKENS: JSON.stringify({ 1001: grant(w, 1001) }),
      };

      const refused = await runVaultChild('setup', setup);
      expect(refused.result).toMatchObject({ ok: false, name: 'PlainTextConsentNeededError' });
      expect(existsSync(join(w.dataDir, 'cli-tokens.json'))).toBe(false);

      const agreed = await runVaultChild('setup', { ...setup, CONSENT: '1' });
      expect(agreed.result, agreed.stderr).toMatchObject({
        ok: true,
        kind: 'file',
        askedFirst: true,
        needsPlainTextConsent: false,
        inUse: { clientId: w.sim.clientId, source: 'vault' },
      });
      expect((await stat(join(w.dataDir, 'cli-tokens.json'))).mode & 0o777).toBe(0o600);
      const choice = JSON.parse(await readFile(join(w.dataDir, 'vault.json'), 'utf8')) as {
        kind: string;
        plainTextConsentAt: unknown;
      };
      expect(choice.kind).toBe('file');
      expect(choice.plainTextConsentAt).toEqual(expect.any(Number));

      const status = await runCli(['status'], env);
      expect(status.stdout).toMatch(
        new RegExp(`^Secrets: a private file \\(0600\\) at ${join(w.dataDir, 'cli-tokens.json')}$`, 'm'),
      );
      w.sim.tokens.expireAccess(1001);
      const sync = await runCli(['sync', '--json', '--no-details', '--no-tracks'], env);
      expect(sync.code, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ athleteId: 1001, status: 'ok', newCount: 8 });
    },
    LONG,
  );

  it(
    'a cli-tokens.json with no vault.json beside it moves into the keychain and loses nothing, even when killed midway',
    async () => {
      const w = await live();
      w.sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
      w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
      w.sim.seedActivities(2002, 7, { listHiddenShare: 0 });
      const tokens = { 1001: grant(w, 1001), 2002: grant(w, 2002) };
      // The file vault's tokens, and no choice recorded (vault.json lost): the keychain answers, so they move into it.
      await writeFile(join(w.dataDir, 'cli-tokens.json'), JSON.stringify({ version: 2, tokens, client: null }), {
        mode: 0o600,
      });
      const account = (athleteId: number) => ({
        athleteId,
        name: `Athlete ${athleteId}`,
        scope: 'read,activity:read_all',
        state: 'connected',
        stateMessage: null,
        connectedAt: athleteId,
      });
      await writeFile(
        join(w.dataDir, 'accounts.json'),
        JSON.stringify({ version: 1, accounts: [account(1001), account(2002)] }),
        { mode: 0o600 },
      );
      const session = await keyring();
      const env = inSession(w, session);

      // Killed after the first athlete was copied and read back, before it left the file.
      const first = await runVaultChild('open', { ...env, KILL_AT: 'copied:1' });
      expect(first.signal).toBe('SIGKILL');
      expect(leftLocked(w)).toBe(true);
      expect((await runVaultChild('peek', env)).result).toEqual({ ok: true, 'athlete 1001': tokens[1001] });
      expect((await tokenFile(w)).tokens).toEqual(tokens);

      // Killed again, after the first athlete left the file: the second is still in the file alone.
      const second = await runVaultChild('open', { ...env, ...shiftedClockEnv(PAST_STALE_MS), KILL_AT: 'removed:1' });
      expect(second.signal).toBe('SIGKILL');
      expect(leftLocked(w)).toBe(true);
      expect((await runVaultChild('peek', env)).result).toEqual({ ok: true, 'athlete 1001': tokens[1001] });
      expect((await tokenFile(w)).tokens).toEqual({ 2002: tokens[2002] });

      // The next start (a real CLI) finishes the move, and both athletes sync from the keychain.
      const sync = await runCli(['sync', '--json', '--no-details', '--no-tracks'], {
        ...env,
        ...shiftedClockEnv(2 * PAST_STALE_MS),
        STRAVA_CLIENT_ID: w.sim.clientId,
        STRAVA_CLIENT_SECRET: w.sim.clientSecret,
      });
      expect(sync.code, sync.stderr).toBe(0);
      expect(
        sync.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { athleteId: number; status: string }).status),
      ).toEqual(['ok', 'ok']);
      // The lock the kill left was taken over (by age) and let go, not passed by.
      expect(leftLocked(w)).toBe(false);
      expect((await runVaultChild('peek', env)).result).toEqual({
        ok: true,
        'athlete 1001': tokens[1001],
        'athlete 2002': tokens[2002],
      });
      expect(await tokenFile(w)).toEqual({ version: 2, tokens: {}, client: null });
    },
    LONG,
  );

  it(
    "SPLITS_VAULT=keychain moves the file's tokens and client credentials, finishing after a kill at the next start",
    async () => {
      const w = await live();
      const tokens = { 1001: grant(w, 1001) };
      const setup = await runVaultChild('setup', {
        ...base(w),
        CONSENT: '1',
        CLIENT_ID: w.sim.clientId,
        CLIENT_SECRET: w.sim.clientSecret,
        TOKENS: JSON.stringify(tokens),
      });
      expect(setup.result).toMatchObject({ ok: true, kind: 'file' });
      const session = await keyring();
      const env = inSession(w, session);

      // Killed once the tokens are in the keychain and out of the file, before the client credentials moved.
      const killed = await runVaultChild('open', { ...env, SPLITS_VAULT: 'keychain', KILL_AT: 'removed:1' });
      expect(killed.signal).toBe('SIGKILL');
      expect(leftLocked(w)).toBe(true);
      expect(await tokenFile(w)).toEqual({
        version: 2,
        tokens: {},
        client: { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret },
      });

      // The keychain is now the recorded choice: a CLI with no SPLITS_VAULT finishes the move.
      const status = await runCli(['status', '--json'], { ...env, ...shiftedClockEnv(PAST_STALE_MS) });
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        secrets: { vault: 'keychain', path: null },
        clientCredentials: { clientId: w.sim.clientId, source: 'vault' },
      });
      expect(leftLocked(w)).toBe(false);
      expect((await runVaultChild('peek', env)).result).toEqual({
        ok: true,
        'athlete 1001': tokens[1001],
        client: { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret },
      });
      expect(await tokenFile(w)).toEqual({ version: 2, tokens: {}, client: null });
    },
    LONG,
  );
});
