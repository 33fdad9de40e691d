// The headless entry point (plain Node): the same engine as the desktop app, for servers, scripts and cron.
import { helpFor } from './cli/usage';

// A reader that stops early (`splits activities | head`) closes the pipe: end quietly with 0, as Unix tools do,
// instead of an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const argv = process.argv.slice(2);
const help = helpFor(argv);
if (help !== null) {
  process.stdout.write(help);
} else {
  // Loaded only for a command: `help` starts without compiling zod, axios and the store, most of the bundle.
  const [{ runCli }, { processIo }] = await Promise.all([import('./cli/run-cli'), import('./cli/cli-context')]);
  process.exitCode = await runCli(argv, processIo());
}
