/**
 * A Splits process of its own on the data folder in SPLITS_DATA_DIR, standing for the desktop app (it opens the vault
 * as the app does, asking before plain text), and prints one JSON line:
 *   setup    stores CLIENT_ID/CLIENT_SECRET and the TOKENS ({ athleteId: tokens }) with their accounts, as the app's
 *            first-run guide and Connect do; CONSENT=1 first agrees to plain text, as the person would in the dialog
 *   open     opens the vault (finishing any move of secrets) and prints what it holds
 *   peek     prints the keychain's entries for the data folder without opening the vault (so nothing moves)
 * KILL_AT=<step>:<n> kills this process with SIGKILL at the n-th such step of a move between vaults.
 */
import { realpath } from 'node:fs/promises';
import { systemClock } from '../../../main/clock';
import { loadConfig } from '../../../main/config';
import { silentLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { openVault } from '../../../main/vault/open-vault';
import { OsKeychain } from '../../../main/vault/os-keychain';
import type { MoveStep } from '../../../main/vault/secret-move';
import type { SecretVault } from '../../../main/vault/secret-vault';

const config = loadConfig(process.env);
const [killStep, killAt] = (process.env.KILL_AT ?? '').split(':');
let steps = 0;
const onMoveStep = (step: MoveStep) => {
  if (step === killStep && ++steps === Number(killAt)) process.kill(process.pid, 'SIGKILL');
};
const open = (report: (p: unknown) => void) =>
  openVault({
    dataDir: config.dataDir,
    forced: config.vault,
    plainTextConsent: 'ask',
    report,
    warn: (m) => process.stderr.write(`${m}\n`),
    onMoveStep,
  });

async function holdings(vault: SecretVault) {
  const tokens: Record<string, unknown> = {};
  for (const id of (await vault.athletes()).sort((a, b) => a - b)) tokens[id] = await vault.get(id);
  return {
    kind: vault.kind,
    location: vault.location,
    tokens,
    credentials: await vault.getCredentials(),
    needsPlainTextConsent: vault.needsPlainTextConsent(),
  };
}

async function main(): Promise<Record<string, unknown>> {
  switch (process.argv[2]) {
    case 'setup': {
      const services = await createServices({
        config,
        clock: systemClock,
        logger: silentLogger,
        vault: (store) => open((p) => store.problems.push(p as never)),
      });
      const askedFirst = services.vault.needsPlainTextConsent();
      if (process.env.CONSENT === '1') await services.vault.consentToPlainText();
      await services.setCredentials({ clientId: process.env.CLIENT_ID!, clientSecret: process.env.CLIENT_SECRET! });
      for (const [id, tokens] of Object.entries(JSON.parse(process.env.TOKENS ?? '{}') as Record<string, never>)) {
        await services.vault.set(Number(id), tokens);
        await services.store.accounts.save({
          athleteId: Number(id),
          name: `Athlete ${id}`,
          scope: 'read,activity:read_all',
          state: 'connected',
          stateMessage: null,
          connectedAt: Date.now(),
        });
      }
      return { askedFirst, inUse: await services.credentials(), ...(await holdings(services.vault)) };
    }
    case 'open':
      return holdings(await open(() => undefined));
    case 'peek': {
      const prefix = `${await realpath(config.dataDir)}: `;
      // A fresh gnome-keyring in a loaded CI machine has been seen to fail one search right after another process
      // stored into it: the probe asks up to three times, and says what failed when every try did.
      for (let attempt = 1; ; attempt++) {
        try {
          return Object.fromEntries(
            (await new OsKeychain().list(prefix)).map((e) => [
              e.account.slice(prefix.length),
              JSON.parse(e.value) as unknown,
            ]),
          );
        } catch (error) {
          if (attempt >= 3) throw error;
          await new Promise((r) => setTimeout(r, 300 * attempt));
        }
      }
    }
    default:
      throw new Error(`unknown mode ${process.argv[2]}`);
  }
}

try {
  process.stdout.write(`${JSON.stringify({ ok: true, ...(await main()) })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, name: (error as Error).name, message: (error as Error).message })}\n`,
  );
}
