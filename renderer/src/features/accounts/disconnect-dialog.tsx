import { useId, useRef, useState } from 'react';
import type { AccountView } from '../../../../preload/payloads';
import { BridgeError, splits, unwrap } from '../../bridge/splits';
import { LogFolderOffer } from '../log/log-folder';
import { useFocusTrap } from './focus-trap';

/**
 * Disconnect, confirmed: it revokes Splits' access at Strava and forgets the tokens; the person also chooses whether
 * the athlete's activities stay on this computer. A modal dialog (focus kept inside, Escape cancels).
 */
export function DisconnectDialog({
  account,
  onClose,
  onDone,
}: {
  account: AccountView;
  onClose: () => void;
  onDone: () => void;
}) {
  const ids = useId();
  const box = useRef<HTMLDivElement>(null);
  const [deleteData, setDeleteData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  // While main works, Escape does nothing: the disconnect goes on either way, and its outcome is shown here.
  useFocusTrap(box, () => !busy && onClose());

  const disconnect = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(splits().accounts.disconnect({ athleteId: account.athleteId, deleteData }));
      onDone();
    } catch (e) {
      setError(e instanceof BridgeError ? e : new BridgeError({ code: 'internal', message: String(e) }));
      setBusy(false);
    }
  };

  const count = account.activityCount;
  return (
    <div className="accounts-backdrop">
      <div
        ref={box}
        className="accounts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-what`}
      >
        <h2 id={`${ids}-title`}>Disconnect {account.name}?</h2>
        <p id={`${ids}-what`}>
          Splits gives back its access at Strava and forgets this athlete's login. Nothing changes on Strava itself.
        </p>
        <label className="accounts-check">
          <input
            type="checkbox"
            checked={deleteData}
            onChange={(e) => !busy && setDeleteData(e.target.checked)}
            aria-disabled={busy || undefined}
          />
          Also delete {account.name}'s {count} {count === 1 ? 'activity' : 'activities'} from this computer
        </label>
        <p className="muted">
          {deleteData
            ? 'They cannot be brought back except by connecting and syncing again.'
            : 'They stay here, to browse without a connection.'}
        </p>
        <div className="accounts-dialog-error" role="status">
          {error && (
            <p className="accounts-bad" role="alert">
              {error.message}
              <LogFolderOffer error={error} />
            </p>
          )}
        </div>
        <div className="accounts-dialog-actions">
          {/* aria-disabled, not disabled, while main works: a disabled button drops the keyboard's focus to the page,
              out of the dialog, and a screen reader hears nothing of the outcome. */}
          <button type="button" onClick={() => !busy && onClose()} aria-disabled={busy || undefined} data-autofocus>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void disconnect()} aria-disabled={busy || undefined}>
            {busy ? 'Disconnecting…' : deleteData ? 'Disconnect and delete' : 'Disconnect'}
          </button>
        </div>
      </div>
    </div>
  );
}
