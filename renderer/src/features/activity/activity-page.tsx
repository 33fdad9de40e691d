import { useEffect, useRef, type KeyboardEvent } from 'react';
import { splits, unwrap } from '../../bridge/splits';
import { useInvoke } from '../../bridge/use-invoke';
import type { Units } from '../../format/units';
import { ActivityNumbers } from './activity-numbers';
import { BestEffortsTable, PowerBestsTable } from './best-efforts';
import { LapTable, SplitsTable } from './lap-table';
import { ExportControl } from '../archive/export-control';
import { ReadFailure } from '../log/read-failure';
import { TrackSection } from './track-section';
import './activity.css';

export interface ActivityRef {
  athleteId: number;
  id: number;
}

export interface ActivityPageProps {
  activity: ActivityRef;
  units: Units;
  /** Bumped when a sync finished: the detail may have arrived meanwhile. */
  dataVersion: number;
  onClose: () => void;
}

/**
 * One activity as a view of its own, in the place of the whole table view (filters, totals and table): numbers, route,
 * the detail when fetched, and the way to it on Strava. Escape or "Back to the activities" returns to the table.
 */
export function ActivityPage({ activity, units, dataVersion, onClose }: ActivityPageProps) {
  const view = useInvoke(
    () => unwrap(splits().activities.get(activity)),
    [activity.athleteId, activity.id, dataVersion],
  );
  // The track's view for its power bests (TrackSection reads it too, for the route and the charts; its failure is told
  // there, once).
  const track = useInvoke(
    () => unwrap(splits().activities.track(activity)),
    [activity.athleteId, activity.id, dataVersion],
  );
  const heading = useRef<HTMLHeadingElement | null>(null);
  // Focus follows the person's choice: into the page when another activity opens.
  useEffect(() => heading.current?.focus(), [activity.athleteId, activity.id]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };
  const v = view.value && view.value.row.id === activity.id ? view.value : null;
  return (
    <aside className="activity-page" aria-label="Activity" onKeyDown={onKeyDown}>
      {/* The way back first: the activity stands in the table's place, so the table is what the person returns to. */}
      <button type="button" className="activity-back" onClick={onClose}>
        <span aria-hidden="true">← </span>Back to the activities
      </button>
      <h2 ref={heading} tabIndex={-1}>
        {v ? v.row.name : view.error ? 'Activity' : 'Loading…'}
      </h2>
      {view.error && <ReadFailure error={view.error} onRetry={view.reload} />}
      {v && (
        <>
          <ActivityNumbers view={v} units={units} />
          <TrackSection view={v} units={units} />
          {v.detailState === 'waiting' && (
            <p className="detail-note">
              Details arrive when Strava&apos;s read budget allows: Splits fetches them newest first.
            </p>
          )}
          {v.detailState === 'unavailable' && (
            <p className="detail-note">
              Strava no longer gives the details of this activity: only its summary is kept.
            </p>
          )}
          {v.detail && (
            <>
              <section aria-label="Description" className="activity-description">
                {v.detail.description ? <p>{v.detail.description}</p> : <p className="muted">No description.</p>}
              </section>
              <LapTable caption="Laps" laps={v.detail.laps} sport={v.row.sportType} units={units} />
              <SplitsTable detail={v.detail} sport={v.row.sportType} units={units} />
              <BestEffortsTable efforts={v.detail.bestEfforts} sport={v.row.sportType} units={units} />
            </>
          )}
          {track.value?.powerBests && <PowerBestsTable bests={track.value.powerBests} />}
          <ExportControl
            select={{ activity: { athleteId: v.row.athleteId, id: v.row.id } }}
            label="Export this activity"
          />
          <p>
            <a href={v.stravaUrl} target="_blank" rel="noreferrer">
              Open on Strava
            </a>
          </p>
        </>
      )}
    </aside>
  );
}
