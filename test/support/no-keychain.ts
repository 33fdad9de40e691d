import { OsKeychain } from '../../main/vault/os-keychain';

/**
 * The system keychain as a process sees it where none answers (a start before the keyring, a session over SSH):
 * never the keychain of the machine running the tests.
 */
export class NoKeychain extends OsKeychain {
  override probe(): Promise<string | null> {
    return Promise.resolve('no Secret Service for this process');
  }
}
