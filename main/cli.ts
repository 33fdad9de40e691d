// The headless entry point (plain Node): the same engine as the desktop app, for servers, scripts and cron.
const usage = `Usage: splits <command> [options]

Commands:
  help       Show this help
`;

const [command] = process.argv.slice(2);
if (command === undefined || command === 'help' || command === '--help') {
  process.stdout.write(usage);
} else {
  process.stderr.write(`splits: unknown command "${command}"\n\n${usage}`);
  process.exitCode = 2;
}
