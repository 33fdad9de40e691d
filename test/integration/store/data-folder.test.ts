// The data folder: a folder Splits makes is private; one that was there is left as it is, unless other users could
// write into it (or replace it), which is refused before anything is written into it. Real folders, real modes.
import { chmod, chown, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../../main/cli/data-folder';
import { DataFolderUnsafeError } from '../../../main/store/data-folder';
import { SplitsStore } from '../../../main/store/splits-store';
import { isRoot } from '../../support/store-process';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-data-folder-');

/** The mode with its sticky, setuid and setgid bits: a refused folder keeps all of it. */
const fullMode = async (path: string) => (await stat(path)).mode & 0o7777;

/** Everything a folder holds, names and bytes, to show that a refusal changed nothing. */
async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)),
  );
}

/** A folder of someone's, with a file in it, at the given mode. */
async function someonesFolder(mode: number): Promise<string> {
  const dir = join(await freshDir(), 'shared');
  await mkdir(dir);
  await writeFile(join(dir, 'notes.txt'), 'somebody else keeps this here\n');
  await chmod(dir, mode);
  return dir;
}

describe('a data folder others can write to is refused, and left as it was', () => {
  // chmod is advised only for the person's own folder loosened by mistake: never for a sticky one, shared on purpose
  // (taking the others' write access away from /tmp would break every program that uses it).
  it.each([
    ['1777, as /tmp', 0o1777, false],
    ['sticky and group-writable', 0o1770, false],
    ['world-writable', 0o777, true],
    ['group-writable', 0o770, true],
    ['writable by others but not the group', 0o702, true],
  ])('%s', async (_what, mode, chmodAdvised) => {
    const dir = await someonesFolder(mode);
    const before = await contents(dir);
    const opening = SplitsStore.open(dir);
    await expect(opening).rejects.toBeInstanceOf(DataFolderUnsafeError);
    await expect(opening).rejects.toThrow(
      /can be written to by other users \(mode \d{4}\)\. Splits keeps your Strava tokens .* wrote nothing into it\. Set SPLITS_DATA_DIR to a folder of your own/,
    );
    const message = (await opening.catch((error: unknown) => error as Error)) as Error;
    if (chmodAdvised)
      expect(message.message).toMatch(
        /Or, if it is yours alone, take the others' write access away: chmod go-w .*shared$/,
      );
    else expect(message.message).not.toMatch(/chmod/);
    expect(await fullMode(dir)).toBe(mode);
    expect(await contents(dir)).toEqual(before);
  });

  it("a write command's check refuses it before its write probe", async () => {
    const dir = await someonesFolder(0o1777);
    await expect(checkDataFolder(dir, true)).rejects.toThrow(/SPLITS_DATA_DIR/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await fullMode(dir)).toBe(0o1777);
  });

  it.skipIf(!isRoot)('one that belongs to another user is refused too, private or not', async () => {
    const dir = await someonesFolder(0o700);
    await chown(dir, 65534, 65534);
    await expect(SplitsStore.open(dir)).rejects.toThrow(/belongs to another user \(uid 65534\).*SPLITS_DATA_DIR/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect((await stat(dir)).uid).toBe(65534);

    // Writable by others too: not the person's to chmod, so no chmod is advised.
    await chmod(dir, 0o777);
    const refusal = (await SplitsStore.open(dir).catch((error: unknown) => error as Error)) as Error;
    expect(refusal).toBeInstanceOf(DataFolderUnsafeError);
    expect(refusal.message).toMatch(/can be written to by other users \(mode 0777\).*SPLITS_DATA_DIR/);
    expect(refusal.message).not.toMatch(/chmod/);
  });

  it('a link as the data folder leads to the folder that is checked', async () => {
    const open = await someonesFolder(0o1777);
    const link = join(await freshDir(), 'data');
    await symlink(open, link);
    await expect(SplitsStore.open(link)).rejects.toBeInstanceOf(DataFolderUnsafeError);
    expect(await readdir(open)).toEqual(['notes.txt']);

    // A private folder reached through a link the person made (SPLITS_DATA_DIR on another disk) is used.
    const mine = join(await freshDir(), 'mine');
    await mkdir(mine, { mode: 0o700 });
    await symlink(mine, `${link}-mine`);
    const store = await SplitsStore.open(`${link}-mine`);
    await store.history.record({
      startedAt: 1,
      endedAt: 2,
      trigger: 'cli',
      athleteId: 1,
      mode: 'incremental',
      outcome: 'ok',
      syncedCount: 0,
      newCount: 0,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      requests: 1,
      error: null,
    });
    expect(await readdir(mine)).toEqual(['history.json']);
  });

  it('inside a folder anyone can write to (no sticky bit), where it could be replaced: refused, and none is made', async () => {
    const open = join(await freshDir(), 'open');
    await mkdir(open);
    await chmod(open, 0o777);
    await mkdir(join(open, 'existing'), { mode: 0o700 });
    await expect(SplitsStore.open(join(open, 'existing'))).rejects.toThrow(
      /is inside .*open, which every user can write to \(mode 0777\), so anyone could replace it/,
    );
    await expect(SplitsStore.open(join(open, 'new', 'data'))).rejects.toBeInstanceOf(DataFolderUnsafeError);
    expect(await readdir(open)).toEqual(['existing']);
    expect(await readdir(join(open, 'existing'))).toEqual([]);

    // With the sticky bit (as /tmp), nobody but its owner can rename or remove what is in it: a folder made there is used.
    await chmod(open, 0o1777);
    await SplitsStore.open(join(open, 'new', 'data'));
    expect(await fullMode(join(open, 'new'))).toBe(0o700);
  });
});

describe('what Splits makes is private; what was there keeps its mode', () => {
  it('every level of a new data folder is made 0700; the folder above it is left alone', async () => {
    const parent = await freshDir();
    await chmod(parent, 0o755);
    const store = await SplitsStore.open(join(parent, 'made', 'by', 'splits'));
    for (const level of ['made', 'made/by', 'made/by/splits'])
      expect(await fullMode(join(parent, level)), level).toBe(0o700);
    expect(await fullMode(parent)).toBe(0o755);
    expect(store.problems).toEqual([]);
  });

  it("a folder of the person's that others may only read is used as it is; the files Splits writes in it are private", async () => {
    const dir = await someonesFolder(0o755);
    const store = await SplitsStore.open(dir);
    await store.history.record({
      startedAt: 1,
      endedAt: 2,
      trigger: 'cli',
      athleteId: 1,
      mode: 'incremental',
      outcome: 'ok',
      syncedCount: 0,
      newCount: 0,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      requests: 1,
      error: null,
    });
    expect(await fullMode(dir)).toBe(0o755);
    expect(await fullMode(join(dir, 'history.json'))).toBe(0o600);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('somebody else keeps this here\n');
  });
});
