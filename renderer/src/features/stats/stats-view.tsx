import { useCallback } from 'react';
import type { AthleteStats, BestEffort } from '../../../../common/training-stats';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import type { ShowRequest } from '../activities/show-request';
import { useAthleteScope, useScopedInvoke } from '../athlete/athlete-scope';
import { ReadFailure } from '../log/read-failure';
import { AthleteStatsView } from './athlete-stats-view';
import '../charts/charts.css';
import './stats.css';

/**
 * The training statistics main works out (issue 19) of the athlete the header's Athlete control shows, or of each
 * athlete in turn when it shows all; in the units of the settings. A best effort clicked opens its activity's page.
 */
export function StatsView({ onShow = () => undefined }: { onShow?: (request: ShowRequest) => void }) {
  const { settings, dataVersion } = useLive();
  const units = settings?.units ?? 'metric';
  const scope = useAthleteScope();
  const stats = useScopedInvoke(
    (athleteId) => unwrap(splits().stats.get(athleteId ? { athleteId } : {})),
    // New training figures change every load (by value: a settings event carries a new object each time).
    [dataVersion, JSON.stringify(settings?.training ?? null)],
  );
  // Its day in the table behind it, so Back finds that day's activities.
  const open = useCallback(
    (best: BestEffort, athleteId: number) =>
      onShow({
        fromDay: best.date,
        toDay: best.date,
        sportTypes: [],
        open: { athleteId, id: best.activityId },
        returnTo: 'stats',
      }),
    [onShow],
  );
  // A day on the fitness chart: that day's activities in the table.
  const showDay = useCallback((date: string) => onShow({ fromDay: date, toDay: date, sportTypes: [] }), [onShow]);
  const athletes = stats.value?.athletes ?? null;
  const nameOf = (a: AthleteStats) => a.name ?? scope.nameOf(a.athleteId);

  return (
    <section className="charts stats" aria-label="Statistics" aria-busy={stats.loading}>
      {stats.error && (
        <ReadFailure
          what="The statistics could not be worked out"
          error={stats.error}
          onRetry={stats.reload}
          className="charts-error"
        />
      )}
      {athletes === null ? (
        !stats.error && <p className="muted">Working out the statistics…</p>
      ) : athletes.length === 0 ? (
        <p className="muted">
          No activities yet. Once a sync has brought them in, fitness and form, year progressions, Eddington numbers,
          best efforts and gear show here.
        </p>
      ) : athletes.length === 1 ? (
        <AthleteStatsView stats={athletes[0]!} units={units} onOpen={open} onDay={showDay} />
      ) : (
        // Every athlete shown: each one's statistics under their name (no figure here mixes two people's training).
        athletes.map((a) => (
          <section key={a.athleteId} aria-label={nameOf(a)} className="stats-person">
            <h2 className="stats-person-name">{nameOf(a)}</h2>
            <AthleteStatsView stats={a} units={units} whose={nameOf(a)} onOpen={open} onDay={showDay} />
          </section>
        ))
      )}
    </section>
  );
}
