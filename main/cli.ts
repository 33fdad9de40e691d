// The headless entry point (plain Node): the same engine as the desktop app, for servers, scripts and cron.
import { helpFor } from './cli/usage';
import { versionFor } from './cli/version';

// A reader that stops early (`splits activities | head`) closes the pipe. Output then goes nowhere, quietly (no
// EPIPE stack), and the command finishes what it was doing (a sync still writes its store and gives back its lease)
// and exits with its own code: 0 for a read, as Unix tools do; a sync's real outcome otherwise.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

const argv = process.argv.slice(2);
const answer = helpFor(argv) ?? versionFor(argv);
if (answer !== null) {
  process.stdout.write(answer);
} else {
  // Loaded only for a command: `help` starts without compiling zod, axios and the store, most of the bundle.
  const [{ runCli }, { processIo }] = await Promise.all([import('./cli/run-cli'), import('./cli/cli-context')]);
  process.exitCode = await runCli(argv, processIo());
}
