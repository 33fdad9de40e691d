import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectWithCode } from '../../../main/accounts/account-service';
import { loadConfig } from '../../../main/config';
import { createLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { TokenFile } from '../../../main/vault/token-file';
import { failTokenRequests, type TokenEndpointFault } from '../../strava-sim/oauth';
import type { FaultRule } from '../../strava-sim/faults';
import { runCli, startCli, waitForAuthorizeUrl } from '../../support/cli';
import { openDesktop } from '../../support/desktop-core';
import { recordIssuedTokens } from '../../support/issued-tokens';
import { FakeClock } from '../../support/fake-clock';
import { useWorld, type World } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

/** The text of every file in the data folder but the vault's tokens file, by name. */
async function storedFiles(dataDir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const name of await readdir(dataDir, { recursive: true })) {
    if (name === 'cli-tokens.json') continue;
    const path = join(dataDir, name);
    if ((await stat(path)).isFile()) out.push([name, await readFile(path, 'latin1')]);
  }
  return out;
}

function expectNoSecret(where: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets)
    expect(text.includes(secret), `${where} holds a secret (${secret.slice(0, 8)}...)`).toBe(false);
}

/** Services as one process has them, with every log line (debug included) kept for the test to read. */
async function openLogged(w: World) {
  const lines: string[] = [];
  const splits = await createServices({
    config: loadConfig(w.env),
    clock: w.clock,
    logger: createLogger('splits', 'debug', (line) => lines.push(line)),
    vault: (store) => TokenFile.open(w.dataDir, (p) => store.problems.push(p)),
    timeoutMs: 2000,
    random: () => 0.5,
    sync: { betweenAthletesMs: 0 },
  });
  await w.connect(splits, 1001);
  return { splits, lines };
}

async function secretsOf(w: World, splits: Awaited<ReturnType<typeof openLogged>>['splits']): Promise<string[]> {
  const t = (await splits.vault.get(1001))!;
  return [t.accessToken, t.refreshToken, w.sim.clientSecret];
}

const faults: Array<[string, TokenEndpointFault]> = [
  ['429', { kind: 'rate-limited' }],
  ['403 inactive', { kind: 'inactive' }],
  ['403 credentials', { kind: 'credentials', status: 403 }],
  ['422', { kind: 'status', status: 422, body: { message: 'Unprocessable' } }],
  ['500', { kind: 'status', status: 500 }],
  ['lost answer', { kind: 'lost-answer' }],
];

describe('tokens and the client secret never appear in errors or logs', () => {
  const world = useWorld();
  const logDir = useTempDirs('splits-secrets-log-');

  for (const [name, fault] of faults) {
    it(`a ${name} from the token endpoint`, async () => {
      const w = await world();
      const { splits, lines } = await openLogged(w);
      const secrets = await secretsOf(w, splits);
      failTokenRequests(w.sim, fault);
      w.sim.tokens.expireAccess(1001);
      const report = await splits.engine.sync({ trigger: 'cli', details: false });
      const said = JSON.stringify(report) + lines.join('\n');
      expect(report.results[0]!.error).not.toBeNull();
      for (const secret of secrets) expect(said).not.toContain(secret);
    });
  }

  it('a redirect whose Location carries the token back', async () => {
    const w = await world();
    const { splits, lines } = await openLogged(w);
    const secrets = await secretsOf(w, splits);
    failTokenRequests(w.sim, {
      kind: 'redirect',
      location: `https://elsewhere.example/oauth/token?refresh_token=${secrets[1]}&client_secret=${secrets[2]}`,
    });
    w.sim.tokens.expireAccess(1001);
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    const said = JSON.stringify(report) + lines.join('\n');
    expect(report.results[0]!.error!.message).toContain('https://elsewhere.example/oauth/token');
    for (const secret of secrets) expect(said).not.toContain(secret);
  });

  it('a refresh token Strava rejects, and a network failure', async () => {
    const w = await world();
    const { splits, lines } = await openLogged(w);
    const secrets = await secretsOf(w, splits);
    w.sim.injectFault({ kind: 'reset', times: 1, path: /^\/oauth\/token/ });
    w.sim.tokens.expireAccess(1001);
    const unreachable = await splits.engine.sync({ trigger: 'cli', details: false });
    w.sim.revokeAccess(1001);
    const rejected = await splits.engine.sync({ trigger: 'cli', details: false });
    expect([unreachable.results[0]!.status, rejected.results[0]!.status]).toEqual(['unreachable', 'needs-login']);
    const said = JSON.stringify([unreachable, rejected, splits.store.accounts.list()]) + lines.join('\n');
    for (const secret of secrets) expect(said).not.toContain(secret);
  });

  it('a sign-in code refused or rate-limited', async () => {
    const w = await world();
    const { splits } = await openLogged(w);
    const code = w.sim.tokens.issueCode({ athleteId: 1001, scope: 'read,activity:read_all' });
    failTokenRequests(w.sim, { kind: 'rate-limited' });
    const limited = await connectWithCode(splits, code, 'read,activity:read_all').catch((e: unknown) => e);
    const refused = await connectWithCode(splits, 'code-unknown', 'read,activity:read_all').catch((e: unknown) => e);
    const said = JSON.stringify([limited, refused]) + String(limited) + String(refused);
    for (const secret of [code, 'code-unknown', w.sim.clientSecret]) expect(said).not.toContain(secret);
  });

  it('`splits sync --verbose` in a real process prints none of them', async () => {
    const w = await world({ clock: new FakeClock(Date.now()) });
    const { splits } = await openLogged(w);
    const secrets = await secretsOf(w, splits);
    w.sim.seedActivities(1001, 3);
    for (const fault of [
      { kind: 'rate-limited' },
      { kind: 'redirect', location: `https://elsewhere.example/t?refresh_token=${secrets[1]}` },
    ] as TokenEndpointFault[]) {
      failTokenRequests(w.sim, fault);
      w.sim.tokens.expireAccess(1001);
      const run = await runCli(['sync', '--verbose'], w.env);
      expect(run.code).not.toBe(0);
      for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    }
  }, 30_000);

  // Failing API requests (not the token endpoint): the axios error's config holds the Authorization header.
  const apiFaults: Array<[string, FaultRule]> = [
    ['401', { kind: 401, times: 1 }],
    ['500, again and again', { kind: 500 }],
    ['a reset connection', { kind: 'reset' }],
    ['an answer that never comes', { kind: 'hang', times: 2 }],
    ['malformed JSON', { kind: 'malformed', times: 1 }],
    ['the application inactive', { kind: 'inactive', times: 1 }],
  ];

  it('failing API requests (401, 500, reset, time-out, malformed, inactive): nothing in the debug log, the report or any stored file', async () => {
    const w = await world();
    const issued = recordIssuedTokens(w.sim);
    const { splits, lines } = await openLogged(w);
    w.sim.seedActivities(1001, 30);
    const secrets = [...(await secretsOf(w, splits)), w.sim.clientSecret];
    const reports: unknown[] = [];
    for (const [, fault] of apiFaults) {
      w.sim.faults.clear();
      w.sim.injectFault({ ...fault, path: /^\/api\/v3\/athlete\/activities/ });
      reports.push(await splits.engine.sync({ trigger: 'cli' }));
      w.clock.set(w.clock.now() + 3600_000);
    }
    // The errors as the code holds them too, inspected whole (hidden fields and causes included), as a crash report would
    // print them: the API's, over each fault.
    const thrown: string[] = [];
    for (const [, fault] of apiFaults) {
      w.sim.faults.clear();
      w.sim.injectFault({ ...fault, path: /^\/api\/v3\/athlete\/activities/ });
      const error = await splits
        .apiFor(1001)
        .listActivities({ page: 1, perPage: 10 }, { priority: 'user' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      if (error) thrown.push(inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error), String(error));
    }
    expect(thrown.length).toBeGreaterThanOrEqual(3 * 3); // 500, reset and inactive fail for good; the others are retried or refreshed
    expectNoSecret('errors thrown by the API', thrown.join('\n'), [...secrets, ...issued]);
    w.sim.faults.clear();
    // The log (kept at debug, every level) said what failed, so a leak had somewhere to show.
    expect(lines.join('\n')).toMatch(/ECONNRESET[\s\S]*ETIMEDOUT/);
    const said = JSON.stringify(reports) + lines.join('\n');
    expectNoSecret('reports and the debug log', said, [...secrets, ...issued]);
    for (const [name, text] of await storedFiles(w.dataDir)) expectNoSecret(name, text, [...secrets, ...issued]);
  }, 60_000);

  it('every CLI command with --verbose, failing and not, prints none of them, and no stored file but the vault holds one', async () => {
    const w = await world({ clock: new FakeClock(Date.now()) });
    const issued = recordIssuedTokens(w.sim);
    w.sim.seedActivities(1001, 5);
    const first = w.sim.grantTokens(1001);
    const said: string[] = [];
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      const run = await runCli([...args, '--verbose'], { ...w.env, ...env });
      said.push(run.stdout, run.stderr);
      return run;
    };
    // The refresh token given on the command line is the person's own input; what Splits prints must not repeat it.
    expect((await cli(['login', '--refresh-token', first.refresh_token, '--json'])).code).toBe(0);
    await cli(['sync', '--json']);
    await cli(['status']);
    await cli(['activities', '--json']);
    await cli(['history']);
    w.sim.injectFault({ kind: 401, times: 1 });
    await cli(['sync']);
    // Without retries: they wait on the real clock here (1 s, 2 s, 4 s).
    w.sim.injectFault({ kind: 500 });
    await cli(['sync', '--full'], { SPLITS_MAX_RETRIES: '0' });
    w.sim.faults.clear();
    w.sim.injectFault({ kind: 'reset' });
    await cli(['sync'], { SPLITS_MAX_RETRIES: '0' });
    w.sim.faults.clear();
    // Nothing listens at this address: a network error from the first request.
    await cli(['sync'], { STRAVA_API_URL: 'http://127.0.0.1:9/api/v3', SPLITS_MAX_RETRIES: '0' });
    await cli(['logout']);
    const secrets = [first.access_token, first.refresh_token, w.sim.clientSecret, ...issued];
    expect(issued.length).toBeGreaterThan(2);
    expectNoSecret("the CLI's output", said.join('\n'), secrets);
    for (const [name, text] of await storedFiles(w.dataDir)) expectNoSecret(name, text, secrets);
  }, 120_000);

  it('the --log-file of CLI runs with --verbose (a browser login, a sync, syncs that fail) holds none of them', async () => {
    const w = await world({ clock: new FakeClock(Date.now()) });
    const issued = recordIssuedTokens(w.sim);
    w.sim.seedActivities(1001, 5);
    const log = join(await logDir(), 'splits.log');
    const withLog = ['--verbose', '--log-file', log];
    const cli = (args: string[], env: Record<string, string> = {}) =>
      runCli([...args, ...withLog], { ...w.env, ...env });
    // The browser's sign-in: a code comes back to the loopback, and is exchanged for the first tokens.
    const login = startCli(['login', '--no-browser', ...withLog], w.env);
    await fetch((await fetch(await waitForAuthorizeUrl(login), { redirect: 'manual' })).headers.get('location')!);
    expect(await login.exit).toBe(0);
    expect((await cli(['sync'])).code).toBe(0);
    w.sim.injectFault({ kind: 401, times: 1 });
    await cli(['sync']);
    w.sim.injectFault({ kind: 500 });
    expect((await cli(['sync', '--full'], { SPLITS_MAX_RETRIES: '1' })).code).toBe(6);
    w.sim.faults.clear();
    // A token refresh redirected with the secrets in its Location, then refused with a 429.
    const [code, refreshToken] = [issued[0]!, issued.at(-1)!];
    failTokenRequests(w.sim, {
      kind: 'redirect',
      location: `https://elsewhere.example/t?refresh_token=${refreshToken}&client_secret=${w.sim.clientSecret}&code=${code}`,
    });
    w.sim.tokens.expireAccess(1001);
    expect((await cli(['sync'])).code).not.toBe(0);
    failTokenRequests(w.sim, { kind: 'rate-limited' });
    const limited = await cli(['sync']);
    // (CI once saw exit 1 here, not seen again: what the run said and logged goes with the failure. The simulator's tokens only.)
    expect(limited.code, `${limited.stderr}\n${(await readFile(log, 'latin1')).slice(-3000)}`).toBe(4);
    // Nothing listens at this address: a network error from the first request.
    expect((await cli(['sync'], { STRAVA_API_URL: 'http://127.0.0.1:9/api/v3', SPLITS_MAX_RETRIES: '0' })).code).toBe(
      6,
    );
    await cli(['logout']);
    const text = await readFile(log, 'latin1');
    // The log said what failed, so a leak had somewhere to show: every run, the retries, the redirect's address.
    expect(text.match(/ splits \w+ started\n/g)).toHaveLength(8);
    expect(text).toMatch(
      /retrying a failed request[\s\S]*redirect \(HTTP 307\) to https:\/\/elsewhere\.example\/t[\s\S]*at the rate limit[\s\S]*ECONNREFUSED/,
    );
    expect(issued.length).toBeGreaterThan(4);
    expectNoSecret('the log file', text, [w.sim.clientSecret, ...issued]);
  }, 120_000);

  it("the renderer receives none of them: every channel's result and every event, through syncs that fail", async () => {
    const w = await world();
    const issued = recordIssuedTokens(w.sim);
    w.sim.seedActivities(1001, 10);
    const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      await app.invoke('app:ready');
      const results: unknown[] = [];
      results.push(await app.invoke('sync:now', { mode: 'full' }));
      for (const [, fault] of apiFaults.filter(([name]) => name !== 'an answer that never comes')) {
        w.sim.faults.clear();
        w.sim.injectFault(fault);
        results.push(await app.invoke('sync:now', { mode: 'quick' }));
      }
      w.sim.faults.clear();
      failTokenRequests(w.sim, { kind: 'status', status: 500 });
      w.sim.tokens.expireAccess(1001);
      results.push(await app.invoke('sync:now', { mode: 'quick' }));
      const id = (await app.services.store.activities(1001)).ids()[0];
      for (const [channel, args] of [
        ['app:info', []],
        ['sync:state', []],
        ['limits:status', []],
        ['accounts:list', []],
        ['credentials:get', []],
        ['credentials:check', [{ clientId: w.sim.clientId, clientSecret: w.sim.clientSecret }]],
        ['settings:get', []],
        ['history:list', [{}]],
        ['activities:query', [{}]],
        ['activities:get', [{ athleteId: 1001, id }]],
        ['activities:totals', [{}]],
        ['activities:track', [{ athleteId: 1001, id }]],
        ['activities:routes', [{}]],
        ['stats:get', [{}]],
      ] as const) {
        results.push(await app.invoke(channel, ...args));
      }
      const tokens = (await app.services.vault.get(1001))!;
      const secrets = [tokens.accessToken, tokens.refreshToken, w.sim.clientSecret, ...issued];
      expectNoSecret('IPC results', JSON.stringify(results), secrets);
      expectNoSecret('events', JSON.stringify(app.events), secrets);
      expect(app.events.some((e) => e.channel === 'sync:finished')).toBe(true);
    } finally {
      await app.close();
    }
  }, 60_000);
});
