import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataFolderBusyError } from '../store/data-lock';
import { declareLockProgram } from '../store/lock-purpose';
import type { Logger } from '../log';
import { cliLogger, openCliServices, resultLogger, type CliIo, type CliServices } from './cli-context';
import { EXIT, UsageError, exitCodeOf } from './exit-codes';
import { problemLine } from './format';
import { LOG_FILE_OPTION, splitGlobalOptions } from './global-options';
import { logFileMissing, logOutcome, openLogFile } from './log-file-option';
import { argsMistake } from './args-mistake';
import { closest } from './did-you-mean';
import { trainingOptions } from './training-options';
import { helpFor } from './usage';
import { usageMistakeLine } from './usage-mistake';
import { versionFor } from './version';

type Options = NonNullable<ParseArgsConfig['options']>;
const json: Options = { json: { type: 'boolean', default: false } };
const athlete: Options = { athlete: { type: 'string' } };
const wait: Options = { wait: { type: 'boolean', default: false } };

interface Command {
  options: Options;
  /** Positional arguments it takes, by name. */
  positionals?: string[];
  /** Whether it writes the data folder (checked before anything is sent to Strava). */
  writes: boolean;
}

const COMMANDS: Record<string, Command> = {
  login: {
    options: {
      ...json,
      'no-browser': { type: 'boolean', default: false },
      port: { type: 'string' },
      'refresh-token': { type: 'string' },
    },
    writes: true,
  },
  logout: { options: { ...athlete, ...wait, 'delete-data': { type: 'boolean', default: false } }, writes: true },
  forget: { options: wait, positionals: ['ID'], writes: true },
  sync: {
    options: {
      ...athlete,
      ...json,
      ...wait,
      full: { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      'per-page': { type: 'string' },
      'max-pages': { type: 'string' },
      'no-details': { type: 'boolean', default: false },
      'no-tracks': { type: 'boolean', default: false },
    },
    writes: true,
  },
  watch: { options: {}, writes: true },
  status: { options: json, writes: false },
  activities: { options: { ...athlete, ...json }, writes: false },
  history: { options: json, writes: false },
  stats: {
    options: {
      ...athlete,
      ...json,
      year: { type: 'string' },
      ftp: { type: 'string' },
      'max-hr': { type: 'string' },
      'resting-hr': { type: 'string' },
      'threshold-pace': { type: 'string' },
    },
    writes: false,
  },
  // Reads the store only: it runs while a sync holds the data folder.
  export: {
    options: {
      ...athlete,
      ...json,
      format: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
      units: { type: 'string' },
    },
    writes: false,
  },
  import: { options: { ...athlete, ...json, ...wait }, positionals: ['PATH.zip'], writes: true },
};

export async function runCli(argv: string[], io: CliIo, signals?: NodeJS.EventEmitter): Promise<number> {
  const answer = helpFor(argv) ?? versionFor(argv);
  if (answer !== null) {
    io.out(answer);
    return EXIT.ok;
  }
  // --verbose and --log-file are global: before the command (`splits --verbose sync`) or after it.
  const { verbose, logFile: logFilePath, words } = splitGlobalOptions(argv);
  const [command = '', ...rest] = words;
  let services: CliServices | null = null;
  let logFile: Logger | null = null;
  let reported = 0;
  try {
    if (words.includes(LOG_FILE_OPTION)) throw logFileMissing();
    // The log file first, so that a usage mistake is in it too: a cron job's stderr may reach nobody.
    logFile = logFilePath === undefined ? null : await openLogFile(logFilePath);
    // Own keys only: `splits constructor` named Object's constructor, which ran as `history` and exited 0.
    const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!spec)
      throw new UsageError(`unknown command "${command}"`, closest(command, [...Object.keys(COMMANDS), 'help']));
    const { values, positionals } = parse(command, rest, spec, io.self);
    // Every lock this process takes names the command, so another Splits finding the folder busy can say what holds it.
    declareLockProgram({ kind: 'cli', command });
    // Every option's value is checked before the data folder is opened: a mistake creates nothing in it.
    const run = await prepare(command, values, positionals, io, resultLogger(io, verbose, logFile), signals);
    logFile?.info(`splits ${command} started`);
    services = await openCliServices(io, cliLogger(io, verbose, logFile), spec.writes);
    reported = services.store.problems.length;
    const code = await run(services);
    logOutcome(logFile, command, code);
    return code;
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof UsageError) io.err(usageMistakeLine(error, command, io.self));
    else if (error instanceof DataFolderBusyError)
      io.err(`splits: ${error.message} Or run again with --wait to wait for it (exit 7).\n`);
    else io.err(`splits: ${message(error)}\n`);
    if (verbose && error instanceof Error && error.stack && code === EXIT.unexpected) io.err(`${error.stack}\n`);
    logOutcome(logFile, command, code, error);
    return code;
  } finally {
    // The limiter writes ahead of what it sends (a crash must never under-count); a clean exit gives the rest back.
    await services?.limiter.settle().catch(() => undefined);
    // Files found unreadable while the command ran (an athlete's activities load lazily).
    for (const p of services?.store.problems.slice(reported) ?? []) io.err(problemLine(p, io.self));
  }
}

type Values = Record<string, string | boolean | undefined>;

/**
 * The command with its options read and checked (a UsageError here), ready to run once the services are open. Each
 * command's module is loaded when it runs: `splits status` need not compile the archive's FIT and GPX readers, the
 * export's writers or the login's browser opener (a third of the bundle, and every test and cron job starts the CLI).
 */
async function prepare(
  command: string,
  values: Values,
  positionals: string[],
  io: CliIo,
  results: Logger,
  signals?: NodeJS.EventEmitter,
): Promise<(services: CliServices) => Promise<number>> {
  switch (command) {
    case 'login': {
      const options = {
        noBrowser: values['no-browser'] === true,
        port: optionalInt(values.port, 'port', 0, 65535) ?? 0,
        json: values.json === true,
        refreshToken: await refreshToken(values['refresh-token'], io),
      };
      return async (services) => (await import('./account-commands')).loginCommand(services, io, options);
    }
    case 'logout': {
      const options = {
        athleteId: optionalInt(values.athlete, 'athlete', 1),
        deleteData: values['delete-data'] === true,
        wait: values.wait === true,
      };
      return async (services) => (await import('./account-commands')).logoutCommand(services, io, options, signals);
    }
    case 'forget': {
      const options = { athleteId: optionalInt(positionals[0], 'ID', 1)!, wait: values.wait === true };
      return async (services) => (await import('./account-commands')).forgetCommand(services, io, options, signals);
    }
    case 'sync': {
      const options = {
        athleteId: optionalInt(values.athlete, 'athlete', 1),
        full: values.full === true || values.restart === true,
        restart: values.restart === true,
        perPage: optionalInt(values['per-page'], 'per-page', 1, 200),
        maxPages: optionalInt(values['max-pages'], 'max-pages', 1),
        details: values['no-details'] !== true,
        tracks: values['no-tracks'] !== true,
        json: values.json === true,
        wait: values.wait === true,
      };
      return async (services) => (await import('./sync-commands')).syncCommand(services, io, options, results, signals);
    }
    case 'watch':
      return async (services) => (await import('./watch-command')).watchCommand(services, io, signals);
    case 'status':
      return async (services) => (await import('./read-commands')).statusCommand(services, io, values.json === true);
    case 'import': {
      const options = {
        path: positionals[0]!,
        athleteId: optionalInt(values.athlete, 'athlete', 1),
        json: values.json === true,
        wait: values.wait === true,
      };
      return async (services) => (await import('./import-command')).importCommand(services, io, options, signals);
    }
    case 'export': {
      const options = {
        format: values.format as string | undefined,
        athleteId: optionalInt(values.athlete, 'athlete', 1),
        since: values.since as string | undefined,
        out: values.out as string | undefined,
        units: values.units as string | undefined,
        json: values.json === true,
      };
      return async (services) =>
        (await import('./export-command')).exportCommand(services, io, options, results, signals);
    }
    case 'stats': {
      const options = {
        athleteId: optionalInt(values.athlete, 'athlete', 1),
        year: optionalInt(values.year, 'year', 1900, 9999),
        json: values.json === true,
        training: trainingOptions(values),
      };
      return async (services) => (await import('./stats-command')).statsCommand(services, io, options);
    }
    case 'activities': {
      const options = { athleteId: optionalInt(values.athlete, 'athlete', 1), json: values.json === true };
      return async (services) => (await import('./read-commands')).activitiesCommand(services, io, options);
    }
    default:
      return async (services) => (await import('./read-commands')).historyCommand(services, io, values.json === true);
  }
}

function parse(
  command: string,
  args: string[],
  spec: Command,
  self: string,
): { values: Values; positionals: string[] } {
  const options: Options = { verbose: { type: 'boolean', default: false }, ...spec.options };
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw parseMistake(`${self} ${command}`, Object.keys(options), error as Error & { code?: string });
  }
  const wanted = spec.positionals ?? [];
  if (parsed.positionals.length > wanted.length)
    throw new UsageError(`unexpected argument "${parsed.positionals[wanted.length]}" for \`${self} ${command}\``);
  if (parsed.positionals.length < wanted.length)
    throw new UsageError(`\`${self} ${command}\` needs ${wanted.slice(parsed.positionals.length).join(' ')}`);
  return parsed;
}

/**
 * Splits' own words for what node:util's parseArgs found wrong (its own advice about '--' fits no Splits command), with
 * the option nearest to an unknown one. `typed` is the command as the person ran it (`npx splits sync`).
 */
function parseMistake(typed: string, known: string[], error: Error & { code?: string }): UsageError {
  const mistake = argsMistake(error);
  if (mistake.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(mistake.words);
  const options = [...known, 'log-file', 'help'].map((name) => `--${name}`);
  return new UsageError(`${mistake.words} for \`${typed}\``, closest(mistake.option, options));
}

/**
 * The refresh token for a login without a browser: `--refresh-token TOKEN`, `--refresh-token -` (standard input), or
 * SPLITS_REFRESH_TOKEN. The last two keep it out of `ps` and the shell's history.
 */
async function refreshToken(option: string | boolean | undefined, io: CliIo): Promise<string | undefined> {
  const given =
    option === '-'
      ? (await io.readStdin()).trim()
      : typeof option === 'string'
        ? option
        : io.env.SPLITS_REFRESH_TOKEN?.trim() || undefined;
  if (given === '')
    throw new UsageError('--refresh-token - read nothing from standard input: give the refresh token there');
  // Two lines on standard input are two things pasted, not one token: sent as one, Strava would refuse both. Checked
  // here, with the other options, so that the mistake makes no data folder.
  if (given !== undefined && /\s/.test(given))
    throw new UsageError(
      "The refresh token given has spaces or several lines: give the one token alone (Strava's are one word of letters and digits).",
    );
  return given;
}

function optionalInt(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const label = name === name.toUpperCase() ? name : `--${name}`;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(
      `${label} takes a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}, not "${value}"`,
    );
  }
  return Number(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
