import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loginCommand, logoutCommand } from './account-commands';
import { openCliServices, type CliIo, type CliServices } from './cli-context';
import { EXIT, UsageError, exitCodeOf } from './exit-codes';
import { problemLine } from './format';
import { activitiesCommand, historyCommand, statusCommand } from './read-commands';
import { isHelp, USAGE } from './usage';
import { syncCommand, watchCommand } from './sync-commands';


type Options = NonNullable<ParseArgsConfig['options']>;
const common: Options = { verbose: { type: 'boolean', default: false } };
const json: Options = { json: { type: 'boolean', default: false } };
const athlete: Options = { athlete: { type: 'string' } };

const COMMANDS: Record<string, Options> = {
  login: { ...json, 'no-browser': { type: 'boolean', default: false }, port: { type: 'string' }, 'refresh-token': { type: 'string' } },
  logout: { ...athlete, 'delete-data': { type: 'boolean', default: false } },
  sync: { ...athlete, ...json, full: { type: 'boolean', default: false }, 'per-page': { type: 'string' }, 'max-pages': { type: 'string' }, 'no-details': { type: 'boolean', default: false } },
  watch: {},
  status: json,
  activities: { ...athlete, ...json },
  history: json,
};

export async function runCli(argv: string[], io: CliIo, signals?: NodeJS.EventEmitter): Promise<number> {
  const [command, ...rest] = argv;
  if (isHelp(command)) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const verbose = rest.includes('--verbose');
  let services: CliServices | null = null;
  let reported = 0;
  try {
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`unknown command "${command}"`);
    const values = parse(rest, { ...common, ...spec });
    services = await openCliServices(io, verbose);
    reported = services.store.problems.length;
    switch (command) {
      case 'login':
        return await loginCommand(services, io, {
          noBrowser: values['no-browser'] === true,
          port: optionalInt(values.port, 'port', 0, 65535) ?? 0,
          json: values.json === true,
          refreshToken: optionalString(values['refresh-token']),
        });
      case 'logout':
        return await logoutCommand(services, io, { athleteId: optionalInt(values.athlete, 'athlete', 1), deleteData: values['delete-data'] === true });
      case 'sync':
        return await syncCommand(services, io, {
          athleteId: optionalInt(values.athlete, 'athlete', 1),
          full: values.full === true,
          perPage: optionalInt(values['per-page'], 'per-page', 1, 200),
          maxPages: optionalInt(values['max-pages'], 'max-pages', 1),
          details: values['no-details'] !== true,
          json: values.json === true,
        }, signals);
      case 'watch':
        return await watchCommand(services, io, signals);
      case 'status':
        return await statusCommand(services, io, values.json === true);
      case 'activities':
        return await activitiesCommand(services, io, { athleteId: optionalInt(values.athlete, 'athlete', 1), json: values.json === true });
      default:
        return await historyCommand(services, io, values.json === true);
    }
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof UsageError) io.err(`splits: ${error.message}\n\n${USAGE}`);
    else io.err(`splits: ${message(error)}\n`);
    if (verbose && error instanceof Error && error.stack && code === EXIT.unexpected) io.err(`${error.stack}\n`);
    return code;
  } finally {
    // The limiter writes ahead of what it sends (a crash must never under-count); a clean exit gives the rest back.
    await services?.limiter.settle().catch(() => undefined);
    // Files found unreadable while the command ran (an athlete's activities load lazily).
    for (const p of services?.store.problems.slice(reported) ?? []) io.err(problemLine(p));
  }
}

function parse(args: string[], options: Options): Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

function optionalString(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalInt(value: string | boolean | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} takes a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}, not "${value}"`);
  }
  return Number(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
