import type { SecretVault } from '../vault/secret-vault';
import { SplitsError } from '../errors';

/** Thrown when the person refused to keep secrets in a plain file: nothing was stored. */
export class ConsentRefusedError extends SplitsError {
  override name = 'ConsentRefusedError';
  readonly ipcCode = 'consent-refused';
}

/**
 * Before a secret goes into a vault that would keep it in a plain (0600) file (no keychain answered), the person is
 * asked, once: a refusal stores nothing.
 */
export async function ensureVaultConsent(
  vault: Pick<SecretVault, 'needsPlainTextConsent' | 'consentToPlainText'>,
  confirm: () => Promise<boolean>,
): Promise<void> {
  if (!vault.needsPlainTextConsent()) return;
  if (!(await confirm())) {
    throw new ConsentRefusedError(
      'No system keychain answered, and you chose not to keep the Strava secrets in a private file. Nothing was stored. Unlock or install a keychain (on Linux, a Secret Service such as GNOME Keyring), then try again.',
    );
  }
  await vault.consentToPlainText();
}
