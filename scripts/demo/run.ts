// The demo's life: build the window, start the world and the server, print the address, open it, and on Ctrl-C stop
// the sync at a safe point, close the server and the simulator, and remove the temp folders (the window's build cache
// in node_modules/.cache stays; a build of it that Ctrl-C cut short goes).
import { rm } from 'node:fs/promises';
import { createLogger } from '../../main/log';
import { buildWindow } from './build';
import { openInBrowser } from '../../main/cli/open-browser';
import { startDemoServer } from './server';
import { DEMO_USAGE, DemoUsageError, demoOptions, type DemoOptions } from './options';
import { openDemoWorld } from './world';

export async function runDemo(argv: string[]): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  let options: DemoOptions;
  try {
    options = demoOptions(argv);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    process.stderr.write(`npm run demo: ${error.message}.\n${DEMO_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(DEMO_USAGE);
    return;
  }
  const { open, port } = options;
  const logger = createLogger('splits-demo', 'warn');
  const cleanups: Array<() => Promise<unknown>> = [];
  let stopping: Promise<void> | null = null;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((error: unknown) => logger.error('stopping the demo', { error: String(error) }));
      process.exit(code);
    })());
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Whatever fails, the temp folders and the simulator go with it.
  process.on('uncaughtException', (error) => {
    logger.error('the demo failed', { error: String(error) });
    void stop(1);
  });
  process.on('unhandledRejection', (error) => {
    logger.error('the demo failed', { error: String(error) });
    void stop(1);
  });

  try {
    const built = await buildWindow({
      // Said only when it builds: a start with the window's sources unchanged uses the build kept for them.
      onBuild: () => say('Building the window…'),
      // Retried: vite may still be writing into a build Ctrl-C cut short (ENOTEMPTY).
      onTempDir: (dir) => cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 5 })),
    });
    if (built.notKept) say(`(The window was built afresh and not kept: ${built.notKept}.)`);
    say('Starting the Strava simulator and a first sync of two athletes…');
    const world = await openDemoWorld({
      log: say,
      // "View on Strava" would go to strava.com, which knows nothing of these activities: the demo says where instead.
      openExternal: async (url) => say(`The window asked to open ${url} in the system browser.`),
      onCleanup: (cleanup) => cleanups.push(cleanup),
    });
    cleanups.push(() => world.close());
    const server = await startDemoServer({
      dir: built.dir,
      bridgeScript: built.bridgeScript,
      table: world.table,
      logger,
      ...(port !== undefined ? { port } : {}),
      onNoListener: () => world.desktop.events.detach(),
    });
    cleanups.push(() => server.close());
    world.setEventTarget(server.events);
    const total = Object.values(world.seeded).reduce((a, b) => a + b, 0);
    say('');
    say(`Strava simulator: ${world.sim.url} (${total} activities over three years, two athletes)`);
    say(`Data folder: ${world.dataDir} (removed when the demo stops)`);
    say(`Splits demo: ${server.url}`);
    say('Only this computer can open it, and only with that token. Ctrl-C stops the demo.');
    if (open && !(await openInBrowser(server.url)))
      say('(No system browser to open here: open the address above in one.)');
  } catch (error) {
    // Stopped while starting (Ctrl-C): what failed was the stop's doing, and the stop already removes everything.
    if (stopping) return;
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `npm run demo: port ${port} of 127.0.0.1 is in use. Give another with --port, or leave --port out for a free one.\n`,
      );
      await stop(2);
      return;
    }
    logger.error('the demo could not start', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    await stop(1);
  }
}
