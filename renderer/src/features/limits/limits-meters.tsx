import { useLive } from '../../bridge/live';
import { useNow } from '../status/use-now';
import { LimitMeter } from './limit-meter';
import './limits.css';

/**
 * Strava's four budgets (overall and read, each per quarter hour and per day), moved by main's 'limits:changed'
 * and counted down locally in between. Space is kept while the first reading arrives, so nothing jumps.
 */
export function LimitsMeters() {
  const { limits, limitsAt } = useLive();
  const now = useNow(limits !== null);
  return (
    <section className="limits" aria-label="Strava rate limits">
      {limits === null ? (
        <p className="muted limits-loading">Reading the rate limits…</p>
      ) : (
        <>
          <LimitMeter
            label="Reads, 15 min"
            used={limits.read.requests15min}
            limit={limits.read.limit15min}
            reserve={limits.reserve.read15min}
            resetSeconds={limits.read.reset15minSeconds}
            reportedAt={limitsAt}
            now={now}
          />
          <LimitMeter
            label="Reads, today"
            used={limits.read.requestsDay}
            limit={limits.read.limitDay}
            reserve={limits.reserve.readDay}
            resetSeconds={limits.read.resetDaySeconds}
            reportedAt={limitsAt}
            now={now}
          />
          <LimitMeter
            label="All requests, 15 min"
            used={limits.overall.requests15min}
            limit={limits.overall.limit15min}
            reserve={0}
            resetSeconds={limits.overall.reset15minSeconds}
            reportedAt={limitsAt}
            now={now}
          />
          <LimitMeter
            label="All requests, today"
            used={limits.overall.requestsDay}
            limit={limits.overall.limitDay}
            reserve={0}
            resetSeconds={limits.overall.resetDaySeconds}
            reportedAt={limitsAt}
            now={now}
          />
        </>
      )}
    </section>
  );
}
