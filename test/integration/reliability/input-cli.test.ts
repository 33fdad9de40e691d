import { EventEmitter } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-context';
import { runCli as runInProcess } from '../../../main/cli/run-cli';
import { runCli } from '../../support/cli';
import { useWorld, type World } from '../../support/splits';
import { snapshot } from './input-store-files';

const COMMANDS = [
  'sync',
  'status',
  'activities',
  'history',
  'logout',
  'forget',
  'watch',
  'login',
  'help',
  '--help',
  '-h',
  'version',
];
const OPTIONS = [
  '--json',
  '--athlete',
  '--full',
  '--per-page',
  '--max-pages',
  '--wait',
  '--no-details',
  '--delete-data',
  '--port',
  '--refresh-token',
  '--verbose',
  '--no-browser',
  '--',
  '-x',
  '--athlete=1001',
  '--per-page=0',
  '--max-pages=-1',
];
const VALUES = [
  '1001',
  '0',
  '-1',
  '1e3',
  '201',
  '99999999999999999999',
  '0x10',
  'NaN',
  '',
  ' ',
  '../../etc/passwd',
  '$(rm -rf /)',
  '%n%s',
  '\u202e',
  'é',
  '1001 1002',
];

/** What the environment may hold: every variable the configuration reads, with hostile values. */
function envArb(secret: string): fc.Arbitrary<Record<string, string>> {
  const hostile = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '0',
      '-5',
      '1e9',
      'yes',
      'maybe',
      'file',
      'keychain',
      'KEYCHAIN',
      'javascript:alert(1)',
      'http://127.0.0.1:1/api/v3',
      'ftp://x',
      'https://user:pw@strava.example/api/v3?token=abc',
      secret,
      `${secret}\n`,
    ),
    fc.string({ maxLength: 20 }),
  );
  const names = [
    'STRAVA_CLIENT_ID',
    'STRAVA_CLIENT_SECRET',
    'STRAVA_API_URL',
    'STRAVA_OAUTH_URL',
    'SYNC_INTERVAL_MINUTES',
    'SPLITS_MAX_RETRIES',
    'SPLITS_VAULT',
    'SPLITS_REFRESH_TOKEN',
  ];
  return fc.dictionary(fc.constantFrom(...names), hostile, { maxKeys: 3 });
}

const argvArb = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...COMMANDS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    fc.array(fc.oneof(fc.constantFrom(...OPTIONS), fc.constantFrom(...VALUES), fc.string({ maxLength: 6 })), {
      maxLength: 5,
    }),
  )
  // A login with neither a refresh token nor a bad option would wait for a browser: give it one that fails its exchange.
  .map(([command, rest]) =>
    command === 'login' ? [command, ...rest, '--refresh-token', 'not-a-token'] : [command, ...rest],
  );

const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

/** The CLI's in-process entry with a test CliIo: what it prints, and its exit code. */
async function runHere(w: World, argv: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (out += t),
    env,
    clock: w.clock,
    isTTY: false,
    readStdin: async () => '',
    self: 'splits',
  };
  // Ctrl-C for a `watch` that started, as soon as it listens: it would otherwise run turn after turn.
  const signals = new EventEmitter();
  const watching = argv.filter((a) => a !== '--verbose')[0] === 'watch';
  const stop = setInterval(() => watching && signals.emit('SIGINT'), 20);
  try {
    return { code: await runInProcess(argv, io, signals), out };
  } finally {
    clearInterval(stop);
  }
}

describe("hostile input: the CLI's arguments and environment", () => {
  const world = useWorld();

  async function connectedFolder() {
    const w = await world({ limits: { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 } });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    // The folder as the CLI leaves it: its first run records the vault's choice and gives back the limiter's lease.
    const first = await runCli(['sync', '--no-details', '--no-tracks'], w.env);
    expect(first.code, first.stderr).toBe(0);
    const tokens = (await splits.vault.get(1001))!;
    return { w, secrets: [tokens.accessToken, tokens.refreshToken, w.sim.clientSecret] };
  }

  it("random argv and SPLITS_*/STRAVA_* variables: a usage or config error (exit 2, nothing written) or the command's own outcome; never a stack trace, an unexpected error or a secret", async () => {
    const { w, secrets } = await connectedFolder();
    const sandbox = await mkdtemp(join(tmpdir(), 'splits-cli-input-'));
    const codes = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(
          argvArb,
          envArb(w.sim.clientSecret),
          fc.constantFrom('copy', 'file', 'nested'),
          async (argv, extra, where) => {
            // Each run on its own copy of the folder: a `logout` that succeeds must not change the next run's world.
            const dir = await mkdtemp(join(sandbox, 'run-'));
            const dataDir = join(dir, 'data');
            await cp(w.dataDir, dataDir, { recursive: true });
            // Or the data folder's path names a file, or a folder that is not there yet (inside the sandbox).
            const given =
              where === 'copy' ? dataDir : where === 'file' ? join(dir, 'a-file') : join(dir, 'not', 'yet', 'there');
            if (where === 'file') await writeFile(given, 'not a folder');
            const env = { ...w.env, SPLITS_DATA_DIR: given, ...extra };
            const before = await snapshot(dir);
            const { code, out } = await runHere(w, argv, env);
            const what = `${JSON.stringify(argv)} ${JSON.stringify(extra)} ${where}: exit ${code}\n${out}`;
            codes.set(code, (codes.get(code) ?? 0) + 1);
            // 130: a `watch` ends only when stopped (the Ctrl-C above), as the README's table says.
            expect([0, 2, 3, 4, 5, 6, 7, ...(argv.includes('watch') ? [130] : [])], what).toContain(code);
            expect(out, what).not.toMatch(STACK);
            for (const secret of [
              ...secrets,
              ...[extra.STRAVA_CLIENT_SECRET, extra.SPLITS_REFRESH_TOKEN].filter(
                (s): s is string => (s?.trim().length ?? 0) >= 12,
              ),
            ]) {
              expect(out, what).not.toContain(secret.trim());
            }
            if (code === 2 || code === 7) {
              expect(out, what).toMatch(/^splits: /m);
              // Nothing that was there changed. (A command that writes makes a data folder that was not there before
              // it finds the mistake: an empty store, nothing lost.)
              const after = await snapshot(dir);
              expect(
                [...before].filter(([n, h]) => after.get(n) !== h),
                what,
              ).toEqual([]);
              if (where !== 'nested') expect(after, what).toEqual(before);
            }
            await rm(dir, { recursive: true, force: true });
          },
        ),
        { numRuns: 100, seed: 1012 },
      );
    } finally {
      await rm(sandbox, { recursive: true, force: true });
    }
    // The runs reached both kinds of answer: refusals, and commands that did their work.
    expect(codes.get(2)).toBeGreaterThan(10);
    expect(codes.get(0)).toBeGreaterThan(10);
  }, 180_000);

  it('through the real bin/splits.js: hostile argv and environment exit 2 with a message, no stack trace, nothing written', async () => {
    const { w, secrets } = await connectedFolder();
    const cases: Array<[string[], Record<string, string>]> = [
      // Each process costs a second or more to start: a few cases here, the many in process above.
      [['sync', '--athlete', '../../etc/passwd', '--verbose'], {}],
      [['frobnicate', '--verbose'], { SPLITS_MAX_RETRIES: '-1' }],
      [['sync', '--verbose'], { STRAVA_CLIENT_ID: w.sim.clientSecret }],
      [['sync'], { STRAVA_API_URL: 'https://user:secret-pw@strava.example/?token=abc' }],
    ];
    const before = await snapshot(w.dataDir);
    for (const [argv, extra] of cases) {
      const run = await runCli(argv, { ...w.env, ...extra });
      const what = `${argv.join(' ')} ${JSON.stringify(extra)}: ${run.stderr}`;
      expect(run.code, what).toBe(2);
      expect(run.stderr, what).toMatch(/^splits: \S/);
      expect(run.stdout + run.stderr, what).not.toMatch(STACK);
      for (const secret of [...secrets, 'secret-pw', 'token=abc'])
        expect(run.stdout + run.stderr, what).not.toContain(secret);
    }
    expect([...(await snapshot(w.dataDir))].filter(([n, h]) => before.get(n) !== h).map(([n]) => n)).toEqual([]);
    expect([...before.keys()].filter((n) => !(n in Object.fromEntries(before)))).toEqual([]);
  }, 60_000);
});
