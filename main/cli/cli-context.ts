import { systemClock, type Clock } from '../clock';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { createServices, type SplitsServices } from '../services';
import { openVault } from '../vault/open-vault';
import { problemLine } from './format';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  isTTY: boolean;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  clock: systemClock,
  isTTY: Boolean(process.stderr.isTTY),
});

export type CliServices = SplitsServices;

/**
 * The services for one CLI command; unreadable store files are reported on stderr before anything else. The CLI uses
 * the data folder's vault (the keychain the desktop app set up, or the 0600 file), and consents implicitly to the
 * file: on a server without a keychain, running the CLI is the person's choice of the private file.
 */
export async function openCliServices(io: CliIo, verbose: boolean): Promise<CliServices> {
  const config = loadConfig(io.env);
  const logger = createLogger('splits', verbose ? 'debug' : 'warn', (line) => io.err(`${line}\n`));
  const services = await createServices({
    config,
    clock: io.clock,
    logger,
    vault: (store) =>
      openVault({
        dataDir: config.dataDir,
        forced: config.vault,
        plainTextConsent: 'implicit',
        report: (p) => store.problems.push(p),
        warn: (message) => io.err(`splits: ${message}\n`),
        now: () => io.clock.now(),
      }),
  });
  for (const p of services.store.problems) io.err(problemLine(p));
  return services;
}
