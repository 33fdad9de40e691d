import { VaultUnavailableError, sameTokens, type SecretVault } from './secret-vault';

/** The steps of a move a test can stop the process at, to prove that a move cut short loses nothing. */
export type MoveStep = 'copied' | 'removed';

/**
 * Moves every secret `from` holds into `to`: each one copied, read back to verify, and only then removed from `from`.
 * Run under the vault lock (no refresh rotates a token meanwhile) and again at every start until `from` is empty, so a
 * process killed midway loses nothing: a secret is always in one vault or both.
 *
 * Where both vaults hold an athlete's tokens (a move cut short, then a refresh in one of them), the later ones win:
 * Strava kills a refresh token when it issues the next, so the older copy is dead, and a refresh always moves
 * `expiresAt` forward. Client credentials already in `to` win (they were copied by a move cut short).
 */
export async function moveSecrets(
  from: SecretVault,
  to: SecretVault,
  stepDone: (step: MoveStep) => void = () => undefined,
): Promise<number> {
  let moved = 0;
  for (const athleteId of await from.athletes()) {
    const tokens = await from.get(athleteId);
    if (!tokens) continue;
    const there = await to.get(athleteId);
    if (!there || tokens.expiresAt > there.expiresAt) {
      await to.set(athleteId, tokens);
      if (!sameTokens(await to.get(athleteId), tokens)) throw unverified(to);
    }
    stepDone('copied');
    await from.delete(athleteId);
    stepDone('removed');
    moved++;
  }
  const credentials = await from.getCredentials();
  if (credentials) {
    if (!(await to.getCredentials())) {
      await to.setCredentials(credentials);
      const back = await to.getCredentials();
      if (back?.clientId !== credentials.clientId || back.clientSecret !== credentials.clientSecret)
        throw unverified(to);
    }
    stepDone('copied');
    await from.deleteCredentials();
    stepDone('removed');
    moved++;
  }
  return moved;
}

/** Whether `from` still holds anything to move. */
export async function holdsSecrets(vault: SecretVault): Promise<boolean> {
  return (await vault.athletes()).length > 0 || (await vault.getCredentials()) !== null;
}

function unverified(to: SecretVault): VaultUnavailableError {
  return new VaultUnavailableError(
    `Splits could not move your Strava secrets into ${to.kind === 'keychain' ? 'the system keychain' : to.location}: ` +
      'what it stored did not read back the same. Nothing was removed; Splits tries again at the next start.',
  );
}
