// The demo's command line: `npm run demo [-- --no-open] [--port N]`, read before anything starts, so that a mistake is
// one line and exit 2, not a stack trace after the window's build and a first sync.
import { parseArgs } from 'node:util';
import { argsMistake } from '../../main/cli/args-mistake';

export const DEMO_USAGE = `Usage: npm run demo [-- --no-open] [--port N]
  --no-open   print the address without opening a browser
  --port N    serve the page on this port of 127.0.0.1 (default: a free one)
`;

export type DemoOptions = { help: true } | { help: false; open: boolean; port: number | undefined };

/** Thrown for a command line the demo cannot take; its message is one sentence. */
export class DemoUsageError extends Error {}

export function demoOptions(argv: string[]): DemoOptions {
  let values: { port?: string; 'no-open'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    const mistake = argsMistake(error as Error & { code?: string });
    throw new DemoUsageError(
      mistake.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'the demo takes no arguments, only options'
        : mistake.words,
    );
  }
  if (values.help) return { help: true };
  const port = values.port;
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) > 65535))
    throw new DemoUsageError(`--port takes a port number from 0 to 65535, not "${port}"`);
  return { help: false, open: !values['no-open'], port: port === undefined ? undefined : Number(port) };
}
