// The tray app holds every summary all day (issue 20, item 14), and a history repeats a few values thousands of times:
// time zones, devices, sports. Seen in a real process's heap: the store opened over real year files written here,
// then a heap snapshot of that process.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import { bundledChild } from '../../support/bundled-child';
import { useTempDirs } from '../../support/temp-dirs';

const CHILD = fileURLToPath(new URL('../../support/store-strings-child.ts', import.meta.url));
const ATHLETE = 1001;
const COUNT = 2000;
// Values no other part of the process holds, each longer than the short strings V8 keeps one copy of by itself.
const ZONE = '(GMT+05:45) Asia/Kathmandu';
const DEVICE = 'Splits Test Watch Model 42';
const tempDir = useTempDirs('splits-shared-strings-');

describe('the summaries a store holds', () => {
  it('hold one copy of a value that thousands of activities repeat, and the files keep every value', async () => {
    const dataDir = await tempDir();
    const store = await SplitsStore.open(dataDir);
    const activities = await store.activities(ATHLETE);
    for (let i = 0; i < COUNT; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000 * 4).toISOString().replace(/\.\d+Z$/, 'Z');
      await activities.upsert({
        id: 10_000 + i,
        name: `Activity ${i}`,
        sport_type: 'Run',
        start_date: day,
        timezone: ZONE,
        device_name: DEVICE,
        distance: 1000 + i,
      });
    }
    await activities.flush();
    const written = await readFile(join(dataDir, 'activities', String(ATHLETE), '2024.json'), 'utf8');

    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [await bundledChild(CHILD), dataDir, String(ATHLETE), join(await tempDir(), 'heap.heapsnapshot'), ZONE, DEVICE],
      { timeout: 120_000, maxBuffer: 1 << 20 },
    );
    const seen = JSON.parse(stdout.trim().split('\n').pop()!) as { stored: number; copies: Record<string, number> };
    expect(seen.stored).toBe(COUNT);
    // One kept by the store, none per activity (before: one per activity, 2,000 of each).
    expect(seen.copies[ZONE]).toBeLessThanOrEqual(2);
    expect(seen.copies[DEVICE]).toBeLessThanOrEqual(2);

    // What the store writes back is what it read: every activity keeps its own values.
    const reopened = await (await SplitsStore.open(dataDir)).activities(ATHLETE);
    await reopened.upsert({ ...reopened.get(10_000)!, name: 'Renamed' });
    await reopened.flush();
    const rewritten = JSON.parse(await readFile(join(dataDir, 'activities', String(ATHLETE), '2024.json'), 'utf8')) as {
      activities: Record<string, Record<string, unknown>>;
    };
    const before = JSON.parse(written) as typeof rewritten;
    expect(rewritten.activities['10000']!.name).toBe('Renamed');
    for (const [id, a] of Object.entries(before.activities))
      if (id !== '10000') expect(rewritten.activities[id]).toEqual(a);
  });
});
