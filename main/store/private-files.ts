import { chmod, stat } from 'node:fs/promises';

// Personal data (activities, tokens, where a person trains) is its owner's alone: files 0600, folders 0700.
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Takes group and other permissions away from a file or folder that has them (one made by an earlier Splits, or by
 * hand). A missing path is left alone.
 */
export async function tightenMode(path: string, mode: number): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info && (info.mode & 0o077) !== 0) await chmod(path, mode);
}
