import { useEffect, useRef, useState } from 'react';
import { splits, unwrap, type InvokeResult } from '../../bridge/splits';

export type SeenMarks = InvokeResult<'activities:markSeen'>;

const visible = () => document.visibilityState !== 'hidden';

/**
 * The Activities view tells main the person saw what is stored of the athletes it shows (activities:markSeen with the
 * header's athlete, or every athlete), and keeps the marks main had before: what is above them is new to this look,
 * and keeps its "New" until the next one. Another athlete's arrivals are not seen while only one is shown. A look is
 * the view shown in a window that is not hidden: opened, the window shown again after the tray hid it, or another
 * athlete chosen. Activities arriving while the view is in sight are seen too (they stay marked until the next look).
 * Null until main has answered, or while the window has been hidden since the view opened; nothing is asked before
 * the athlete scope is known (`ready`).
 */
export function useSeenMarks(dataVersion: number, athleteId: number | null, ready: boolean): SeenMarks | null {
  const [marks, setMarks] = useState<SeenMarks | null>(null);
  const scope = athleteId === null ? {} : { athleteId };
  const shown = useRef(scope);
  shown.current = scope;
  useEffect(() => {
    if (!ready) return;
    let alive = true;
    const look = () => {
      if (!visible()) return;
      unwrap(splits().activities.markSeen(shown.current)).then(
        (before) => alive && setMarks(before),
        () => undefined, // nothing is called new then; the next look tries again
      );
    };
    look();
    document.addEventListener('visibilitychange', look);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', look);
    };
  }, [ready, athleteId]);
  // The data version last answered here: only a new one asks below, not the opening (the look above asks then:
  // asked twice, the second could answer the marks the first set), nor the scope becoming known or changing (the look
  // above covers those too).
  const answered = useRef(dataVersion);
  useEffect(() => {
    if (answered.current === dataVersion) return;
    answered.current = dataVersion;
    // Arrived while in sight: seen, without changing what this look calls new.
    if (ready && visible()) void unwrap(splits().activities.markSeen(shown.current)).catch(() => undefined);
  }, [dataVersion, ready]);
  return marks;
}
