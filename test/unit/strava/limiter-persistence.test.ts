import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../../main/store/json-document';
import { openLimiterState } from '../../../main/store/limiter-state-store';
import type { RateLimiterPersistence } from '../../../main/strava/rate-limit-state';
import { RateLimiter } from '../../../main/strava/rate-limiter';
import { FakeClock } from '../../support/fake-clock';

const folders: string[] = [];
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<{
  dir: string;
  problems: StoreProblem[];
  open: () => Promise<RateLimiterPersistence & { writes: () => number }>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'splits-limiter-'));
  folders.push(dir);
  const problems: StoreProblem[] = [];
  const open = async () => {
    const disk = await openLimiterState(dir, (p) => problems.push(p));
    let writes = 0;
    return {
      load: () => disk.load(),
      loadFresh: () => disk.loadFresh!(),
      save: async (s: Parameters<typeof disk.save>[0]) => (writes++, disk.save(s)),
      writes: () => writes,
    };
  };
  return { dir, problems, open };
}

/** What Strava would answer after `sent` reads in this window and day. */
const truth = (sent: number, readDay = sent) => ({
  'X-RateLimit-Limit': '200,2000',
  'X-RateLimit-Usage': `${sent},${readDay}`,
  'X-ReadRateLimit-Limit': '100,1000',
  'X-ReadRateLimit-Usage': `${sent},${readDay}`,
});

describe('the limiter on disk (issue 6: speed and crash safety)', () => {
  it('writes rate-limit.json about once per lease of 10 requests, not once per request', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    const limiter = new RateLimiter(clock, disk);
    for (let sent = 1; sent <= 50; sent++) {
      await limiter.acquire('read', 'user');
      await limiter.update(truth(sent));
    }
    expect(disk.writes()).toBeLessThanOrEqual(50 / 10 + 2);
    expect(limiter.status().read.requests15min).toBe(50);
  });

  it('never under-states what was sent: a process killed after any request leaves a file that covers it', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const limiter = new RateLimiter(clock, await f.open());
    await limiter.update(truth(0, 300)); // the day had 300 reads before this process
    for (let sent = 1; sent <= 100; sent++) {
      await limiter.acquire('read', 'user');
      // Killed here, with the request on the wire: the next process reads only the file.
      const next = new RateLimiter(clock, await f.open());
      expect(next.status().read.requests15min).toBeGreaterThanOrEqual(sent);
      expect(next.status().read.requestsDay).toBeGreaterThanOrEqual(300 + sent);
      expect(next.status().overall.requests15min).toBeGreaterThanOrEqual(sent);
      if (sent % 3 === 0) await limiter.update(truth(sent, 300 + sent)); // some answers arrive before the kill
    }
    // The killed process had spent the window: the next one sends nothing into it.
    const next = new RateLimiter(clock, await f.open());
    expect(next.decide('read', 'user')).toMatchObject({
      go: false,
      window: '15min',
      retryAt: Date.UTC(2026, 10, 2, 8, 15),
    });
  });

  it('saves headers only when they tell more than the file: another tool spent budget, or a limit changed', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    const limiter = new RateLimiter(clock, disk);
    await limiter.acquire('read', 'user');
    const afterFirst = disk.writes();
    await limiter.update(truth(1));
    expect(disk.writes()).toBe(afterFirst);
    await limiter.update(truth(40)); // another tool with the same client id
    expect(disk.writes()).toBe(afterFirst + 1);
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(40);
    await limiter.update({ ...truth(40), 'X-ReadRateLimit-Limit': '300,3000' });
    expect(disk.writes()).toBe(afterFirst + 2);
    expect(new RateLimiter(clock, await f.open()).status().read.limit15min).toBe(300);
  });

  it('a new process, or a reload after its own writes, keeps counting where the truth is', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const limiter = new RateLimiter(clock, await f.open());
    await limiter.acquire('read', 'user');
    await limiter.update(truth(1));
    limiter.reload(); // the engine reloads at every run: its own lease is not news
    expect(limiter.status().read.requests15min).toBe(1);
  });

  it('keeps the learnt clock offset with the state', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 14, 30));
    const f = await folder();
    const limiter = new RateLimiter(clock, await f.open());
    await limiter.update({ ...truth(5), Date: 'Mon, 02 Nov 2026 08:15:30 GMT' });
    const next = new RateLimiter(clock, await f.open());
    expect(next.status().read.reset15minSeconds).toBe(14 * 60 + 30);
    const saved = JSON.parse(await readFile(join(f.dir, 'rate-limit.json'), 'utf8')) as {
      state: { clockOffsetMs: number };
    };
    expect(saved.state.clockOffsetMs).toBe(60_000);
  });
});

describe('odd rate-limit headers (issue 6, item 18)', () => {
  it.each(['0,0', '-5,100', '100', 'abc,def', '9007199254740993,1'])(
    'X-RateLimit-Limit %s is ignored: the state stays valid and loads in a new process',
    async (odd) => {
      const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
      const f = await folder();
      const limiter = new RateLimiter(clock, await f.open());
      await limiter.acquire('read', 'user');
      const report = await limiter.update({ ...truth(30), 'X-RateLimit-Limit': odd, 'X-ReadRateLimit-Limit': odd });
      expect(report.ignored).toEqual([`x-ratelimit-limit: ${odd}`, `x-readratelimit-limit: ${odd}`]);
      const next = new RateLimiter(clock, await f.open());
      expect(f.problems).toEqual([]);
      expect(next.status().read).toMatchObject({ limit15min: 100, limitDay: 1000 });
      expect(next.status().read.requests15min).toBeGreaterThanOrEqual(30);
    },
  );

  it('the store refuses to write a state that would not load again', async () => {
    const f = await folder();
    const disk = await f.open();
    const state = {
      quarter: 1,
      day: 1,
      clockOffsetMs: 0,
      overall: { limit15: 0, limitDay: 0, used15: 0, usedDay: 0 },
      read: { limit15: 100, limitDay: 1000, used15: 0, usedDay: 0 },
    };
    await expect(disk.save(state)).rejects.toThrow(/invalid rate-limit state/);
    await f.open();
    expect(f.problems).toEqual([]);
  });
});

describe('giving the lease back', () => {
  it('a process that stops sending writes the true counts, so the next one does not start short', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const limiter = new RateLimiter(clock, await f.open());
    await limiter.acquire('read', 'user');
    await limiter.update(truth(1));
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBe(11); // leased ahead
    await limiter.settle();
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBe(1);
  });

  it("leaves a file another process wrote since alone: that lease is not this one's to give back", async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const mine = new RateLimiter(clock, await f.open());
    await mine.acquire('read', 'user');
    const other = new RateLimiter(clock, await f.open());
    for (let i = 0; i < 12; i++) await other.acquire('read', 'user'); // passes the first lease: writes its own
    await mine.settle();
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(23);
  });
});
