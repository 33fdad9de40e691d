import { useState } from 'react';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import type { ShowRequest } from '../activities/show-request';
import { useScopedInvoke } from '../athlete/athlete-scope';
import { RouteHeatmap } from '../heatmap/route-heatmap';
import { ReadFailure } from '../log/read-failure';
import { HeatmapSection } from './heatmap-section';
import { PeriodSection } from './period-section';
import './charts.css';

/** Weekly and monthly bars per sport and the calendar of a year, from the totals main computes. */
export function ChartsView({ onShow = () => undefined }: { onShow?: (request: ShowRequest) => void }) {
  const { settings, dataVersion } = useLive();
  const units = settings?.units ?? 'metric';
  // null: the newest year, as main chooses it.
  const [year, setYear] = useState<number | null>(null);
  // The header's athlete alone, or every athlete together.
  const totals = useScopedInvoke(
    (athleteId) =>
      unwrap(splits().activities.totals({ ...(year === null ? {} : { year }), ...(athleteId ? { athleteId } : {}) })),
    [year, dataVersion],
  );
  const value = totals.value;

  return (
    <section className="charts" aria-label="Charts" aria-busy={totals.loading}>
      {totals.error && (
        <ReadFailure
          what="The charts could not be read"
          error={totals.error}
          onRetry={totals.reload}
          className="charts-error"
        />
      )}
      {value === null ? (
        !totals.error && <p className="muted">Loading the charts…</p>
      ) : value.years.length === 0 ? (
        <p className="muted">
          No activities yet. Once a sync has brought them in, your weeks, months and days show here.
        </p>
      ) : (
        <>
          {/* A bar or a day clicked: the shell shows its activities in the table. */}
          <PeriodSection totals={value} units={units} onShow={onShow} />
          <HeatmapSection totals={value} units={units} chosen={year} onYear={setYear} onShow={onShow} />
          <section aria-labelledby="charts-routes-title">
            <h2 id="charts-routes-title">Every route</h2>
            <RouteHeatmap />
          </section>
        </>
      )}
    </section>
  );
}
