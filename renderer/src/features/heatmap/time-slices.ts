/** Set by the view when the job's result is no longer wanted (new routes, a move of the map, the view closed). */
export interface StopSign {
  stopped: boolean;
}

/** A slice's length: well under the 50 ms a browser calls a long task, so scrolling and clicks stay answered. */
const SLICE_MS = 8;
/** How many items between two looks at the clock (reading it is not free either). */
const ITEMS_PER_LOOK = 16;

/**
 * Runs `each` over `items` in slices of a few milliseconds, giving the browser its turn between them: 20,000 routes
 * decoded or drawn in one go would freeze the window for a good part of a second. Answers false when stopped first.
 */
export async function inSlices<T>(
  items: readonly T[],
  each: (item: T) => void,
  stop: StopSign,
  now: () => number = () => performance.now(),
): Promise<boolean> {
  let i = 0;
  while (i < items.length) {
    if (stop.stopped) return false;
    const start = now();
    do {
      const end = Math.min(items.length, i + ITEMS_PER_LOOK);
      for (; i < end; i++) each(items[i]!);
    } while (i < items.length && now() - start < SLICE_MS);
    if (i < items.length) await nextTurn();
  }
  return !stop.stopped;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
