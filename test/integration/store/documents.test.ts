import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccountStore } from '../../../main/store/account-store';
import { HISTORY_LIMIT, HistoryStore } from '../../../main/store/history-store';
import { SyncStateStore } from '../../../main/store/sync-state-store';
import { TokenFile } from '../../../main/vault/token-file';
import { openDocument, type StoreProblem } from '../../../main/store/json-document';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const freshDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'splits-doc-'));
  dirs.push(d);
  return d;
};

const v2 = z.object({ version: z.literal(2), athletes: z.array(z.object({ id: z.number(), name: z.string() })) });

describe('store documents', () => {
  it('migrates an older file one version at a time', async () => {
    const dir = await freshDir();
    const path = join(dir, 'people.json');
    await writeFile(path, JSON.stringify({ version: 1, ids: [7, 9] }));
    const problems: StoreProblem[] = [];
    const doc = await openDocument(
      path,
      {
        schema: v2,
        version: 2,
        empty: () => ({ version: 2 as const, athletes: [] }),
        migrations: { 1: (old) => ({ athletes: (old.ids as number[]).map((id) => ({ id, name: `Athlete ${id}` })) }) },
      },
      (p) => problems.push(p),
      null,
    );
    expect(problems).toEqual([]);
    expect(doc.data).toEqual({
      version: 2,
      athletes: [
        { id: 7, name: 'Athlete 7' },
        { id: 9, name: 'Athlete 9' },
      ],
    });
    await doc.write();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 2 });
  });

  it('upgrades a version 1 sync state: what was synced stays, a scan under way starts again', async () => {
    const dir = await freshDir();
    const v1 = {
      version: 1,
      athletes: {
        '1001': {
          lastSyncAt: 5,
          lastFullScanAt: 4,
          detailUnavailable: [9],
          fullScan: { startedAt: 3, perPage: 200, nextPage: 7, seen: [1, 2, 3] },
        },
      },
    };
    await writeFile(join(dir, 'sync-state.json'), JSON.stringify(v1));
    const problems: StoreProblem[] = [];
    const state = await SyncStateStore.open(dir, (p) => problems.push(p), null);
    expect(problems).toEqual([]);
    expect(state.get(1001)).toEqual({ lastSyncAt: 5, lastFullScanAt: 4, detailUnavailable: [9], fullScan: null });
  });

  it('writes atomically, leaving no temp files, with the mode asked for', async () => {
    const dir = await freshDir();
    const path = join(dir, 'secret.json');
    const doc = await openDocument(
      path,
      {
        schema: z.object({ version: z.literal(1), n: z.number() }),
        version: 1,
        empty: () => ({ version: 1 as const, n: 0 }),
        mode: 0o600,
      },
      () => undefined,
      null,
    );
    await Promise.all(Array.from({ length: 50 }, (_, i) => ((doc.data.n = i), doc.write())));
    expect(await readdir(dir)).toEqual(['secret.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, n: 49 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('accounts and tokens written by two processes keep both changes', async () => {
    const dir = await freshDir();
    const [tokensA, tokensB] = await Promise.all([
      TokenFile.open(dir, () => undefined),
      TokenFile.open(dir, () => undefined),
    ]);
    await tokensA.set(1001, { accessToken: 'a1', refreshToken: 'r1', expiresAt: 1 });
    await tokensB.set(2002, { accessToken: 'a2', refreshToken: 'r2', expiresAt: 2 }); // B never read A's write
    await tokensA.set(1001, { accessToken: 'a1b', refreshToken: 'r1b', expiresAt: 3 }); // a rotation in A
    const tokens = await TokenFile.open(dir, () => undefined);
    expect(await tokens.get(1001)).toMatchObject({ refreshToken: 'r1b' });
    expect(await tokens.get(2002)).toMatchObject({ refreshToken: 'r2' });

    const [accountsA, accountsB] = await Promise.all([
      AccountStore.open(dir, () => undefined),
      AccountStore.open(dir, () => undefined),
    ]);
    const account = (athleteId: number) => ({
      athleteId,
      name: `A${athleteId}`,
      scope: 'read',
      state: 'connected' as const,
      stateMessage: null,
      connectedAt: athleteId,
    });
    await accountsA.save(account(1001));
    await accountsB.save(account(2002));
    await accountsA.setState(1001, 'needs-login', 'Log in again.');
    const accounts = await AccountStore.open(dir, () => undefined);
    expect(accounts.list().map((a) => [a.athleteId, a.state])).toEqual([
      [1001, 'needs-login'],
      [2002, 'connected'],
    ]);
  });

  it('keeps the latest 1,000 runs of history', async () => {
    const dir = await freshDir();
    const history = await HistoryStore.open(dir, () => undefined, null);
    const run = (i: number) => ({
      startedAt: i,
      endedAt: i + 1,
      trigger: 'background' as const,
      athleteId: 1,
      mode: 'incremental' as const,
      outcome: 'ok',
      syncedCount: 0,
      newCount: 0,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      requests: 2,
      error: null,
    });
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) await history.record(run(i));
    const reopened = await HistoryStore.open(dir, () => undefined, null);
    const all = reopened.recent(5000);
    expect(all).toHaveLength(HISTORY_LIMIT);
    expect(all[0]!.startedAt).toBe(HISTORY_LIMIT + 24);
    expect(all.at(-1)!.startedAt).toBe(25);
  });
});
