import { app, dialog } from 'electron';
import { VaultUnavailableError } from '../../vault/secret-vault';

/**
 * A keychain chosen earlier may not answer yet (locked at login, its daemon not started): the person is told, and
 * Splits tries again when they say so, instead of ending. Null when they chose Quit: the app is ending.
 */
export async function untilVaultAnswers<T>(open: () => Promise<T>): Promise<T | null> {
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof VaultUnavailableError)) throw error;
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Try again', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        title: 'Splits cannot open its vault',
        message: 'Splits cannot reach the place your Strava secrets are kept.',
        detail: `${error.message}\n\nFix what the message says (unlock the keychain, start your keyring), then choose Try again.`,
      });
      if (response !== 0) {
        app.exit(0);
        return null;
      }
    }
  }
}
