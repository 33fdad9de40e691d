import type { InvokeResult } from '../../bridge/splits';
import { vaultWords } from './vault-words';

/** The Strava application Splits uses: its client id, where it comes from, and the way to change it. */
export function ApplicationPanel({
  credentials,
  onChange,
}: {
  credentials: InvokeResult<'credentials:get'>;
  onChange: () => void;
}) {
  const fromEnv = credentials.source === 'env';
  return (
    <section className="accounts-app" aria-labelledby="accounts-app-title">
      <h3 id="accounts-app-title">Strava application</h3>
      <p>
        Client ID <strong>{credentials.clientId ?? 'not set'}</strong>,{' '}
        {fromEnv
          ? 'set by STRAVA_CLIENT_ID in the environment.'
          : `kept with its secret in ${vaultWords(credentials.vault)}.`}
      </p>
      <button
        type="button"
        onClick={onChange}
        disabled={fromEnv}
        aria-describedby={fromEnv ? 'accounts-app-env' : undefined}
      >
        Change the application…
      </button>
      {fromEnv && (
        <p id="accounts-app-env" className="muted">
          The environment's STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET win over anything entered here: change them, then
          start Splits again.
        </p>
      )}
    </section>
  );
}
