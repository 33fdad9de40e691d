import { setTimeout as delay } from 'node:timers/promises';
import { DataFolderBusyError } from '../store/data-lock';
import type { CliIo } from './cli-context';
import { Interrupted } from './interrupts';

/** How often a waiting command tries the data folder again: a sync winding down frees it within a second or two. */
const RETRY_MS = 500;

/**
 * Runs `work`; when another Splits holds the data folder and `--wait` was given, says so once and tries again until
 * it is free (or Ctrl-C, which `signal` carries). Without `--wait` the busy folder is the command's answer (exit 7).
 */
export async function whenFolderFree<T>(
  io: CliIo,
  wait: boolean,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  for (let told = false; ; told = true) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DataFolderBusyError) || !wait) throw error;
      if (!told) io.err(waitingLine(error));
    }
    // Node's timer takes its listener off the signal when it fires: one added at every retry and never removed piled
    // up (a warning of a leak after five seconds of waiting, and memory for as long as it waited).
    await delay(RETRY_MS, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) throw new Interrupted(STOPPED_WAITING);
  }
}

/** Said once when a command starts waiting for the data folder: what holds it, and how to stop waiting. */
export function waitingLine(busy: DataFolderBusyError): string {
  return `${busy.message.replace(/ Wait for it.*$/, '')} Waiting for it to finish (Ctrl-C stops)...\n`;
}

/** Ctrl-C while a command waited for the data folder: it had not begun. */
export const STOPPED_WAITING = 'Stopped waiting for the other Splits. Nothing was changed.';
