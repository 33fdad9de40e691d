import { basename, isAbsolute, relative } from 'node:path';
import { systemClock, type Clock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { createLogger, teeLogger, type Logger } from '../log';
import { createServices, type SplitsServices } from '../services';
import { openVault } from '../vault/open-vault';
import { checkDataFolder, dataFolderError } from './data-folder';
import { problemLine } from './format';
import { stdinLines, type LineReader } from './stdin-lines';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  isTTY: boolean;
  /** All of standard input, for secrets kept out of the command line (`--refresh-token -`). */
  readStdin: () => Promise<string>;
  /** Standard input line by line (`login --no-browser` takes the address pasted there); absent where none is read. */
  readLines?: (prompt: string) => LineReader;
  /** How the person ran Splits, to quote in messages: `splits`, `npx splits` or `npm run --silent splits --`. */
  self: string;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  clock: systemClock,
  isTTY: Boolean(process.stderr.isTTY),
  readStdin: async () => {
    // Reading a terminal to its end would wait, silent, for Ctrl-D, with the token echoed on screen.
    if (process.stdin.isTTY)
      throw new ConfigError(
        'Give the refresh token on standard input through a pipe (`printf %s "$TOKEN" | splits login --refresh-token -`), or in SPLITS_REFRESH_TOKEN.',
      );
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
  readLines: stdinLines,
  self: invokedAs(process.env, process.argv[1] ?? '', process.cwd()),
});

/**
 * `splits` is on the PATH only after `npm link` (or a global install): say the command the way it was run. `script` is
 * the file Node ran: `bin/splits.js` itself when the person typed `node bin/splits.js`, a link named `splits` when the
 * shell found it on the PATH.
 */
export function invokedAs(env: NodeJS.ProcessEnv, script: string, cwd: string): string {
  if (env.npm_lifecycle_event === 'splits') return 'npm run --silent splits --';
  if (env.npm_command === 'exec') return 'npx splits';
  if (basename(script) === 'splits.js') {
    const path = relative(cwd, script);
    return `node ${path.startsWith('..') || isAbsolute(path) ? script : path}`;
  }
  return 'splits';
}

export type CliServices = SplitsServices;

/** The CLI's log: warnings on stderr (every level with --verbose), and every level in the --log-file when one is given. */
export function cliLogger(io: CliIo, verbose: boolean, logFile: Logger | null): Logger {
  return withLogFile(createLogger('splits', verbose ? 'debug' : 'warn', stderrSink(io)), logFile);
}

/**
 * Where a command logs what it has printed on stdout already (each sync's result, an export's): the --log-file at
 * the line's own level, and stderr only with --verbose, so that a failed sync's warning is not said twice on a
 * terminal (or in cron's mail) that shows its result.
 */
export function resultLogger(io: CliIo, verbose: boolean, logFile: Logger | null): Logger {
  return withLogFile(createLogger('splits', verbose ? 'debug' : 'silent', stderrSink(io)), logFile);
}

const stderrSink = (io: CliIo) => (line: string) => io.err(`${line}\n`);
const withLogFile = (stderr: Logger, logFile: Logger | null): Logger => (logFile ? teeLogger(stderr, logFile) : stderr);

/**
 * The services for one CLI command; unreadable store files are reported on stderr before anything else. A command
 * that writes first checks that the data folder takes writes, before anything is sent to Strava. The CLI uses the
 * data folder's vault (the keychain the desktop app set up, or the 0600 file), and consents implicitly to the file:
 * on a server without a keychain, running the CLI is the person's choice of the private file.
 */
export async function openCliServices(io: CliIo, logger: Logger, writes: boolean): Promise<CliServices> {
  const config = loadConfig(io.env);
  await checkDataFolder(config.dataDir, writes, io.self);
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
  }).catch((error: unknown) => {
    throw dataFolderError(error, config.dataDir) ?? error;
  });
  for (const p of services.store.problems) io.err(problemLine(p, io.self));
  return services;
}
