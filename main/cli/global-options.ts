// The options every command takes, before the command or after it (`splits --verbose sync`, `splits sync --verbose`).
// No imports: `splits help` reads them too, without loading the engine (main/cli/usage.ts).

export interface GlobalOptions {
  /** Log details and stack traces to stderr. */
  verbose: boolean;
  /** --log-file PATH (or --log-file=PATH): where the log is written too, as given (checked by log-file-option.ts). */
  logFile: string | undefined;
  /** The command and its own arguments. A --log-file with no value after it stays here, for the caller to refuse. */
  words: string[];
}

export const LOG_FILE_OPTION = '--log-file';

export function splitGlobalOptions(argv: readonly string[]): GlobalOptions {
  const words: string[] = [];
  let verbose = false;
  let logFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const next = argv[i + 1];
    if (word === '--verbose') verbose = true;
    else if (word.startsWith(`${LOG_FILE_OPTION}=`)) logFile = word.slice(LOG_FILE_OPTION.length + 1);
    // A value that looks like an option is the person forgetting the path (`--log-file --json`), as parseArgs reads it.
    else if (word === LOG_FILE_OPTION && next !== undefined && !next.startsWith('-')) logFile = argv[++i];
    else words.push(word);
  }
  return { verbose, logFile, words };
}
