import { useCallback, useState } from 'react';
import { splits, type IpcError } from '../../bridge/splits';

export interface SyncControls {
  /** A sync or cancel asked for and not yet answered. */
  pending: 'quick' | 'full' | 'cancel' | null;
  /** Main's answer when the last request failed (the folder busy with the CLI, no credentials...): its code and message. */
  error: IpcError | null;
  syncNow: (mode: 'quick' | 'full') => void;
  cancel: () => void;
}

/** Sync now, full sync and cancel: the state itself comes from main's events; only a refusal is kept here. */
export function useSyncControls(): SyncControls {
  const [pending, setPending] = useState<SyncControls['pending']>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const syncNow = useCallback((mode: 'quick' | 'full') => {
    setError(null);
    setPending(mode);
    void splits()
      .sync.now({ mode })
      .then(
        (result) => setError(result.ok ? null : result.error),
        (e: unknown) => setError({ code: 'internal', message: String(e) }),
      )
      .finally(() => setPending(null));
  }, []);
  const cancel = useCallback(() => {
    setPending('cancel');
    void splits()
      .sync.cancel()
      .then(
        (result) => !result.ok && setError(result.error),
        (e: unknown) => setError({ code: 'internal', message: String(e) }),
      )
      .finally(() => setPending((p) => (p === 'cancel' ? null : p)));
  }, []);
  return { pending, error, syncNow, cancel };
}
