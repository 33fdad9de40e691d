import { useNow } from '../features/status/use-now';
import { formatDateTime, formatRelative } from './dates';

/**
 * A past moment as "5 minutes ago", kept true as time passes, with the exact date and time on hover (and in the time
 * element's machine-readable dateTime). Ticks every second while the seconds show, then every 15 s.
 */
export function RelativeTime({ at }: { at: number }) {
  const now = useNow(true, Math.abs(Date.now() - at) < 60_000 ? 1000 : 15_000);
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatRelative(at, now)}
    </time>
  );
}
