// scripts/dev-session.mjs: one `npm run dev` a project, claimed by real processes racing for one record.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const folders: string[] = [];
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * A claimer: a process that loads the module, says it is ready, claims the project's session at a line on stdin (all
 * of them at once), says what it got, and stays until stdin closes. Its file is named like the dev script (a record's
 * holder is a dev session only when its command line says dev.mjs).
 */
const CLAIMER = `
  const { claimDevSession } = await import(${JSON.stringify(pathToFileURL(join(root, 'scripts', 'dev-session.mjs')).href)});
  console.log('ready');
  process.stdin.once('data', async () => {
    const got = await claimDevSession(process.argv[2]);
    console.log(JSON.stringify(got.holder ? { holder: got.holder } : { claimed: process.pid }));
  });
  process.stdin.on('end', () => process.exit(0));
`;

type Got = { holder?: number; claimed?: number };

/** A claimer started and ready: `go` has it claim, and resolves with what it got; `end` ends it. */
interface Claimer {
  pid: number;
  go: () => Promise<Got>;
  end: () => Promise<void>;
}

async function startClaimer(script: string, project: string): Promise<Claimer> {
  const child = spawn(process.execPath, [script, project], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  let waiting: (() => void) | null = null;
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    waiting?.();
  });
  const line = async (n: number) => {
    while (lines.length < n) {
      if (child.exitCode !== null) throw new Error(`the claimer exited ${child.exitCode}: ${lines.join(' | ')}`);
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 100);
      });
    }
    return lines[n - 1]!;
  };
  expect(await line(1)).toBe('ready');
  return {
    pid: child.pid!,
    go: async () => (child.stdin.write('go\n'), JSON.parse(await line(2)) as Got),
    end: () => (child.stdin.end(), exited),
  };
}

/** A pid that no process has now: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe.skipIf(process.platform !== 'linux')('the dev session record', () => {
  it('four sessions starting at once over a stale record: one claims it, the others are told who holds it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'splits-dev-session-'));
    folders.push(dir);
    const script = join(dir, 'claim-dev.mjs');
    await writeFile(script, CLAIMER);
    for (let round = 0; round < 4; round++) {
      const project = join(dir, `project-${round}`);
      await mkdir(join(project, 'out'), { recursive: true });
      await writeFile(join(project, 'out', 'dev-session.pid'), `${await deadPid()}\n`);
      const claimers = await Promise.all([1, 2, 3, 4].map(() => startClaimer(script, project)));
      try {
        const got = await Promise.all(claimers.map((c) => c.go()));
        const claimed = got.filter((g) => g.claimed !== undefined);
        expect(claimed, `round ${round}: ${JSON.stringify(got)}`).toHaveLength(1);
        const holder = claimed[0]!.claimed!;
        for (const g of got) if (g !== claimed[0]) expect(g.holder).toBe(holder);
        expect((await readFile(join(project, 'out', 'dev-session.pid'), 'utf8')).trim()).toBe(String(holder));
      } finally {
        await Promise.all(claimers.map((c) => c.end()));
      }
      // Each claimer removed what it made: the holder its record at exit, every one its draft and what it set aside.
      expect(await readdir(join(project, 'out'))).toEqual([]);
    }
  });
});
