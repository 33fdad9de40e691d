// The headless entry point (plain Node): the same engine as the desktop app, for servers, scripts and cron.
import { processIo } from './cli/cli-context';
import { runCli } from './cli/run-cli';

process.exitCode = await runCli(process.argv.slice(2), processIo());
