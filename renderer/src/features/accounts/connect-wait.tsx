import type { Connection } from './use-connect';

/** Where a Connect in flight is, for a live region: the browser's page, or the login being stored. */
export function ConnectWaitText({ phase }: { phase: Connection['phase'] }) {
  if (phase === 'storing') return <strong>Strava answered: storing the login…</strong>;
  if (phase !== 'browser') return null;
  return (
    <>
      <strong>Waiting for Strava in your browser…</strong>{' '}
      <span className="muted">
        Finish there, or stop waiting to start again. Otherwise it stops by itself after 5 minutes.
      </span>
    </>
  );
}

/** Stops a Connect still waiting for the browser (one started in another view too); none once Strava answered. */
export function StopWaitingButton({ connection }: { connection: Connection }) {
  if (connection.phase !== 'browser') return null;
  return (
    <button type="button" onClick={connection.cancel}>
      Stop waiting
    </button>
  );
}
