import type { IpcErrorCode } from '../common/error-codes';

/** How the CLI ends: the exit codes a script can act on (the README lists them). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  loginNeeded: 3,
  rateLimited: 4,
  appInactive: 5,
  unreachable: 6,
  /** Another Splits (the desktop app, a `watch`, an import) holds this data folder, and the message says for what; `--wait` waits for it instead. */
  busy: 7,
  /** Interrupted (Ctrl-C), as shells report a SIGINT: 128 + 2. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * What each code means to the CLI: a failure the window is told as `code` ends the command with this exit code. An
 * error class says which code it is; a sync's result keeps the code, so a sync's exit code is read from here too.
 */
export const EXIT_OF: Record<IpcErrorCode, ExitCode> = {
  'rate-limited': EXIT.rateLimited,
  'needs-login': EXIT.loginNeeded,
  'app-inactive': EXIT.appInactive,
  unreachable: EXIT.unreachable,
  'not-found': EXIT.unexpected,
  'bad-response': EXIT.unexpected,
  rejected: EXIT.unexpected,
  'bad-request': EXIT.usage,
  config: EXIT.usage,
  busy: EXIT.busy,
  'consent-refused': EXIT.usage,
  quitting: EXIT.interrupted,
  cancelled: EXIT.interrupted,
  archive: EXIT.usage,
  export: EXIT.usage,
  unreadable: EXIT.unexpected,
  disk: EXIT.unexpected,
  forbidden: EXIT.unexpected,
  'unknown-channel': EXIT.unexpected,
  internal: EXIT.unexpected,
};

/**
 * A failure Splits expects and has words for. Each kind says once what the window is told (`ipcCode`, one of
 * common/error-codes.ts), how the CLI ends (`exitCode`) and the words for a person (`userMessage`); the window's door
 * (main/desktop/ipc-errors.ts), the CLI (main/cli/exit-codes.ts) and a sync's result (main/sync/athlete-outcome.ts)
 * read them. Anything that is not a SplitsError is unexpected: `internal` in the window, exit 1, and logged.
 *
 * `message` is for the log and the command line, where a file may be named; the window's door takes the paths out of
 * `userMessage` all the same (main/desktop/without-paths.ts).
 */
export abstract class SplitsError extends Error {
  /** The code the window is told (preload/contract.ts's IpcError). */
  abstract readonly ipcCode: IpcErrorCode;

  /** The CLI's exit code: what the code means (EXIT_OF), unless the error knows more of itself. */
  get exitCode(): ExitCode {
    return EXIT_OF[this.ipcCode];
  }

  /** What the window says: the message, unless the kind has words of its own for a person at the window. */
  get userMessage(): string {
    return this.message;
  }

  /** Epoch ms when it may be tried again (a rate limit's reset); undefined when that is not known. */
  get retryAt(): number | undefined {
    return undefined;
  }
}

/** The exit code a code stands for, when only the code is kept (a sync's result); one Splits does not know is unexpected. */
export function exitCodeOfCode(code: string | undefined): ExitCode {
  return code !== undefined && Object.hasOwn(EXIT_OF, code) ? EXIT_OF[code as IpcErrorCode] : EXIT.unexpected;
}
