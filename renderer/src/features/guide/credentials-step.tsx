import { useId, useState, type FormEvent } from 'react';
import { BridgeError, splits, unwrap, type InvokeResult } from '../../bridge/splits';
import { LogFolderOffer } from '../log/log-folder';
import { CheckVerdict } from './check-verdict';
import { clientIdProblem, clientSecretProblem } from './credentials-rules';

type Check = InvokeResult<'credentials:check'>;

/** Verdicts after which main has stored the pair (it refuses only those Strava said it does not know). */
const STORED = new Set<Check['verdict']>(['known', 'inactive', 'unchecked']);

/**
 * Step 2: the Client ID and Secret, checked as typed, then with Strava (Check), then stored (Save checks first).
 * `initialClientId` fills the id when the person changes an application already set.
 */
export function CredentialsStep({ initialClientId, onSaved }: { initialClientId: string; onSaved: () => void }) {
  const ids = useId();
  const [clientId, setClientId] = useState(initialClientId);
  const [clientSecret, setClientSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  const idProblem = clientIdProblem(clientId, attempted);
  const secretProblem = clientSecretProblem(clientSecret, attempted);

  const send = async (action: 'check' | 'save') => {
    setAttempted(true);
    // Nothing leaves while a field is wrong: the messages beside them say what to fix.
    if (clientIdProblem(clientId, true) || clientSecretProblem(clientSecret, true)) return;
    setBusy(action);
    setError(null);
    setCheck(null);
    setSaved(false);
    const input = { clientId: clientId.trim(), clientSecret: clientSecret.trim() };
    try {
      const api = splits().credentials;
      const answer = await unwrap(action === 'check' ? api.check(input) : api.set(input));
      setCheck(answer);
      if (action === 'save' && STORED.has(answer.verdict)) {
        setSaved(true);
        setClientSecret('');
        setAttempted(false);
        onSaved();
      }
    } catch (e) {
      setError(e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send('save');
  };

  return (
    <form className="guide-form" onSubmit={onSubmit} noValidate aria-label="Strava application credentials">
      <p>
        Copy them from the application's page on{' '}
        <a href="https://www.strava.com/settings/api" target="_blank" rel="noreferrer">
          strava.com/settings/api
        </a>
        : the Client ID is a number; click "show" to see the Client Secret.
      </p>
      <div className="guide-field">
        <label htmlFor={`${ids}-id`}>Client ID</label>
        <input
          id={`${ids}-id`}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={idProblem !== null}
          aria-describedby={`${ids}-id-problem`}
        />
        <span id={`${ids}-id-problem`} className="guide-problem">
          {idProblem}
        </span>
      </div>
      <div className="guide-field">
        <label htmlFor={`${ids}-secret`}>Client Secret</label>
        <span className="guide-secret">
          <input
            id={`${ids}-secret`}
            type={showSecret ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            aria-invalid={secretProblem !== null}
            aria-describedby={`${ids}-secret-problem`}
          />
          {/* The name starts with the visible word, so voice control users can say what they see. */}
          <button
            type="button"
            aria-label={showSecret ? 'Hide the Client Secret' : 'Show the Client Secret'}
            aria-controls={`${ids}-secret`}
            onClick={() => setShowSecret((s) => !s)}
          >
            {showSecret ? 'Hide' : 'Show'}
          </button>
        </span>
        <span id={`${ids}-secret-problem`} className="guide-problem">
          {secretProblem}
        </span>
      </div>
      <div className="guide-actions">
        <button type="button" disabled={busy !== null} onClick={() => void send('check')}>
          {busy === 'check' ? 'Asking Strava…' : 'Check'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'save' ? 'Checking and saving…' : 'Save'}
        </button>
      </div>
      {/* Space kept for Strava's answer, so the steps below do not move when it comes. */}
      <div className="guide-answer" role="status" aria-live="polite">
        {check && <CheckVerdict check={check} />}
        {saved && <p className="guide-ok">Saved. Next, connect your Strava account.</p>}
        {error && <SaveError error={error} />}
      </div>
    </form>
  );
}

/** Main's message; for a refused plain-text file, what the person can do about it. */
function SaveError({ error }: { error: BridgeError }) {
  if (error.code === 'consent-refused') {
    return (
      <div className="guide-bad" role="alert">
        <p>
          <strong>Not saved: you chose not to keep the secret in a file.</strong> {error.message}
        </p>
        <p>
          Or press Save again and answer Yes, to keep it in a private file only your user account can read (not
          encrypted).
        </p>
      </div>
    );
  }
  return (
    <p className="guide-bad" role="alert">
      {error.message}
      <LogFolderOffer error={error} />
    </p>
  );
}
