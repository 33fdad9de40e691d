import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import { VaultUnavailableError } from './secret-vault';

/** The service every Splits entry is filed under (macOS Keychain, Windows Credential Manager, Secret Service). */
export const KEYCHAIN_SERVICE = 'Splits';

/**
 * A keychain that waits for a person (an unlock prompt) or hangs must not hold a sync or a CLI command forever. A
 * minute leaves time to type a password.
 */
const ANSWER_WITHIN_MS = 60_000;

/**
 * On Linux, keyring-rs falls back to the kernel keyring (keyutils) when no Secret Service answers. That one forgets
 * everything at logout or reboot: a vault there would lose the refresh tokens, so entries are pinned to the Secret
 * Service, and "no Secret Service" means no keychain.
 */
const ENTRY_OPTIONS: Keyring.EntryOptions = { linux: { store: 'secret-service' } };

let keyring: typeof Keyring | null = null;

/**
 * Loaded by Node's own require at first use, not bundled: @napi-rs/keyring is a native addon (a .node file per
 * platform) that esbuild cannot bundle, and the CLI's help must not pay for it.
 */
function loadKeyring(): typeof Keyring {
  return (keyring ??= createRequire(import.meta.url)('@napi-rs/keyring') as typeof Keyring);
}

/** The system keychain through @napi-rs/keyring's AsyncEntry: every call runs off the event loop. */
export class OsKeychain {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  read(account: string): Promise<string | null> {
    return this.call('read', (entry, signal) => entry.getPassword(signal), account);
  }

  write(account: string, value: string): Promise<void> {
    return this.call('write', (entry, signal) => entry.setPassword(value, signal), account);
  }

  /** True when an entry was there. */
  remove(account: string): Promise<boolean> {
    return this.call('delete', (entry, signal) => entry.deleteCredential(signal), account);
  }

  /** Every entry of this service whose account starts with `prefix`, with its value. */
  async list(prefix: string): Promise<Array<{ account: string; value: string }>> {
    try {
      const found = await loadKeyring().findCredentialsAsync(this.service, null, AbortSignal.timeout(ANSWER_WITHIN_MS));
      return found.filter((c) => c.account.startsWith(prefix)).map((c) => ({ account: c.account, value: c.password }));
    } catch (error) {
      throw unavailable('list', error);
    }
  }

  /**
   * Whether the keychain keeps what it is given: a write, a read back and a delete of an entry of its own. A read
   * alone proves nothing: without a D-Bus session, or with the collection locked, reads answer "nothing stored".
   * Returns null when it answers, or why not.
   */
  async probe(scope: string): Promise<string | null> {
    const account = `${scope}: probe ${process.pid} ${randomBytes(4).toString('hex')}`;
    const value = randomBytes(16).toString('hex');
    try {
      await this.write(account, value);
      let back: string | null;
      try {
        back = await this.read(account);
      } catch (error) {
        await this.remove(account).catch(() => undefined);
        throw error;
      }
      if (!(await this.remove(account))) return 'it did not delete what was stored';
      return back === value ? null : 'it did not give back what was stored';
    } catch (error) {
      return error instanceof KeychainSilentError ? error.reason : String(error);
    }
  }

  private async call<T>(
    what: string,
    run: (entry: Keyring.AsyncEntry, signal: AbortSignal) => Promise<T>,
    account: string,
  ): Promise<T> {
    try {
      const entry = new (loadKeyring().AsyncEntry)(this.service, account, ENTRY_OPTIONS);
      return await run(entry, AbortSignal.timeout(ANSWER_WITHIN_MS));
    } catch (error) {
      throw unavailable(what, error);
    }
  }
}

/** The keychain failed a call; `reason` is the platform's own words. */
export class KeychainSilentError extends VaultUnavailableError {
  override name = 'KeychainSilentError';
  constructor(
    what: string,
    readonly reason: string,
  ) {
    super(
      `The system keychain, where Splits keeps your Strava secrets, did not answer a ${what} (${reason}). ` +
        'Unlock it (or run Splits inside your desktop session) and try again. To keep the secrets in a private file ' +
        'instead, set SPLITS_VAULT=file (you then log in again).',
    );
  }
}

function unavailable(what: string, error: unknown): KeychainSilentError {
  // keyring-rs' messages name the platform's failure ("Couldn't access platform storage: ..."), never a secret.
  return new KeychainSilentError(what, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
}
