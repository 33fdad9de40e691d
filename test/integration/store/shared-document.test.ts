import { fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SharedDocument } from '../../../main/store/json-document';
import { TokenFile } from '../../../main/vault/token-file';
import { bundledChild } from '../../support/bundled-child';
import { settle } from '../../support/fake-clock';
import { untilIo, useLockTimers } from '../../support/lock-timers';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-shared-');
const fakeTimers = useLockTimers();
const tokens = (n: number, size = 20) => ({
  accessToken: `a${n}`.padEnd(size, 'x'),
  refreshToken: `r${n}`,
  expiresAt: n,
});

describe('a file other writers change too (accounts, the CLI tokens)', () => {
  it('changes made at once in one process all land, and the file stays whole', async () => {
    const dir = await freshDir();
    const problems: unknown[] = [];
    const file = await TokenFile.open(dir, (p) => problems.push(p));
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.set(1000 + i, tokens(i, i % 2 ? 5000 : 20))));
    const reread = await TokenFile.open(dir, (p) => problems.push(p));
    for (let i = 0; i < 20; i++) expect(await reread.get(1000 + i)).toEqual(tokens(i, i % 2 ? 5000 : 20));
    expect(problems).toEqual([]);
  });

  it("a change inside a token refresh's lock leaves that lock whole through its refreshes", async () => {
    const dir = await freshDir();
    const file = await TokenFile.open(dir, () => undefined);
    const vaultLock = async () => (await stat(join(dir, 'vault.lock'))).mtimeMs;
    fakeTimers();
    // A refresh that saves the new tokens, then outlasts the lock's own refresh (every 5 s): a slow network.
    await file.exclusive(async () => {
      await file.set(1001, tokens(1));
      const before = await vaultLock();
      await vi.advanceTimersByTimeAsync(5_000);
      await untilIo(async () => (await vaultLock()) !== before, "the vault lock's refresh");
    });
    expect(await file.get(1001)).toEqual(tokens(1));
  });

  it('a change whose lock is taken away while it holds it does not end the process', async () => {
    const dir = await freshDir();
    const path = join(dir, 'accounts.json');
    const doc = await SharedDocument.open(
      path,
      {
        schema: z.object({ version: z.literal(1), n: z.number() }),
        version: 1,
        empty: () => ({ version: 1 as const, n: 0 }),
      },
      () => undefined,
    );
    await doc.change((d) => void (d.n = 1));
    fakeTimers();
    // Another process takes the change lock over while this one is stuck past the lock's refresh (5 s).
    const change = doc.change((d) => {
      rmSync(`${path}.write.lock`, { recursive: true });
      mkdirSync(`${path}.write.lock`);
      vi.advanceTimersByTime(5_500); // the refresh comes due while the change runs, and finds the lock gone
      d.n = 2;
    });
    await change.catch(() => undefined);
    await settle(); // the refresh's stat, started by the timer, has answered
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('two processes changing different athletes at once never write over each other', async () => {
    const dir = await freshDir();
    const script = join(dir, 'writer.mts');
    await writeFile(
      script,
      `import { TokenFile } from ${JSON.stringify(join(process.cwd(), 'main/vault/token-file.ts'))};
const [dir, first] = process.argv.slice(2);
const file = await TokenFile.open(dir, () => { throw new Error('problem'); });
for (let i = 0; i < 30; i++) await file.set(Number(first) + i, { accessToken: 'a' + i, refreshToken: 'r' + i, expiresAt: i });
`,
    );
    const writer = await bundledChild(script);
    const run = (first: number) =>
      new Promise<number | null>((resolve) =>
        fork(writer, [dir, String(first)], { execArgv: [] }).once('exit', resolve),
      );
    expect(await Promise.all([run(1000), run(2000)])).toEqual([0, 0]);
    const saved = JSON.parse(await readFile(join(dir, 'cli-tokens.json'), 'utf8')) as {
      tokens: Record<string, unknown>;
    };
    expect(Object.keys(saved.tokens)).toHaveLength(60);
  }, 30_000);
});
