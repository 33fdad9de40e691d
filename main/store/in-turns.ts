/**
 * Reads each item with `read`, at most `atOnce` in flight, and hands each result to `take` in the items' order. A
 * result is let go once taken, so no more than `atOnce` are held at a time: what a large store's opening reads file by
 * file (texts, buffers, parsed objects) is never all in memory at once. The first failure is thrown once reached;
 * reads already in flight after it are let go unawaited, never as an unhandled rejection.
 */
export async function inTurns<I, R>(
  items: readonly I[],
  atOnce: number,
  read: (item: I) => Promise<R>,
  take: (result: R, item: I) => void,
): Promise<void> {
  const pending: Array<Promise<R>> = [];
  let next = 0;
  const start = () => {
    const reading = read(items[next++]!);
    reading.catch(() => undefined);
    pending.push(reading);
  };
  while (next < items.length && pending.length < atOnce) start();
  for (const item of items) {
    const result = await pending.shift()!;
    if (next < items.length) start();
    take(result, item);
  }
}
