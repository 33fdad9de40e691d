import { describe, expect, it } from 'vitest';
import { connectWithCode } from '../../../main/accounts/account-service';
import { loadConfig } from '../../../main/config';
import { createLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { TokenFile } from '../../../main/store/token-file';
import { failTokenRequests, type TokenEndpointFault } from '../../strava-sim/oauth';
import { runCli } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { useWorld, type World } from '../../support/splits';

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
    failTokenRequests(w.sim, { kind: 'redirect', location: `https://elsewhere.example/oauth/token?refresh_token=${secrets[1]}&client_secret=${secrets[2]}` });
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
    for (const fault of [{ kind: 'rate-limited' }, { kind: 'redirect', location: `https://elsewhere.example/t?refresh_token=${secrets[1]}` }] as TokenEndpointFault[]) {
      failTokenRequests(w.sim, fault);
      w.sim.tokens.expireAccess(1001);
      const run = await runCli(['sync', '--verbose'], w.env);
      expect(run.code).not.toBe(0);
      for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    }
  }, 30_000);
});
