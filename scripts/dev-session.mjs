// One `npm run dev` a project: a second one would build into the same out/ (emptying main's folder as it starts, while
// the first one's Electron runs from it) and serve on another port without anyone noticing. The session's pid is kept
// in out/dev-session.pid while it runs; a file whose process has ended is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a project's session is recorded. */
export const devSessionFile = (root) => join(root, 'out', 'dev-session.pid');

/**
 * Claims the project's session for this process: `{ release }` (call it when the session ends), or `{ holder }`, the
 * pid of the session already running.
 */
export async function claimDevSession(root) {
  const file = devSessionFile(root);
  await mkdir(join(root, 'out'), { recursive: true });
  for (let tries = 0; ; tries++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return { release: () => releaseDevSession(file) };
    } catch (error) {
      if (error.code !== 'EEXIST' || tries >= 3) throw error;
      const holder = await pidIn(file);
      if (holder !== null && holder !== process.pid && isRunning(holder)) return { holder };
      // Left by a session that ended without its wind-down (killed): taken over.
      await rm(file, { force: true });
    }
  }
}

/** Removes the record, only while it is still this process's (a session that took over a stale one keeps its own). */
async function releaseDevSession(file) {
  if ((await pidIn(file)) === process.pid) await rm(file, { force: true });
}

async function pidIn(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error.code === 'EPERM';
  }
}
