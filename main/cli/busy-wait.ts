import { DataFolderBusyError } from '../store/data-lock';
import type { CliIo } from './cli-context';
import { Interrupted } from './interrupts';

/** How often a waiting command tries the data folder again: a sync winding down frees it within a second or two. */
const RETRY_MS = 500;

/**
 * Runs `work`; when another Splits holds the data folder and `--wait` was given, says so once and tries again until
 * it is free (or Ctrl-C, which `signal` carries). Without `--wait` the busy folder is the command's answer (exit 7).
 */
export async function whenFolderFree<T>(io: CliIo, wait: boolean, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  for (let told = false; ; told = true) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DataFolderBusyError) || !wait) throw error;
      if (!told) io.err(`${error.message.replace(/ Wait for it.*$/, '')} Waiting for it to finish (Ctrl-C stops)...\n`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, RETRY_MS);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (signal.aborted) throw new Interrupted('Stopped waiting for the other Splits. Nothing was changed.');
  }
}
