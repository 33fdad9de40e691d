import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliLogger, type CliIo } from '../../main/cli/cli-context';
import { systemClock } from '../../main/clock';
import { createLogger } from '../../main/log';
import { createFileLogger } from '../../main/log-file';
import { bundledChild } from '../support/bundled-child';
import { root } from '../support/cli';
import { useTempDirs } from '../support/temp-dirs';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** A process of its own logging to dir/fileName (test/support/log-writer-child.ts): write resolves once it has. */
async function logWriter(dir: string, fileName: string, maxBytes: number) {
  const child = spawn(
    process.execPath,
    [await bundledChild(join(root, 'test/support/log-writer-child.ts')), dir, fileName, String(maxBytes)],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const said = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = (d?: Buffer) => {
        if (d) out += d.toString();
        if (!out.includes(text)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      exited.then((code) => reject(new Error(`the log writer exited (${code}) before "${text}": ${err}`)));
      check();
    });
  return {
    write: (tag: string, count: number) => {
      child.stdin.write(`${tag} ${count}\n`);
      return said(`wrote ${tag}\n`);
    },
    end: () => {
      child.stdin.end();
      return exited;
    },
  };
}

describe('log files', () => {
  const tempDir = useTempDirs('splits-log-file-');

  it('appends the lines the stderr logger would write, redacted by the same rule, at its level', async () => {
    const dir = await tempDir();
    const said: string[] = [];
    const loggers = [
      createFileLogger({ dir, fileName: 'main.log', level: 'info' }),
      createLogger('splits', 'info', (l) => said.push(l)),
    ];
    for (const log of loggers) {
      log.debug('quiet detail');
      log.info('request failed: Authorization: Bearer abc123def', { refresh_token: 'r-secret', athleteId: 7 });
      log.warn('posted refresh_token=zzz&client_secret=sss&grant_type=refresh_token');
      log.error('body {"access_token":"a-secret","expires_at":1}');
    }
    const lines = (await readFile(join(dir, 'main.log'), 'utf8')).trimEnd().split('\n');
    // The same lines but for their times.
    const untimed = (l: string) => l.replace(/^\S+ /, '');
    expect(lines.map(untimed)).toEqual(said.map(untimed));
    expect(lines).toHaveLength(3);
    const text = lines.join('\n');
    for (const secret of ['abc123def', 'r-secret', 'zzz', 'sss', 'a-secret']) expect(text).not.toContain(secret);
    expect(text).toContain('"athleteId":7');
    expect(text).not.toContain('quiet detail');
  });

  it('makes a missing folder private, and the file readable by its owner alone, even one that was not', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'logs', 'Splits');
    createFileLogger({ dir, fileName: 'main.log', level: 'debug' }).info('started');
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'main.log'))).toBe(0o600);
    await writeFile(join(parent, 'open.log'), 'an earlier line\n', { mode: 0o644 });
    createFileLogger({ dir: parent, fileName: 'open.log', level: 'debug' }).info('more');
    expect(await modeOf(join(parent, 'open.log'))).toBe(0o600);
    expect(await readFile(join(parent, 'open.log'), 'utf8')).toMatch(/^an earlier line\n\S+ info \[splits\] more\n$/);
  });

  it('rotates past its size cap: the previous file is kept as NAME.old.EXT, both private, and nothing grows without bound', async () => {
    const dir = await tempDir();
    const maxBytes = 400;
    const log = createFileLogger({ dir, fileName: 'main.log', level: 'debug', maxBytes });
    const line = (i: number) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`;
    for (let i = 0; i < 60; i++) log.info(line(i));
    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.old.log']);
    const current = await readFile(join(dir, 'main.log'), 'utf8');
    const old = await readFile(join(dir, 'main.old.log'), 'utf8');
    const longest = Math.max(
      ...`${current}${old}`
        .trimEnd()
        .split('\n')
        .map((l) => l.length + 1),
    );
    // A file is rotated before the line that would start past the cap: at most the cap and one line each.
    for (const text of [current, old]) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxBytes + longest);
    expect(current).toContain(line(59));
    // The old file holds the lines just before the current one's first, with none lost between them.
    const firstCurrent = Number(/line (\d+)/.exec(current)![1]);
    expect(old.trimEnd().split('\n').at(-1)).toContain(line(firstCurrent - 1));
    expect(`${old}${current}`).not.toContain(line(0));
    expect(await modeOf(join(dir, 'main.log'))).toBe(0o600);
    expect(await modeOf(join(dir, 'main.old.log'))).toBe(0o600);
  });

  it('rotates a file left over the cap by an earlier process at the next line, however it was made', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'splits.log'), `${'an old line\n'.repeat(100)}`);
    createFileLogger({ dir, fileName: 'splits.log', level: 'debug', maxBytes: 500 }).info('a new run');
    expect(await readFile(join(dir, 'splits.old.log'), 'utf8')).toBe('an old line\n'.repeat(100));
    expect(await readFile(join(dir, 'splits.log'), 'utf8')).toMatch(/^\S+ info \[splits\] a new run\n$/);
  });

  it("two processes writing one file: one's rotation is not done again by the other over its .old file (the file's size decides, not a count of one's own lines)", async () => {
    const dir = await tempDir();
    // About 100 bytes a line: 6 lines stay under the cap, 11 are over it.
    const maxBytes = 1000;
    const [a, b] = await Promise.all([logWriter(dir, 'shared.log', maxBytes), logWriter(dir, 'shared.log', maxBytes)]);
    try {
      await a.write('a', 6);
      // b measures the file at its first line (a's 6 lines), and rotates before its 6th: the 11 lines go to .old.
      await b.write('b', 6);
      const rotated = await readFile(join(dir, 'shared.old.log'), 'utf8');
      expect(rotated).toContain('a-001');
      // a has counted only its own 6 lines: its 6th line here takes its count past the cap, though the file is not.
      await a.write('c', 6);
      expect(await readFile(join(dir, 'shared.old.log'), 'utf8')).toBe(rotated);
      const all = `${rotated}${await readFile(join(dir, 'shared.log'), 'utf8')}`;
      for (const tag of ['a', 'b', 'c'])
        for (let i = 1; i <= 6; i++) expect(all).toContain(`${tag}-${String(i).padStart(3, '0')}`);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("the CLI's log: warnings on stderr (every level with --verbose), every level in the log file", async () => {
    const dir = await tempDir();
    const run = (verbose: boolean, fileName: string) => {
      let err = '';
      const io: CliIo = {
        out: () => undefined,
        err: (t) => void (err += t),
        env: {},
        clock: systemClock,
        isTTY: false,
        readStdin: async () => '',
        self: 'splits',
      };
      const log = cliLogger(io, verbose, createFileLogger({ dir, fileName, level: 'debug' }));
      log.debug('a detail');
      log.warn('a warning with Bearer tok-123');
      return err;
    };
    const quiet = run(false, 'quiet.log');
    expect(quiet).toMatch(/^\S+ warn \[splits\] a warning with Bearer \[redacted\]\n$/);
    expect(run(true, 'verbose.log')).toMatch(/debug \[splits\] a detail\n.*warn/);
    for (const name of ['quiet.log', 'verbose.log']) {
      expect(await readFile(join(dir, name), 'utf8')).toMatch(
        /^\S+ debug \[splits\] a detail\n\S+ warn \[splits\] a warning with Bearer \[redacted\]\n$/,
      );
    }
  });
});
