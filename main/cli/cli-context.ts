import { systemClock, type Clock } from '../clock';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { createServices, type SplitsServices } from '../services';
import { TokenFile } from '../store/token-file';
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

export interface CliServices extends SplitsServices {
  tokenFile: TokenFile;
}

/** The services for one CLI command; unreadable store files are reported on stderr before anything else. */
export async function openCliServices(io: CliIo, verbose: boolean): Promise<CliServices> {
  const config = loadConfig(io.env);
  const logger = createLogger('splits', verbose ? 'debug' : 'warn', (line) => io.err(`${line}\n`));
  let tokenFile: TokenFile | null = null;
  const services = await createServices({
    config,
    clock: io.clock,
    logger,
    vault: async (store) => (tokenFile = await TokenFile.open(config.dataDir, (p) => store.problems.push(p))),
  });
  for (const p of services.store.problems) io.err(problemLine(p));
  return { ...services, tokenFile: tokenFile! };
}
