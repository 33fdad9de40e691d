import { EXIT, SplitsError, exitCodeOfCode, type ExitCode } from '../errors';
import type { AthleteSyncResult } from '../sync/sync-types';
import { Interrupted } from './interrupts';

export { EXIT } from '../errors';

/** A mistake in the command line: exit 2, with the help to read (usage-mistake.ts). */
export class UsageError extends SplitsError {
  override name = 'UsageError';
  readonly ipcCode = 'bad-request';

  constructor(
    message: string,
    /** The known command or option nearest to a mistyped one, when it is near enough to be a typo. */
    readonly didYouMean: string | null = null,
  ) {
    super(message);
  }
}

/** How a command that failed ends: the exit code its error declares (main/errors.ts); anything else is unexpected. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof SplitsError) return error.exitCode;
  if (error instanceof Interrupted) return EXIT.interrupted;
  return EXIT.unexpected;
}

/**
 * Which problem a sync over several athletes ends with when they met different ones: the configuration first (no
 * other athlete can sync either), then what the person must see to, down to an interruption.
 */
const SERIOUSNESS: Record<Exclude<ExitCode, typeof EXIT.ok>, number> = {
  [EXIT.usage]: 8,
  [EXIT.busy]: 7,
  [EXIT.appInactive]: 6,
  [EXIT.unreachable]: 5,
  [EXIT.unexpected]: 4,
  [EXIT.rateLimited]: 3,
  [EXIT.loginNeeded]: 2,
  [EXIT.interrupted]: 1,
};

/** The exit code of a sync over several athletes: the most serious problem any of them met. */
export function exitCodeOfSync(results: AthleteSyncResult[]): ExitCode {
  let worst: ExitCode = EXIT.ok;
  for (const result of results) {
    const code = exitCodeOfResult(result);
    if (code !== EXIT.ok && (worst === EXIT.ok || SERIOUSNESS[code] > SERIOUSNESS[worst])) worst = code;
  }
  return worst;
}

/** One athlete's: a failure is told by the code its result keeps (a missing Strava application's is `config`, exit 2). */
function exitCodeOfResult(result: AthleteSyncResult): ExitCode {
  if (result.status === 'ok') return EXIT.ok;
  if (result.status === 'cancelled') return EXIT.interrupted;
  return exitCodeOfCode(result.error?.code);
}
