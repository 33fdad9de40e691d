import { rename, unlink } from 'node:fs/promises';
import { StoreFileUnwritableError } from '../store/atomic-json-file';
import { openNoFollow } from '../store/no-follow';
import { PRIVATE_FILE_MODE } from '../store/private-files';

/**
 * Writes `bytes` to `path` whole or not at all, as the track store writes its files (a track, its view): through `tmp`
 * beside it, flushed, then renamed. A full disk stops the write halfway: the temp file goes, and the disk's refusal is
 * said in the store's words.
 */
export async function writePrivateFileWhole(tmp: string, path: string, bytes: Uint8Array): Promise<void> {
  try {
    // 'create' (O_EXCL, no link followed): a name that exists (a link planted there) is never written through.
    const handle = await openNoFollow(tmp, 'create', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw StoreFileUnwritableError.from(path, error);
  }
}
