import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledChild } from '../../support/bundled-child';
import { root, runCli } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const child = fileURLToPath(new URL('./refresh-child.ts', import.meta.url));

/** The athlete's state as every process sees it: accounts.json on disk. */
async function accountStateOnDisk(dataDir: string): Promise<string | undefined> {
  const file = JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8')) as {
    accounts: Array<{ athleteId: number; state: string }>;
  };
  return file.accounts.find((a) => a.athleteId === 1001)?.state;
}

/** Starts a refresh-child process; resolves its "go" trigger once it is ready, and its outcome once it is done. */
async function startChild(env: Record<string, string>) {
  const proc = spawn(process.execPath, [await bundledChild(child)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ ok: boolean; code?: string; message?: string }>((resolve, reject) =>
    proc.once('exit', () => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as { ok: boolean });
      } catch {
        reject(new Error(`the child printed no outcome: ${out} ${err}`));
      }
    }),
  );
  return { ready, go: () => proc.stdin.end('go\n'), done };
}

describe('tokens across processes', () => {
  // The processes started here run on the real clock: the simulator's starts at the real now, so both agree on expiry.
  const world = useWorld();

  it('a refresh token rotated by `splits sync` does not log out a long-lived process that refreshes afterwards', async () => {
    const w = await world({ clock: new FakeClock(Date.now()) });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    const desktop = await w.openConnected();
    expect((await desktop.engine.sync({ trigger: 'launch', details: false })).results[0]).toMatchObject({
      status: 'ok',
    });

    // `splits sync` in another process finds the access token dead, refreshes, and Strava rotates the refresh token.
    w.sim.tokens.expireAccess(1001);
    const cli = await runCli(['sync'], w.env);
    expect(cli.code, cli.stderr).toBe(0);
    expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);

    // Later the long-lived process needs a refresh too: it must use the rotated token, not the one it read at start.
    w.sim.tokens.expireAccess(1001);
    const later = await desktop.engine.sync({ trigger: 'background', details: false });
    expect(later.results[0]).toMatchObject({ status: 'ok' });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200, 200]);
    expect(await accountStateOnDisk(w.dataDir)).toBe('connected');
  });

  it('processes refreshing at the same moment send one refresh, and every one of them goes on', async () => {
    const w = await world({ clock: new FakeClock(Date.now()) });
    const splits = await w.openConnected();
    const before = (await splits.vault.get(1001))!;
    w.sim.tokens.expireAccess(1001); // each process's first request gets a 401 and asks for a refresh

    const children = await Promise.all([startChild(w.env), startChild(w.env), startChild(w.env)]);
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const outcomes = await Promise.all(children.map((c) => c.done));

    expect(outcomes).toEqual([
      { ok: true, athleteId: 1001 },
      { ok: true, athleteId: 1001 },
      { ok: true, athleteId: 1001 },
    ]);
    expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);
    // What is stored is the rotated pair, and Strava accepts it.
    const after = (await splits.vault.get(1001))!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(w.sim.tokens.check(after.accessToken).ok).toBe(true);
    expect(await accountStateOnDisk(w.dataDir)).toBe('connected');
  }, 60_000);
});
