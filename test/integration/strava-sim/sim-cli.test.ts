// `npm run sim`'s command line as a person meets it: real processes (tsx, as `npm run sim` runs it).
import { readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSim, untilPrinted } from '../../support/sim-process';

const LONG = 60_000;

describe('the simulator’s command line', () => {
  it(
    'refuses an unknown option and a non-number with one line and the usage (exit 2)',
    async () => {
      for (const [args, said] of [
        [['--bogus'], /^sim: Unknown option '--bogus'/],
        [['--activities', 'abc'], /^sim: --activities takes a whole number from 0 to 200000, not "abc"\./],
        [['--port', '99999'], /^sim: --port takes a whole number from 0 to 65535/],
      ] as const) {
        const run = startSim([...args]);
        expect(await run.code, args.join(' ')).toBe(2);
        expect(run.stderr()).toMatch(said);
        expect(run.stderr()).toMatch(/Usage: npm run sim -- \[--port N\]/);
        expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack
      }
    },
    LONG,
  );

  it(
    'says in one line that a port is in use, naming it (exit 1)',
    async () => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const run = startSim(['--port', String(port), '--activities', '1']);
        expect(await run.code).toBe(1);
        expect(run.stderr().trim()).toBe(
          `sim: port ${port} on 127.0.0.1 is in use (another simulator?). Stop it, or choose another: npm run sim -- --port ${port + 1}`,
        );
      } finally {
        taken.close();
      }
    },
    LONG,
  );

  it(
    'prints lines that point Splits at it with a fresh, empty data folder of its own',
    async () => {
      const run = startSim(['--port', '0', '--activities', '2']);
      let made: string | undefined;
      try {
        const [, dataDir] = await untilPrinted(run, /export SPLITS_DATA_DIR='([^']+)'\n/);
        await untilPrinted(run, /Ctrl-C stops it\./);
        made = dataDir;
        expect(await readdir(dataDir!)).toEqual([]);
        expect(dataDir).not.toBe(process.env.SPLITS_DATA_DIR);
        // SPLITS_DATA_DIR comes first: pasting the lines one by one never points Splits at the simulator with the real folder.
        const lines = run
          .stdout()
          .split('\n')
          .filter((l) => l.startsWith('  export '));
        expect(lines[0]).toMatch(/^ {2}export SPLITS_DATA_DIR=/);
        expect(lines.map((l) => l.split('=')[0]!.trim())).toEqual([
          'export SPLITS_DATA_DIR',
          'export STRAVA_API_URL',
          'export STRAVA_OAUTH_URL',
          'export STRAVA_CLIENT_ID',
          'export STRAVA_CLIENT_SECRET',
        ]);
      } finally {
        run.stop();
        if (made) await rm(made, { recursive: true, force: true });
      }
      expect(await run.code).toBe(0);
    },
    LONG,
  );
});
