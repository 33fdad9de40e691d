import type { ReactNode } from 'react';
import type { InvokeResult } from '../../bridge/splits';
import type { Connection } from '../accounts/use-connect';
import { ConnectStep } from './connect-step';
import { CredentialsStep } from './credentials-step';
import { StravaAppStep } from './strava-app-step';
import './guide.css';

type Credentials = InvokeResult<'credentials:get'>;

interface GuideProps {
  credentials: Credentials;
  /** Whether an athlete is connected already (step 3 done). */
  hasAccount: boolean;
  connection: Connection;
  /** Main stored new credentials: the view reads them again. */
  onSaved: () => void;
  /** Shown when the person opened the guide to change the application: closes it. */
  onClose?: () => void;
}

/** From nothing to the first sync: the Strava application, its credentials, Connect, then the sync that follows. */
export function FirstRunGuide({ credentials, hasAccount, connection, onSaved, onClose }: GuideProps) {
  const hasApp = credentials.hasSecret;
  const fromEnv = credentials.source === 'env';
  return (
    <section className="guide" aria-labelledby="guide-title">
      <div className="guide-head">
        <h2 id="guide-title">{onClose ? 'Change the Strava application' : 'Set up Splits'}</h2>
        {onClose && (
          <button type="button" onClick={onClose}>
            Close the guide
          </button>
        )}
      </div>
      <ol className="guide-steps">
        <Step n={1} title="Create your Strava API application" done={hasApp}>
          <StravaAppStep done={hasApp && !onClose} />
        </Step>
        <Step n={2} title="Enter its Client ID and Client Secret" done={hasApp && !onClose}>
          {fromEnv ? (
            <p>
              Client ID {credentials.clientId} is set by STRAVA_CLIENT_ID in the environment (with
              STRAVA_CLIENT_SECRET): nothing to enter here. To use another application, change those variables and start
              Splits again.
            </p>
          ) : (
            <CredentialsStep initialClientId={credentials.clientId ?? ''} onSaved={onSaved} />
          )}
        </Step>
        <Step n={3} title="Connect your Strava account" done={hasAccount && !connection.waiting}>
          <ConnectStep connection={connection} ready={hasApp} />
        </Step>
        <Step n={4} title="The first sync" done={false}>
          <p>
            It starts by itself once you are connected: the status bar above shows its progress, and your activities
            appear under Activities as they arrive.
          </p>
        </Step>
      </ol>
    </section>
  );
}

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: ReactNode }) {
  return (
    <li className={done ? 'guide-step guide-done' : 'guide-step'} aria-labelledby={`guide-step-${n}`}>
      <h3 id={`guide-step-${n}`}>
        <span className="guide-number" aria-hidden="true">
          {done ? '✓' : n}
        </span>
        Step {n}: {title}
        {done && <span className="guide-sr-only"> (done)</span>}
      </h3>
      {children}
    </li>
  );
}
