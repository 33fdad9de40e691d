import { useLive } from '../../bridge/live';
import { RelativeTime } from '../../format/relative-time';
import { countdown } from '../../format/units';
import type { ViewName } from '../../view-name';
import { LimitsMeters } from '../limits/limits-meters';
import { LogFolderOffer } from '../log/log-folder';
import { AttentionList } from './attention-list';
import { SyncProgress } from './sync-progress';
import { headline, notConnected, resultText } from './sync-text';
import { useNow } from './use-now';
import { useSyncControls } from './use-sync-controls';
import { WorkLeftList } from './work-left-list';
import './status.css';

/**
 * Always visible under the tabs: the sync state (idle, syncing, rate limited, needs attention, paused, not connected),
 * the last sync, the controls, and the rate-limit meters. Its height is fixed, so events never push the view below it around.
 */
export function StatusBar({ onNavigate }: { onNavigate: (view: ViewName) => void }) {
  const { state, readError } = useLive();
  const controls = useSyncControls();
  const running = state?.running ?? null;
  const limited = state?.state === 'limited' && state.limitedUntil !== null;
  const now = useNow(limited);
  const tone = state?.state ?? 'idle';
  // With nobody connected there is nothing to sync: the way to connect is shown instead.
  const syncBlocked = running !== null || controls.pending !== null || state?.connected === false;
  const cancelBlocked = running === null || controls.pending === 'cancel';

  return (
    <section className={`status-bar status-${tone}`} aria-label="Sync status">
      <div className="status-main">
        <p className="status-headline">
          <span className="status-dot" aria-hidden="true" />
          {/* Only this sentence is live: it changes with the state and phase, not with every page. */}
          <span role="status" aria-live="polite">
            {!state && readError ? `Splits could not read the sync state: ${readError}` : headline(state)}
          </span>
          {limited && (
            <span role="timer" className="status-countdown">
              {' '}
              {/* "Resumes" only when main has planned that sync; otherwise the budget merely comes back. */}
              {state.resumeAt !== null
                ? `Syncing resumes in ${countdown((state.resumeAt - now) / 1000)}.`
                : `The budget comes back in ${countdown((state.limitedUntil! - now) / 1000)}.`}
            </span>
          )}
        </p>
        <div className="status-detail">
          {running ? (
            <SyncProgress progress={running.progress} runKey={running.startedAt} />
          ) : (
            <>
              <WorkLeftList state={state} />
              {state && notConnected(state) && (
                <p className="status-connect">
                  No Strava account is connected, so there is nothing to sync yet.{' '}
                  <button type="button" onClick={() => onNavigate('accounts')}>
                    Connect to Strava
                  </button>
                </p>
              )}
              <AttentionList
                items={state?.attention ?? []}
                onNavigate={onNavigate}
                onSync={() => controls.syncNow('quick')}
              />
            </>
          )}
          {controls.error !== null && (
            <p role="alert" className="status-error">
              {controls.error.message}
              <LogFolderOffer error={controls.error} />
            </p>
          )}
        </div>
        <div className="status-footer">
          <div className="status-controls">
            {/* aria-disabled, not disabled: a button that disables itself under the keyboard's focus would drop the focus to
                the page, and the person would have to find their place again. */}
            <button
              type="button"
              className="primary"
              aria-disabled={syncBlocked}
              onClick={() => !syncBlocked && controls.syncNow('quick')}
            >
              Sync now
            </button>
            <button
              type="button"
              aria-disabled={syncBlocked}
              onClick={() => !syncBlocked && controls.syncNow('full')}
              title="Lists every page, and deletes what Strava no longer has"
            >
              Full sync
            </button>
            <button type="button" aria-disabled={cancelBlocked} onClick={() => !cancelBlocked && controls.cancel()}>
              Cancel
            </button>
          </div>
          <p className="status-last muted">
            {state?.last ? (
              <>
                Last sync <RelativeTime at={state.last.endedAt} />: {resultText(state.last)}
              </>
            ) : state ? (
              'No sync yet.'
            ) : null}
          </p>
        </div>
      </div>
      <LimitsMeters />
    </section>
  );
}
