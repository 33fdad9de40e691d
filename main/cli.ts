// The headless entry point (plain Node): the same engine as the desktop app, for servers, scripts and cron.
import { isHelp, USAGE } from './cli/usage';

const argv = process.argv.slice(2);
if (isHelp(argv[0])) {
  process.stdout.write(USAGE);
} else {
  // Loaded only for a command: `help` starts without compiling zod, axios and the store, most of the bundle.
  const [{ runCli }, { processIo }] = await Promise.all([import('./cli/run-cli'), import('./cli/cli-context')]);
  process.exitCode = await runCli(argv, processIo());
}
