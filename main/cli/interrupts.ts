/** Ctrl-C while nothing of Splits' own was running yet (waiting for the data folder): exit 130, nothing changed. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/**
 * Calls `handler` on the first SIGINT or SIGTERM until disposed. Listening replaces Node's default (an immediate
 * exit), so the command must end by itself: a sync stops at its next safe point and writes what it received.
 */
export function onInterrupt(
  signals: NodeJS.EventEmitter,
  handler: (signal: string) => void,
): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  const listener = (name: string) => {
    // A second Ctrl-C means now: the lock names this process, so the next Splits takes it over at once.
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    handler(name);
  };
  const onInt = () => listener('SIGINT');
  const onTerm = () => listener('SIGTERM');
  signals.on('SIGINT', onInt);
  signals.on('SIGTERM', onTerm);
  return {
    signal: abort.signal,
    dispose: () => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
    },
  };
}
