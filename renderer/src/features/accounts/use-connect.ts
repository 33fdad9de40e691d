import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountView, SyncStateView } from '../../../../preload/payloads';
import { useLive } from '../../bridge/live';
import { BridgeError, splits, unwrap } from '../../bridge/splits';

export interface Connection {
  /** Opens Strava's page in the system browser; settles when the athlete is connected or the login failed. */
  connect: () => void;
  /** Stops a Connect still waiting for the browser, wherever it was started: main answers it 'cancelled'. */
  cancel: () => void;
  /** A Connect is in flight, started in this view or another: every Connect button waits for it. */
  waiting: boolean;
  /** Where it is: Strava's page open in the browser (it can be stopped), or the login being stored; null when none. */
  phase: SyncStateView['connecting'];
  /** Main's message: declined, box unticked, timed out, no application yet… */
  error: BridgeError | null;
  /** The athlete the last Connect brought in (their first sync has started in main). */
  connected: AccountView | null;
}

/**
 * One Connect at a time for the whole window. Main refuses a second one while a login is in flight, and its state
 * says when one is (`connecting`), so a view opened again, or after a reload, knows of a Connect started before it and
 * offers to stop waiting instead of starting another.
 */
export function useConnect(onConnected: () => void): Connection {
  const live = useLive();
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const [connected, setConnected] = useState<AccountView | null>(null);
  const shown = useRef(true);
  const after = useRef(onConnected);
  after.current = onConnected;
  useEffect(() => {
    shown.current = true;
    return () => void (shown.current = false);
  }, []);

  const connect = useCallback(() => {
    setStarted(true);
    setError(null);
    setConnected(null);
    unwrap(splits().accounts.connect()).then(
      (account) => {
        if (!shown.current) return;
        setConnected(account);
        setStarted(false);
        after.current();
      },
      (e: unknown) => {
        if (!shown.current) return;
        const failure = e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) });
        // Stopped on purpose: nothing to tell.
        setError(failure.code === 'cancelled' ? null : failure);
        setStarted(false);
      },
    );
  }, []);

  const cancel = useCallback(() => {
    unwrap(splits().accounts.cancelConnect()).catch((e: unknown) => {
      if (shown.current)
        setError(e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) }));
    });
  }, []);

  const phase = live.state?.connecting ?? (started ? 'browser' : null);
  return { connect, cancel, waiting: phase !== null, phase, error, connected };
}
