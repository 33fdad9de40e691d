import { open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { removeAbandonedTempFiles, tempFileNameFor } from '../store/abandoned-temp-files';
import { PRIVATE_FILE_MODE } from '../store/private-files';
import { abortError } from '../clock';
import { ExportWriteError } from './export-types';
import { isExportFileName, isSafeFileName } from './file-names';

/**
 * Writes a file of the export atomically: the chunks go to a temp file beside it (private from its first byte, since
 * it holds where the person trains), which is flushed and renamed over the final name. An export interrupted anywhere
 * (Ctrl-C, a full disk, a crash) leaves either the whole file or none under its name. Returns the path. The folder
 * itself is flushed once, by the caller, when the export ends (flushing it after each of thousands of files doubled
 * the time of a GPX export): a power cut before that may lose a rename, never leave half a file.
 */
export async function writeExportFile(
  folder: string,
  name: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  signal?: AbortSignal,
  alone = false,
): Promise<string> {
  if (!isSafeFileName(name)) throw new Error(`Refusing to write an unsafe file name: ${JSON.stringify(name)}`);
  const path = join(folder, name);
  const tmp = join(folder, tempFileNameFor(name));
  let renamed = false;
  try {
    const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      for await (const chunk of chunks) {
        if (signal?.aborted) throw abortError();
        await handle.writeFile(chunk); // writes it whole, from the current position
      }
      if (signal?.aborted) throw abortError();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    renamed = true;
  } catch (error) {
    // The file system's refusals (a full disk, a folder of that name) get a message that names the file.
    if (!/^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))) throw error;
    throw new ExportWriteError(path, error as NodeJS.ErrnoException, alone);
  } finally {
    if (!renamed) await unlink(tmp).catch(() => undefined);
  }
  return path;
}

/**
 * Removes the temp files that exports killed before their rename (a SIGKILL, a power cut) left in the person's
 * folder, as the store does for its own: only those named after a file an export writes (never another program's
 * file of a like pattern), only plain files (never a link), only when their process is gone or they are a minute old
 * (never a running export's). Tidying is a courtesy: a file it cannot remove stays, and the export goes on.
 */
export async function removeAbandonedExportTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await removeAbandonedTempFiles(folder, names, { of: isExportFileName }).catch(() => undefined);
}
