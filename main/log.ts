/** A scoped logger. Tokens and secrets never reach a log line: every message passes through redact(). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogSink = (line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_KEYS =
  /^(access_token|refresh_token|client_secret|code|accessToken|refreshToken|clientSecret|authorization)$/i;

/** Masks bearer tokens and token-like key/values in free text. */
export function redact(text: string): string {
  return text
    .replace(/(Bearer\s+)[^\s"',]+/gi, '$1[redacted]')
    .replace(/((?:access_token|refresh_token|client_secret|code)["']?\s*[=:]\s*["']?)[^\s"'&,}]+/gi, '$1[redacted]');
}

function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : v]));
}

export function createLogger(
  scope: string,
  level: LogLevel = 'info',
  sink: LogSink = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const extra = fields ? ` ${JSON.stringify(redactFields(fields))}` : '';
    sink(redact(`${new Date().toISOString()} ${at} [${scope}] ${message}${extra}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent', 'silent');

/** One Logger that writes to several, each at its own level: the CLI's stderr and its --log-file. */
export function teeLogger(...loggers: Logger[]): Logger {
  const each =
    (at: keyof Logger): Logger[keyof Logger] =>
    (message, fields) => {
      for (const logger of loggers) logger[at](message, fields);
    };
  return { debug: each('debug'), info: each('info'), warn: each('warn'), error: each('error') };
}

/** An error as a log line keeps it: its stack where it has one (the log is where the details of a failure go). */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
