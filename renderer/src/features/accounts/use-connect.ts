import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../../preload/payloads';
import { BridgeError, splits, unwrap } from '../../bridge/splits';

export interface Connection {
  /** Opens Strava's page in the system browser; settles when the athlete is connected or the login failed. */
  connect: () => void;
  waiting: boolean;
  /** Main's message: declined, box unticked, timed out, no application yet… */
  error: BridgeError | null;
  /** The athlete the last Connect brought in (their first sync has started in main). */
  connected: AccountView | null;
}

/**
 * One Connect at a time for the whole view (main replaces a login in flight with a new one, so a second button
 * would only cancel the first). No Cancel: main's loopback login gives up by itself after 5 minutes.
 */
export function useConnect(onConnected: () => void): Connection {
  const [waiting, setWaiting] = useState(false);
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
    setWaiting(true);
    setError(null);
    setConnected(null);
    unwrap(splits().accounts.connect()).then(
      (account) => {
        if (!shown.current) return;
        setConnected(account);
        setWaiting(false);
        after.current();
      },
      (e: unknown) => {
        if (!shown.current) return;
        setError(e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) }));
        setWaiting(false);
      },
    );
  }, []);

  return { connect, waiting, error, connected };
}
