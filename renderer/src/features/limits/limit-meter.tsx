import { useId } from 'react';
import { integer } from '../../format/numbers';
import { countdown } from '../../format/units';
import { levelOf, secondsUntilReset } from './limit-level';

export interface LimitMeterProps {
  /** "Read, 15 min": what the meter counts, and over which window. */
  label: string;
  used: number;
  limit: number;
  /** Requests background syncs leave for the person, drawn as the marked end of the bar (0: none kept). */
  reserve: number;
  resetSeconds: number;
  reportedAt: number;
  now: number;
}

/** One rate-limit window: used of limit, a bar that turns from ok to warn to bad, the reserve, and the reset. */
export function LimitMeter({ label, used, limit, reserve, resetSeconds, reportedAt, now }: LimitMeterProps) {
  const id = useId();
  const level = levelOf(used, limit);
  const share = limit > 0 ? Math.min(1, used / limit) : 1;
  const reserveShare = limit > 0 ? Math.min(1, reserve / limit) : 0;
  const reset = countdown(secondsUntilReset(resetSeconds, reportedAt, now));
  return (
    <div className={`limit-meter limit-${level}`}>
      <div className="limit-meter-text">
        <span id={`${id}-label`} className="limit-meter-label">
          {label}
        </span>
        <span className="limit-meter-numbers">
          {integer(used)} of {integer(limit)}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={`${integer(used)} of ${integer(limit)} used${reserve > 0 ? `, ${integer(reserve)} kept for you` : ''}, resets in ${reset}`}
        className="limit-meter-bar"
      >
        <span className="limit-meter-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        {reserveShare > 0 && (
          <span
            className="limit-meter-reserve"
            style={{ width: `${(reserveShare * 100).toFixed(1)}%` }}
            title={`${integer(reserve)} kept for you`}
          />
        )}
      </div>
      <div className="limit-meter-reset muted">
        {reserve > 0 && <span>{integer(reserve)} kept for you · </span>}
        {/* The countdown whole: "resets in 14 min" over "44 s" read as two things. */}
        <span>
          resets in <span className="limit-countdown">{reset}</span>
        </span>
      </div>
    </div>
  );
}
