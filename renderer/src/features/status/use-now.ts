import { useEffect, useState } from 'react';

/**
 * The time now, ticking while `active`: countdowns (a rate limit's reset, a window's reset) move every second
 * between main's events without asking main again.
 */
export function useNow(active = true, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
