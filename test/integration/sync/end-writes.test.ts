import { basename } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtomicJsonFile } from '../../../main/store/atomic-json-file';
import { storedSummaries, useWorld } from '../../support/splits';

/** One write of a store file through AtomicJsonFile: when it began and ended, in the order of all of them. */
interface WriteSpan {
  file: string;
  start: number;
  end: number;
}

/**
 * Watches every AtomicJsonFile write of the process (the real write runs), and holds the limiter's file back once the
 * scan has written its end, until the history's write has begun: the two then overlap only if they were started side
 * by side. Code that writes them one after the other makes the hold end by its own timer instead (no hang), and the
 * spans show no overlap. The hold only orders events; nothing here asserts a duration.
 */
function watchWrites() {
  const original = AtomicJsonFile.prototype.write;
  const spans: WriteSpan[] = [];
  let tick = 0;
  let scanEnded = false;
  let historyBegun: () => void = () => undefined;
  const historyStarted = new Promise<void>((resolve) => (historyBegun = resolve));
  vi.spyOn(AtomicJsonFile.prototype, 'write').mockImplementation(async function (
    this: AtomicJsonFile<unknown>,
    data: unknown,
    options?: { syncFolder?: boolean },
  ) {
    const file = basename(this.path);
    const span: WriteSpan = { file, start: tick++, end: -1 };
    spans.push(span);
    if (file === 'history.json') historyBegun();
    if (file === 'sync-state.json') {
      const state = (data as { athletes: Record<string, { fullScan: unknown; lastFullScanAt: number | null }> })
        .athletes['1001'];
      if (state && state.fullScan === null && state.lastFullScanAt !== null) scanEnded = true;
    }
    if (file === 'rate-limit.json' && scanEnded) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([historyStarted, new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      clearTimeout(timer);
    }
    try {
      await original.call(this, data, options);
    } finally {
      span.end = tick++;
    }
  });
  return spans;
}

const overlap = (a: WriteSpan, b: WriteSpan) => a.start < b.end && b.start < a.end;

describe('the writes at the end of a sync (issue 20, item 12)', () => {
  const world = useWorld();
  afterEach(() => vi.restoreAllMocks());

  it('gives back the limiter lease side by side with the history, after the year files and the scan end in that order', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 1_500);
    const splits = await w.openConnected();
    const spans = watchWrites();

    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });

    const years = spans.filter((s) => /^\d{4}\.json$/.test(s.file));
    const scanEnd = spans.filter((s) => s.file === 'sync-state.json').at(-1)!;
    const history = spans.filter((s) => s.file === 'history.json');
    const settle = spans.filter((s) => s.file === 'rate-limit.json').at(-1)!;
    expect(years.length).toBeGreaterThan(0);
    expect(history).toHaveLength(1);
    // Kept in order for a crash: every year file is on disk before the scan says it ended, and the scan's end before
    // the history says the run went well.
    expect(Math.max(...years.map((s) => s.end))).toBeLessThan(scanEnd.start);
    expect(scanEnd.end).toBeLessThan(history[0]!.start);
    // Side by side: the lease given back while the history is written.
    expect(overlap(settle, history[0]!)).toBe(true);
    expect(settle.start).toBeGreaterThan(scanEnd.end);

    // Both files as a new process reads them: the run recorded, and the limiter's count the true one (lease given back).
    expect(splits.store.history.recent(1)[0]).toMatchObject({ outcome: 'ok', athleteId: 1001 });
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
    const sent = splits.limiter.status().overall.requests15min;
    const again = await w.open();
    expect(again.store.history.recent(1)[0]).toMatchObject({ outcome: 'ok', athleteId: 1001 });
    expect(again.limiter.status().overall.requests15min).toBe(sent);
  });

  it('a sync whose account state cannot be written fails, and the history does not call it a success', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 30);
    const splits = await w.openConnected();
    vi.spyOn(splits.store.accounts, 'setState').mockRejectedValue(
      Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }),
    );
    await expect(splits.engine.sync({ trigger: 'cli', details: false })).rejects.toThrow(/EIO/);
    expect(splits.store.history.recent(5).filter((r) => r.outcome === 'ok')).toEqual([]);
  });
});
