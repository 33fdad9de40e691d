import type { AccountView } from '../../../../preload/payloads';
import { formatDateTime } from '../../format/dates';
import { integer } from '../../format/numbers';
import { RelativeTime } from '../../format/relative-time';
import { vaultWords } from './vault-words';

interface AccountItemProps {
  account: AccountView;
  vault: 'keychain' | 'file';
  /** A Connect in flight: the buttons that would start another wait. */
  connecting: boolean;
  onConnect: () => void;
  onDisconnect: (account: AccountView) => void;
}

/** One athlete: state (with the fix when it needs one), counts, the private-activities grant, and where the tokens are. */
export function AccountItem({ account, vault, connecting, onConnect, onDisconnect }: AccountItemProps) {
  const needsLogin = account.state === 'needs-login';
  return (
    <li className="accounts-item" aria-labelledby={`athlete-${account.athleteId}`}>
      <div className="accounts-item-head">
        <h3 id={`athlete-${account.athleteId}`}>{account.name}</h3>
        <span className={needsLogin ? 'accounts-state accounts-state-warn' : 'accounts-state accounts-state-ok'}>
          {needsLogin ? 'Needs login' : 'Connected'}
        </span>
      </div>
      {needsLogin && (
        <div className="accounts-fix">
          <p>{account.stateMessage ?? 'Strava no longer accepts this login.'}</p>
          <button type="button" onClick={onConnect} disabled={connecting}>
            Connect {account.name} again
          </button>
        </div>
      )}
      <dl className="accounts-facts">
        <dt>Activities</dt>
        <dd>{integer(account.activityCount)}</dd>
        <dt>Last sync</dt>
        <dd>{account.lastSyncAt === null ? 'Never' : <RelativeTime at={account.lastSyncAt} />}</dd>
        <dt>Connected since</dt>
        <dd>{formatDateTime(account.connectedAt)}</dd>
        <dt>Private activities</dt>
        <dd>
          {account.privateActivities === null
            ? 'Unknown (connected with a refresh token: connect here to be sure)'
            : account.privateActivities
              ? 'Granted: "Only Me" activities are kept too'
              : 'Not granted'}
        </dd>
        <dt>Login kept in</dt>
        <dd>{vaultWords(vault)}</dd>
      </dl>
      {account.privateActivities === false && !needsLogin && (
        <div className="accounts-fix">
          <p>
            When connecting, the box <em>View data about your private activities</em> was left unticked, so Splits
            cannot see activities set to "Only Me". To keep them too, connect again and tick it.
          </p>
          <button type="button" onClick={onConnect} disabled={connecting}>
            Connect {account.name} again
          </button>
        </div>
      )}
      <div className="accounts-item-actions">
        <button type="button" onClick={() => onDisconnect(account)}>
          Disconnect {account.name}…
        </button>
      </div>
    </li>
  );
}
