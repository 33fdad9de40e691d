import { useCallback, useEffect, useRef, useState } from 'react';
import { BridgeError } from './splits';

export interface Loaded<T> {
  value: T | null;
  error: BridgeError | null;
  loading: boolean;
  /** Asks again (after an event says the data changed, or a "Try again"). */
  reload: () => void;
}

/**
 * Loads a value from main when `deps` change; keeps the previous value while the next one loads, so a table or a
 * meter never blanks (no layout jump). A stale answer (deps changed meanwhile) is dropped.
 */
export function useInvoke<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ value: T | null; error: BridgeError | null; loading: boolean }>({
    value: null,
    error: null,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => ticket === latest.current && setState({ value, error: null, loading: false }),
      (error: unknown) =>
        ticket === latest.current &&
        setState((s) => ({
          value: s.value,
          error: error instanceof BridgeError ? error : new BridgeError({ code: 'internal', message: String(error) }),
          loading: false,
        })),
    );
    // The caller's deps, as useEffect takes them: `load` is that render's own closure, called again when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the deps are the caller's (a spread), `load` is read with them
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
