// One `npm run dev` a project: a second one would build into the same out/ (emptying main's folder as it starts, while
// the first one's Electron runs from it) and serve on another port without anyone noticing. The session's pid is kept
// in out/dev-session.pid while it runs; a record whose process has ended (or is no longer a dev session: a pid used
// again after a reboot) is taken over.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { link, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a project's session is recorded. */
export const devSessionFile = (root) => join(root, 'out', 'dev-session.pid');

/**
 * Claims the project's session for this process: `{ release }`, or `{ holder }`, the pid of the session already
 * running. The record is removed when this process exits, however it exits short of a kill; `release` removes it
 * sooner.
 */
export async function claimDevSession(root) {
  const file = devSessionFile(root);
  await mkdir(join(root, 'out'), { recursive: true });
  // Written whole under a name of its own, then linked into place: a link fails when the record exists, so two
  // sessions starting at once never both claim it, and nobody reads a record half written.
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, `${process.pid}\n`);
  try {
    for (let tries = 0; ; tries++) {
      if (tries > 8) throw new Error(`npm run dev could not claim ${file}: other sessions kept changing it`);
      if (await place(draft, file)) {
        // A session that judged the record before it stale may still move it aside (and another put its own there):
        // the claim stands once it has held for a moment.
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        if (pidIn(file) === process.pid) break;
      }
      const holder = pidIn(file);
      if (holder !== null && holder !== process.pid && isDevSession(holder)) {
        // The same wait before naming the holder: a record just placed may still give way to another.
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        if (pidIn(file) === holder) return { holder };
        continue;
      }
      await setAside(file, holder);
    }
  } finally {
    await rm(draft, { force: true });
  }
  const release = () => {
    if (pidIn(file) === process.pid) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { release: async () => release() };
}

/** How long a claim must hold before it stands (see claimDevSession). */
const SETTLE_MS = 100;

/** Puts the draft at `file`: false when a record is there. */
async function place(draft, file) {
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    // A file system without hard links (FAT, exFAT, some network shares): created exclusively and written instead.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(error.code)) throw error;
  }
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${process.pid}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Takes a record left by a session that ended without its wind-down (killed) out of the way. Moved aside, not
 * removed: when another new session has put its own record there since this one judged it stale, the moved copy
 * says so, and is put back.
 */
async function setAside(file, stale) {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  if (pidIn(aside) !== stale) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
}

function pidIn(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Whether `pid` runs (as anyone: EPERM) and, where /proc tells, is a `npm run dev` (scripts/dev.mjs). */
function isDevSession(pid) {
  if (!isRunning(pid)) return false;
  const cmdline = readProc(pid, 'cmdline');
  return cmdline === null || cmdline.includes('dev.mjs');
}

/** Whether `pid` runs: signals reach it (or would, as another user's), and /proc does not call it a zombie. */
export function isRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  return procStat(pid)?.state !== 'Z';
}

function readProc(pid, name) {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * A process's name, state and parent from /proc/<pid>/stat (Linux); null elsewhere. The name is in parentheses and may
 * hold spaces and parentheses itself: the fields after it are counted from the last ')'.
 */
function procStat(pid) {
  const stat = readProc(pid, 'stat');
  if (stat === null) return null;
  const close = stat.lastIndexOf(')');
  const [state, ppid] = stat.slice(close + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, close), state, ppid: Number(ppid) };
}

/** A process's parent and name, from /proc (Linux) or ps (macOS and other Unixes); null where neither answers. */
function parentOf(pid) {
  const stat = procStat(pid);
  if (stat !== null) return stat;
  try {
    const [ppid, ...name] = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return { ppid: Number(ppid), name: name.join(' ') };
  } catch {
    return null;
  }
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh']);

/**
 * The processes whose end ends the session: the parent, and, when the parent is the shell npm runs a script in
 * (npm → sh -c → node), the npm above it too. npm does not pass a SIGKILL on, and the shell outlives it.
 */
export function sessionOwners() {
  const owners = [process.ppid];
  const parent = parentOf(process.ppid);
  const name = parent?.name.split('/').at(-1);
  if (parent && name && SHELLS.has(name) && parent.ppid > 1) owners.push(parent.ppid);
  return owners;
}
