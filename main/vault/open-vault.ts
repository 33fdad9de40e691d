import { mkdir, realpath } from 'node:fs/promises';
import type { ProblemReporter } from '../store/json-document';
import { PRIVATE_FOLDER_MODE } from '../store/private-files';
import { TokenFile } from './token-file';
import { KeychainVault } from './keychain-vault';
import { OsKeychain } from './os-keychain';
import { holdsSecrets, moveSecrets, type MoveStep } from './secret-move';
import { VaultUnavailableError, type PlainTextConsent, type SecretVault, type VaultKind } from './secret-vault';
import { VaultChoice } from './vault-choice';

export interface OpenVaultOptions {
  dataDir: string;
  /** SPLITS_VAULT: a kind the person forces; null lets Splits choose (once) for the data folder. */
  forced: VaultKind | null;
  /**
   * 'implicit' for the CLI: on a server without a keychain it keeps secrets in the private file without asking (the
   * person ran it there). 'ask' for the desktop app, which asks the person before the plain file takes a secret.
   */
  plainTextConsent: 'implicit' | 'ask';
  report: ProblemReporter;
  /** Said to the person (the CLI's stderr, the app's log): never a secret. */
  warn: (message: string) => void;
  now?: () => number;
  keychain?: OsKeychain;
  /** Called after each step of a move between vaults; tests stop the process there. */
  onMoveStep?: (step: MoveStep) => void;
}

/**
 * The data folder's vault. The first process on the folder chooses: the system keychain if it answers a probe (a
 * write, a read back, a delete), else the 0600 file; SPLITS_VAULT forces one. The choice is kept in vault.json. Once
 * the keychain is chosen, a keychain that does not answer is an error that says what to do, never a silent fall back
 * to the file, which would split the secrets across two vaults. Secrets found in the file when the keychain is in use
 * (from before the keychain was chosen, or a move cut short) are moved into it.
 */
export async function openVault(options: OpenVaultOptions): Promise<SecretVault> {
  const { forced, report, warn } = options;
  const now = options.now ?? Date.now;
  await mkdir(options.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const dataDir = await realpath(options.dataDir);
  const keychain = options.keychain ?? new OsKeychain();
  const choice = await VaultChoice.open(dataDir, report);
  // Forcing the file is consent to it.
  const consent: PlainTextConsent =
    options.plainTextConsent === 'implicit' || forced === 'file'
      ? { given: () => true, give: () => choice.give(now()), settle: () => choice.settle(now()) }
      : { given: () => choice.given(), give: () => choice.give(now()), settle: () => choice.settle(now()) };
  const file = await TokenFile.open(dataDir, report, consent);
  const recorded = choice.kind;

  let kind = forced ?? recorded;
  // The file, chosen at a start when no keychain answered (a first `splits status` over SSH, a desktop whose keyring
  // was not up yet), stays a choice only once it holds a secret or someone agreed to plain text: until then every
  // start asks the keychain again.
  const unsettled =
    kind === 'file' && forced === null && choice.movingFrom === null && !choice.given() && !(await holdsSecrets(file));
  if (kind === null || unsettled) {
    kind = (await keychain.probe(dataDir)) === null ? 'keychain' : 'file';
  } else if (kind === 'keychain') {
    const reason = await keychain.probe(dataDir);
    if (reason !== null)
      throw new VaultUnavailableError(keychainSilent(dataDir, forced === 'keychain' ? null : choice.chosenAt, reason));
  }

  if (kind === 'file') {
    if (recorded === 'keychain' || choice.movingFrom === 'keychain')
      await leaveKeychain({ choice, file, keychain, dataDir, now, warn, onMoveStep: options.onMoveStep });
    else if (recorded !== 'file' && (forced === 'file' || choice.given() || (await holdsSecrets(file))))
      await choice.record('file', now());
    return file;
  }
  // Recorded before anything moves: a process killed midway then finds the keychain chosen, and finishes the move.
  if (recorded !== 'keychain') await choice.record('keychain', now());
  const vault = new KeychainVault(dataDir, keychain);
  if (await holdsSecrets(file)) await vault.exclusive(() => moveSecrets(file, vault, options.onMoveStep));
  return vault;
}

/** SPLITS_VAULT=file over an earlier keychain: the secrets follow when the keychain answers, at this start or a later one. */
async function leaveKeychain(o: {
  choice: VaultChoice;
  file: TokenFile;
  keychain: OsKeychain;
  dataDir: string;
  now: () => number;
  warn: (message: string) => void;
  onMoveStep: ((step: MoveStep) => void) | undefined;
}): Promise<void> {
  if (o.choice.kind !== 'file' || o.choice.movingFrom !== 'keychain')
    await o.choice.record('file', o.now(), 'keychain');
  // Listing entries is not pinned to the Secret Service the way entries are, and may answer "none" from elsewhere:
  // the probe says first whether the keychain that holds them answers.
  const reason = await o.keychain.probe(o.dataDir);
  if (reason === null) {
    const keychainVault = new KeychainVault(o.dataDir, o.keychain);
    await o.file.exclusive(() => moveSecrets(keychainVault, o.file, o.onMoveStep));
    await o.choice.moveFinished();
    return;
  }
  o.warn(
    `SPLITS_VAULT=file: the Strava secrets kept in the system keychain cannot be moved to ${o.file.path} yet (the keychain does not answer: ${reason}). ` +
      'Splits moves them when it answers; until then, log in again (and enter the client credentials again) to use the file.',
  );
}

function keychainSilent(dataDir: string, chosenAt: number | null, reason: string): string {
  const why =
    chosenAt === null
      ? 'SPLITS_VAULT=keychain, but no system keychain answers here'
      : `Splits keeps the Strava secrets of ${dataDir} in the system keychain (chosen ${new Date(chosenAt).toISOString()}), but the keychain does not answer now`;
  return (
    `${why} (${reason}). Nothing was written to a file, so your sign-ins stay in one place. ` +
    'Unlock the keychain, or run Splits inside your desktop session (on Linux a Secret Service such as GNOME Keyring or KWallet, over D-Bus), and try again. ' +
    'To keep the secrets in a private file in the data folder instead, set SPLITS_VAULT=file: Splits moves them there once the keychain answers, and until then you log in again.'
  );
}
