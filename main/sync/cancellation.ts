import { abortError } from '../clock';

/** Throws at a safe point once the run was cancelled: between pages, details and athletes. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function isCancellation(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    signal?.aborted === true ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'CanceledError'))
  );
}
