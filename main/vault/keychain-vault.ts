import type { z } from 'zod';
import type { StravaTokens } from '../strava/token-keeper';
import type { OsKeychain } from './os-keychain';
import {
  clientCredentialsSchema,
  tokensSchema,
  VaultUnavailableError,
  type ClientCredentials,
  type SecretVault,
} from './secret-vault';
import { whileVaultLocked } from './vault-lock';

/**
 * The keychain vault: one entry per athlete and one for the client credentials, under the service "Splits", each
 * account named after the data folder ("/home/ada/.config/Splits: athlete 1001", "...: client"), so two data folders
 * never share entries and a person can tell them apart in Keychain Access or Seahorse. Every read asks the keychain:
 * the desktop app and the CLI share it, and Strava kills a rotated refresh token at once.
 */
export class KeychainVault implements SecretVault {
  readonly kind = 'keychain' as const;
  readonly location = null;

  /** `dataDir` is the folder's real path: a folder reached through a link names the same entries. */
  constructor(
    private readonly dataDir: string,
    private readonly keychain: OsKeychain,
  ) {}

  async get(athleteId: number): Promise<StravaTokens | null> {
    return this.readEntry(this.athleteAccount(athleteId), tokensSchema);
  }

  async set(athleteId: number, tokens: StravaTokens): Promise<void> {
    await this.keychain.write(this.athleteAccount(athleteId), JSON.stringify(tokensSchema.parse(tokens)));
  }

  async delete(athleteId: number): Promise<void> {
    await this.keychain.remove(this.athleteAccount(athleteId));
  }

  async athletes(): Promise<number[]> {
    const prefix = this.athleteAccount('');
    return (await this.keychain.list(prefix))
      .map((e) => Number(e.account.slice(prefix.length)))
      .filter(Number.isSafeInteger);
  }

  async getCredentials(): Promise<ClientCredentials | null> {
    return this.readEntry(this.clientAccount(), clientCredentialsSchema);
  }

  async setCredentials(credentials: ClientCredentials): Promise<void> {
    await this.keychain.write(this.clientAccount(), JSON.stringify(clientCredentialsSchema.parse(credentials)));
  }

  async deleteCredentials(): Promise<void> {
    await this.keychain.remove(this.clientAccount());
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return whileVaultLocked(this.dataDir, task);
  }

  needsPlainTextConsent(): boolean {
    return false;
  }

  async consentToPlainText(): Promise<void> {
    // Nothing is kept in plain text here.
  }

  private athleteAccount(athleteId: number | ''): string {
    return `${this.dataDir}: athlete ${athleteId}`;
  }

  private clientAccount(): string {
    return `${this.dataDir}: client`;
  }

  /**
   * An entry, parsed. "Nothing stored" is believed only once the keychain proves it answers: a locked collection
   * reads as empty, and taking that for a missing sign-in would send the person to log in again for nothing.
   * An entry that does not parse (written by hand, or by another program) counts as absent: logging in replaces it.
   */
  private async readEntry<T>(account: string, schema: z.ZodType<T>): Promise<T | null> {
    const text = await this.keychain.read(account);
    if (text === null) {
      const reason = await this.keychain.probe(this.dataDir);
      if (reason)
        throw new VaultUnavailableError(
          `The system keychain, where Splits keeps your Strava secrets, does not answer (${reason}). Unlock it and try again.`,
        );
      return null;
    }
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
