import { lstatSync } from 'node:fs';

/**
 * Which file is at a path, and which version of it: the device and inode, the size, and the last change and
 * modification in nanoseconds. Shared files are written to a temp file and renamed into place, so every write by any
 * process puts a new inode at the path, even one in the same clock tick as the last; a write in place (a person's
 * editor) changes the size or the times. An inode number comes back only after its file is gone: taken for the old
 * version, it would need two more writes within one tick of the file system's clock, with the same size.
 */
export type FileIdentity = string;

/**
 * The identity of the regular file at `path`, or null when there is none to trust: missing, a link, a folder, or the
 * path cannot be looked at (whoever reads the file then meets the reason). A synchronous lstat takes microseconds; it
 * does not wait behind the file writes queued in libuv's threadpool the way an asynchronous read does.
 */
export function fileIdentity(path: string): FileIdentity | null {
  try {
    const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    if (!stat?.isFile()) return null;
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return null;
  }
}
