/**
 * Waits for writes started together, every one of them, then throws the first failure: a write still running when
 * another fails is never left behind unawaited (nor its failure as an unhandled rejection), so nothing is written
 * after the caller moves on (the lock released, the process exiting).
 */
export async function sideBySide(writes: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(writes);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
