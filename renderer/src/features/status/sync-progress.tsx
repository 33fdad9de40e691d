import { useRef } from 'react';
import type { SyncProgressView } from '../../../../preload/payloads';
import { countdown } from '../../format/units';
import { progressCounts, retryText } from './sync-text';
import { useNow } from './use-now';

/**
 * The running sync's counts and bar. The bar is determinate once main estimates the requests left: the largest
 * estimate seen in this run is taken as the whole, so the bar only moves forward as the estimate falls.
 */
export function SyncProgress({ progress, runKey }: { progress: SyncProgressView | null; runKey: number }) {
  const whole = useRef<{ run: number; max: number }>({ run: runKey, max: 0 });
  if (whole.current.run !== runKey) whole.current = { run: runKey, max: 0 };
  const left = progress?.requestsLeft ?? null;
  if (left !== null) whole.current.max = Math.max(whole.current.max, left);
  const max = whole.current.max;
  const determinate = left !== null && max > 0;
  const retry = progress?.retry ?? null;
  // Ticks only while a retry waits: its countdown moves between main's events.
  const now = useNow(retry !== null);
  return (
    <div className="sync-progress">
      {determinate ? (
        <progress aria-label="Sync progress" max={max} value={max - left} />
      ) : (
        <progress aria-label="Sync progress" />
      )}
      <p className="sync-counts">
        {progress ? progressCounts(progress) : 'Starting…'}
        {progress?.secondsLeft != null && progress.secondsLeft > 0 && (
          <span> · about {countdown(progress.secondsLeft)} left</span>
        )}
      </p>
      {retry && (
        <p role="timer" className="sync-retry">
          {retryText(retry, now)}
        </p>
      )}
    </div>
  );
}
