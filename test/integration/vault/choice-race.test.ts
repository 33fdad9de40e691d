import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVault } from '../../../main/vault/open-vault';
import { NoKeychain } from '../../support/no-keychain';
import { VaultUnavailableError } from '../../../main/vault/secret-vault';
import { VaultChoice } from '../../../main/vault/vault-choice';
import { useTempDirs } from '../../support/temp-dirs';

const tokens = { accessToken: 'a', refreshToken: 'r', expiresAt: 2_000_000_000 };

describe('the vault choice between two processes', () => {
  const freshDir = useTempDirs('splits-choice-');

  it('a process holding the unsettled file does not write a new secret once another chose the keychain', async () => {
    for (const consent of ['implicit', 'ask'] as const) {
      const dir = await freshDir();
      const vault = await openVault({
        dataDir: dir,
        forced: null,
        plainTextConsent: consent,
        keychain: new NoKeychain(),
        report: () => undefined,
        warn: () => undefined,
      });
      expect(vault.kind).toBe('file');
      // Meanwhile another process, whose keychain answers, chose it.
      await (await VaultChoice.open(dir, () => undefined)).record('keychain', Date.now());
      // The CLI (implicit consent) is refused for the keychain's sake; the app is refused its consent the same way.
      if (consent === 'implicit') {
        await expect(vault.set(1001, tokens)).rejects.toBeInstanceOf(VaultUnavailableError);
        await expect(vault.setCredentials({ clientId: '1', clientSecret: 's' })).rejects.toBeInstanceOf(
          VaultUnavailableError,
        );
      } else {
        await expect(vault.consentToPlainText()).rejects.toBeInstanceOf(VaultUnavailableError);
        await expect(vault.set(1001, tokens)).rejects.toThrow();
      }
      expect(await vault.get(1001)).toBeNull();
      expect(existsSync(join(dir, 'cli-tokens.json'))).toBe(false);
    }
  });

  it('the first secret the file takes settles the choice on it', async () => {
    const dir = await freshDir();
    const vault = await openVault({
      dataDir: dir,
      forced: null,
      plainTextConsent: 'implicit',
      keychain: new NoKeychain(),
      report: () => undefined,
      warn: () => undefined,
    });
    expect((await VaultChoice.open(dir, () => undefined)).kind).toBeNull();
    await vault.set(1001, tokens);
    expect((await VaultChoice.open(dir, () => undefined)).kind).toBe('file');
    // A refresh of tokens already there needs nothing more.
    await vault.set(1001, { ...tokens, accessToken: 'b' });
    expect(await vault.get(1001)).toMatchObject({ accessToken: 'b' });
  });
});
