import { useState } from 'react';
import type { AccountView, SyncStateView } from '../../../../preload/payloads';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { useInvoke } from '../../bridge/use-invoke';
import { ImportPanel } from '../archive/import-panel';
import { FirstRunGuide } from '../guide/first-run-guide';
import { LogFolderOffer } from '../log/log-folder';
import { ReadFailure } from '../log/read-failure';
import { AccountItem } from './account-item';
import { KeptAthletes } from './kept-athletes';
import { ConnectWaitText, StopWaitingButton } from './connect-wait';
import { ApplicationPanel } from './application-panel';
import { DisconnectDialog } from './disconnect-dialog';
import { useConnect } from './use-connect';
import './accounts.css';

/**
 * The athletes Splits keeps, and the Strava application it uses. Until the application is set and an athlete is
 * connected, the first-run guide leads; the person may open it again to change the application.
 */
export function AccountsView() {
  const live = useLive();
  // Counts and last syncs change after every sync (dataVersion), the list itself on accounts:changed.
  const accounts = useInvoke(() => unwrap(splits().accounts.list()), [live.accountsVersion, live.dataVersion]);
  const credentials = useInvoke(() => unwrap(splits().credentials.get()), [live.accountsVersion]);
  const connection = useConnect(() => accounts.reload());
  const [changing, setChanging] = useState(false);
  const [leaving, setLeaving] = useState<AccountView | null>(null);
  const [left, setLeft] = useState<AccountView | null>(null);

  if (!accounts.value || !credentials.value) {
    const error = accounts.error ?? credentials.error;
    return (
      <section aria-labelledby="accounts-title" className="accounts">
        <h2 id="accounts-title">Accounts</h2>
        {error ? (
          <ReadFailure
            error={error}
            onRetry={() => (accounts.reload(), credentials.reload())}
            className="accounts-bad"
          />
        ) : (
          <p className="muted" role="status">
            Loading accounts…
          </p>
        )}
      </section>
    );
  }

  const list = accounts.value.accounts;
  const cred = credentials.value;
  const guided = !cred.hasSecret || list.length === 0 || changing;

  return (
    <section aria-labelledby="accounts-title" className="accounts">
      <h2 id="accounts-title">Accounts</h2>
      {(accounts.error ?? credentials.error) && (
        <p role="alert" className="accounts-bad">
          {(accounts.error ?? credentials.error)!.message}
          <LogFolderOffer error={accounts.error ?? credentials.error} />
        </p>
      )}
      {guided && (
        <FirstRunGuide
          credentials={cred}
          hasAccount={list.length > 0}
          connection={connection}
          onSaved={() => credentials.reload()}
          onClose={changing ? () => setChanging(false) : undefined}
        />
      )}
      {/* Each message is shown while it holds: the first sync's until it ended, a disconnect's until that athlete is back. */}
      {connection.connected && !guided && !firstSyncEnded(live.state, connection.connected) && (
        <p role="status" className="accounts-ok">
          Connected {connection.connected.name}. The first sync has started: the status bar shows its progress.
        </p>
      )}
      {left && !list.some((a) => a.athleteId === left.athleteId) && (
        <p role="status" className="muted">
          {left.name} is disconnected.
        </p>
      )}
      {list.length > 0 && (
        <>
          <h3 className="accounts-subtitle">Athletes</h3>
          <ul className="accounts-list" aria-label="Connected athletes">
            {list.map((account) => (
              <AccountItem
                key={account.athleteId}
                account={account}
                vault={accounts.value!.vault}
                connecting={connection.waiting}
                onConnect={connection.connect}
                onDisconnect={setLeaving}
              />
            ))}
          </ul>
          {!guided && (
            <div className="accounts-connect">
              <button type="button" onClick={connection.connect} disabled={connection.waiting}>
                Connect another athlete
              </button>
              <div role="status" aria-live="polite" className="accounts-connect-state">
                <ConnectWaitText phase={connection.phase} />
                {connection.error && <span className="accounts-bad">{connection.error.message}</span>}
                <LogFolderOffer error={connection.error} />
              </div>
              <StopWaitingButton connection={connection} />
            </div>
          )}
        </>
      )}
      <KeptAthletes kept={accounts.value.kept} />
      {list.length > 0 && !guided && <ImportPanel accounts={list} />}
      {cred.hasSecret && !changing && <ApplicationPanel credentials={cred} onChange={() => setChanging(true)} />}
      {leaving && (
        <DisconnectDialog
          account={leaving}
          onClose={() => setLeaving(null)}
          onDone={() => {
            setLeft(leaving);
            setLeaving(null);
            accounts.reload();
          }}
        />
      )}
    </section>
  );
}

/** Whether a sync that includes the athlete ended after they were connected (and none for them runs now). */
function firstSyncEnded(state: SyncStateView | null, account: AccountView): boolean {
  if (!state) return false;
  const running = state.running;
  if (running && (running.athleteId === null || running.athleteId === account.athleteId)) return false;
  const last = state.last;
  return (
    last !== null && last.endedAt >= account.connectedAt && last.results.some((r) => r.athleteId === account.athleteId)
  );
}
