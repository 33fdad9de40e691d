// A folder cache keyed by content: one folder per key, built in a temp folder beside the entries and renamed into place
// whole, so an entry seen is complete; an entry is never written after it, so a running demo serves from it while
// another starts. The few entries used last are kept.
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning } from '../../main/store/process-alive';

/** Entries kept: the one in use and the ones used last (another tree's demo may still be serving from one). */
const KEEP = 3;
const ENTRY_NAME = /^[0-9a-f]{64}$/;
/** Temp folders carry their process's id, so that one a killed build left behind is told from one being built. */
const TEMP_NAME = /^tmp-(\d+)-/;
/** A demo serving an entry marks it `<key>.in-use-<pid>` beside it (an entry is never written): no prune takes it. */
const IN_USE_NAME = /^([0-9a-f]{64})\.in-use-(\d+)$/;

export interface CachedFolder {
  dir: string;
  /** Why the folder is not a cache entry (then it is a temp folder given to onTempDir), or undefined when it is. */
  notKept?: string;
}

export interface CacheOptions {
  cacheDir: string;
  key: string;
  /** Fills the folder; a reason not to keep what it built, or undefined to keep it under key. */
  build: (into: string) => Promise<string | undefined>;
  /**
   * Each temp path made, for the caller to remove when it stops: the build's folder (renamed into place, it is gone by
   * then) and the in-use mark of the entry it serves.
   */
  onTempDir: (dir: string) => void;
}

export async function cachedFolder({ cacheDir, key, build, onTempDir }: CacheOptions): Promise<CachedFolder> {
  const entry = join(cacheDir, key);
  if (await isFolder(entry)) return used(cacheDir, key, onTempDir);
  let temp: string;
  try {
    await mkdir(cacheDir, { recursive: true });
    temp = await mkdtemp(join(cacheDir, `tmp-${process.pid}-`));
  } catch (error) {
    if (!isUnwritable(error)) throw error;
    // A read-only node_modules: built where it always was, in a temp folder of its own.
    const dir = await mkdtemp(join(tmpdir(), 'splits-demo-build-'));
    onTempDir(dir);
    await build(dir);
    return { dir, notKept: `${cacheDir} cannot be written` };
  }
  onTempDir(temp);
  const notKept = await build(temp);
  if (notKept) return { dir: temp, notKept };
  try {
    await rename(temp, entry);
  } catch (error) {
    // Another start built the same key meanwhile: its entry is as good as this one. (Windows says EPERM of a folder
    // renamed onto one that is there.)
    if (!isTaken(error) && !(codeOf(error) === 'EPERM' && (await isFolder(entry)))) throw error;
    await rm(temp, { recursive: true, force: true });
  }
  return used(cacheDir, key, onTempDir);
}

/** The entry, marked as used last and in use by this process, with the cache pruned around it. */
async function used(cacheDir: string, key: string, onTempDir: (path: string) => void): Promise<CachedFolder> {
  const entry = join(cacheDir, key);
  const now = new Date();
  // Best effort, as the prune: a cache that cannot be written still serves.
  await utimes(entry, now, now).catch(() => undefined);
  const mark = join(cacheDir, `${key}.in-use-${process.pid}`);
  await writeFile(mark, '').then(
    () => onTempDir(mark),
    () => undefined,
  );
  await prune(cacheDir, key).catch(() => undefined);
  return { dir: entry };
}

/**
 * Removes all but the KEEP entries used last (never `inUse`, nor one a running demo has marked in use), and the temp
 * folders and in-use marks of processes that are gone.
 */
export async function prune(cacheDir: string, inUse: string): Promise<void> {
  const names = await readdir(cacheDir);
  const serving = new Set([inUse]);
  for (const name of names) {
    const mark = IN_USE_NAME.exec(name);
    if (!mark) continue;
    if (Number(mark[2]) === process.pid || isProcessRunning(Number(mark[2]))) serving.add(mark[1]!);
    else await rm(join(cacheDir, name), { force: true });
  }
  const entries = await Promise.all(
    names
      .filter((name) => ENTRY_NAME.test(name))
      .map(async (name) => ({ name, usedAt: (await stat(join(cacheDir, name))).mtimeMs })),
  );
  const old = entries
    .sort((a, b) => b.usedAt - a.usedAt)
    .slice(KEEP)
    .filter(({ name }) => !serving.has(name));
  for (const { name } of old) {
    // Renamed away first: a start looking for this entry sees it whole or not at all, never half removed. (Another
    // start's prune may have taken it already.)
    const doomed = await mkdtemp(join(cacheDir, `tmp-${process.pid}-`));
    await rename(join(cacheDir, name), join(doomed, name)).catch(() => undefined);
    await rm(doomed, { recursive: true, force: true });
  }
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isProcessRunning(pid))
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const isUnwritable = (error: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes(codeOf(error) ?? '');
const isTaken = (error: unknown) => ['EEXIST', 'ENOTEMPTY'].includes(codeOf(error) ?? '');
