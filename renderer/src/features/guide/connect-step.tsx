import { ConnectWaitText, StopWaitingButton } from '../accounts/connect-wait';
import type { Connection } from '../accounts/use-connect';
import { LogFolderOffer } from '../log/log-folder';

/** Step 3: Connect, then the wait for Strava's page in the browser, then main's verdict. */
export function ConnectStep({ connection, ready }: { connection: Connection; ready: boolean }) {
  const { connect, waiting, phase, error, connected } = connection;
  return (
    <>
      <p>
        Strava's page opens in your browser. Sign in as the athlete whose activities you want, tick{' '}
        <em>View data about your private activities</em> if Splits should keep those too, and click Authorize.
      </p>
      <button type="button" className="primary" disabled={!ready || waiting} onClick={connect}>
        Connect with Strava
      </button>
      {!ready && <p className="muted">Save the application's Client ID and Secret first (step 2).</p>}
      <div className="guide-answer" role="status" aria-live="polite">
        {waiting && (
          <p>
            <ConnectWaitText phase={phase} />
          </p>
        )}
        {connected && <p className="guide-ok">Connected {connected.name}.</p>}
        {error && (
          <p className="guide-bad" role="alert">
            {error.message}
            <LogFolderOffer error={error} />
          </p>
        )}
      </div>
      <StopWaitingButton connection={connection} />
    </>
  );
}
