import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreProblem } from '../../../main/store/json-document';
import { openLimiterState } from '../../../main/store/limiter-state-store';
import type { RateLimiterPersistence, RateLimiterState } from '../../../main/strava/rate-limit-state';
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

/** The file's writes held while told to (as a busy disk holds them behind a sync's year files), then let go. */
function holdingDisk(disk: RateLimiterPersistence) {
  let held: Array<() => void> | null = null;
  const persistence: RateLimiterPersistence = {
    load: () => disk.load(),
    loadFresh: () => disk.loadFresh!(),
    save: async (state) => {
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      await disk.save(state);
    },
  };
  return {
    persistence,
    hold: () => void (held = []),
    waiting: () => held?.length ?? 0,
    release: () => {
      for (const resolve of held?.splice(0) ?? []) resolve();
      held = null;
    },
  };
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
    // A lower limit is on disk before the answer is handed on: a process starting from the file must not send past it.
    await limiter.update({ ...truth(40), 'X-ReadRateLimit-Limit': '60,600' });
    expect(disk.writes()).toBe(afterFirst + 2);
    expect(new RateLimiter(clock, await f.open()).status().read.limit15min).toBe(60);
    // A higher one is written in the background, once.
    await limiter.update({ ...truth(40), 'X-ReadRateLimit-Limit': '300,3000' });
    await vi.waitUntil(async () => new RateLimiter(clock, await f.open()).status().read.limit15min === 300);
    await new Promise((resolve) => setImmediate(resolve));
    await limiter.update({ ...truth(40), 'X-ReadRateLimit-Limit': '300,3000' });
    expect(disk.writes()).toBe(afterFirst + 3);
  });

  it('a limit that rose is written without holding up the answer or the next request (issue 20, item 12)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    const slow = holdingDisk(disk);
    const limiter = new RateLimiter(clock, slow.persistence);
    await limiter.acquire('read', 'user'); // the file covers 11, at the default limits
    slow.hold();
    const atOnce = <T>(work: Promise<T>) =>
      Promise.race([work.then(() => true), new Promise<false>((resolve) => setImmediate(() => resolve(false)))]);
    // The first answer of an app approved for more: neither it nor the next request waits for the held write.
    expect(await atOnce(limiter.update({ ...truth(1), 'X-ReadRateLimit-Limit': '600,6000' }))).toBe(true);
    expect(await atOnce(limiter.acquire('read', 'user'))).toBe(true);
    expect(slow.waiting()).toBe(1);
    expect(new RateLimiter(clock, await f.open()).status().read.limit15min).toBe(100);
    // A lower limit is different: it waits for the disk, and the rise still on its way is not the file's last word,
    // even when the new limit is above the file's old one.
    const lowered = limiter.update({ ...truth(2), 'X-ReadRateLimit-Limit': '300,3000' });
    expect(await atOnce(lowered)).toBe(false);
    slow.release();
    await lowered;
    expect(new RateLimiter(clock, await f.open()).status().read.limit15min).toBe(300);
    await limiter.settle();
    expect(new RateLimiter(clock, await f.open()).status().read.limit15min).toBe(300);
    // Whatever was written meanwhile, the file still covers the two requests sent.
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(2);
  });

  it('a run about to send writes the lease as it starts, so its first request does not wait for the disk (issue 20, item 12)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    const slow = holdingDisk(disk);
    const limiter = new RateLimiter(clock, slow.persistence);
    slow.hold();
    limiter.prepare();
    limiter.prepare(); // once is enough
    // The write is on its way before any request is asked for.
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.waiting()).toBe(1);
    // The first request goes once that write is on disk, with no second write of its own.
    let sent = false;
    const first = limiter.acquire('read', 'user').then(() => (sent = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(false);
    slow.release();
    await first;
    expect(disk.writes()).toBe(1);
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(1);
  });

  it('a run that prepared and then sent nothing leaves the file as true as before', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const limiter = new RateLimiter(clock, await f.open());
    await limiter.acquire('read', 'user');
    await limiter.update(truth(1));
    await limiter.settle();
    limiter.prepare();
    await limiter.settle();
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBe(1);
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

  it('renews the lease in the background before it runs out: no request waits for the disk while the file covers it (issue 20, item 12)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    // The file's writes, held on demand as a busy disk holds them; while one is written, the store's copy in memory is
    // already the new one (as lowdb's is).
    let held: Array<() => void> | null = null;
    let writing: RateLimiterState | null = null;
    let inFlight = 0;
    const slowDisk: RateLimiterPersistence = {
      load: () => (writing ? structuredClone(writing) : disk.load()),
      loadFresh: () => disk.loadFresh!(),
      save: async (state) => {
        writing = structuredClone(state);
        inFlight++;
        try {
          if (held) await new Promise<void>((resolve) => held!.push(resolve));
          await disk.save(state);
        } finally {
          inFlight--;
          writing = null;
        }
      },
    };
    const limiter = new RateLimiter(clock, slowDisk);
    // The first request writes a lease of 10 (the file covers 11); the 9th, with 3 of it left, renews it in the background.
    for (let sent = 1; sent <= 9; sent++) await limiter.acquire('read', 'user');
    await vi.waitUntil(() => inFlight === 0);
    held = [];
    // The file covers 19: the 10th to the 19th go out while the disk holds every write, the 17th starting a renewal.
    // (Each let go within the same turn of the event loop: none waited for a write, which the held disk never ends.)
    const goesAtOnce = () =>
      Promise.race([
        limiter.acquire('read', 'user').then(() => true),
        new Promise<false>((resolve) => setImmediate(() => resolve(false))),
      ]);
    for (let sent = 10; sent <= 19; sent++) expect(await goesAtOnce(), `request ${sent}`).toBe(true);
    expect(inFlight).toBe(1);
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(19);
    // The renewal being written is this process's own lease, not news from another.
    limiter.reload();
    expect(limiter.status().read.requests15min).toBe(19);
    // The 20th is past what the file holds: it goes only once the renewal is on disk.
    let twentiethSent = false;
    const twentieth = limiter.acquire('read', 'user').then(() => (twentiethSent = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(twentiethSent).toBe(false);
    for (const release of held.splice(0)) release();
    held = null;
    await twentieth;
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(20);
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

  it('a request taken while the true counts are written is covered by the file once both writes are done', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    // The settle's write is held until the request has been let go, as a busy disk holds it while another part of the
    // app (an athlete being connected) asks for a request as a sync ends.
    let releaseSettle: (() => void) | null = null;
    let settleStarted: (() => void) | null = null;
    const settleWriting = new Promise<void>((resolve) => (settleStarted = resolve));
    const slowDisk: RateLimiterPersistence = {
      load: () => disk.load(),
      loadFresh: () => disk.loadFresh!(),
      save: async (state) => {
        if (state.read.used15 === 1 && releaseSettle === null) {
          const held = new Promise<void>((resolve) => (releaseSettle = resolve));
          settleStarted!();
          await held;
        }
        await disk.save(state);
      },
    };
    const limiter = new RateLimiter(clock, slowDisk);
    await limiter.acquire('read', 'user'); // the file covers 11
    await limiter.update(truth(1));
    const settled = limiter.settle(); // writes the true count, 1
    await settleWriting;
    const second = limiter.acquire('read', 'user');
    releaseSettle!();
    await Promise.all([settled, second]);
    // Two requests went out: a process starting from the file now must count both, or it sends one past the limit.
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(2);
  });

  it('a lease renewed while settle reads the file is not replaced by counts that leave later requests uncovered', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    // Every write and the settle's read of the file held, then let go one at a time in the order a busy disk may.
    const saves: Array<() => void> = [];
    let holding = false;
    let landed = 0;
    let releaseRead: (() => void) | null = null;
    const slowDisk: RateLimiterPersistence = {
      load: () => disk.load(),
      loadFresh: async () => {
        await new Promise<void>((resolve) => (releaseRead = resolve));
        return disk.loadFresh!();
      },
      save: async (state) => {
        if (holding) await new Promise<void>((resolve) => saves.push(resolve));
        await disk.save(state);
        landed++;
      },
    };
    const limiter = new RateLimiter(clock, slowDisk);
    await limiter.acquire('read', 'user'); // the file covers 11
    holding = true;
    const settled = limiter.settle(); // reads the file: held
    await vi.waitUntil(() => releaseRead !== null);
    // Requests 2 to 9: the 9th, with 3 of the lease left, renews it in the background (held).
    for (let sent = 2; sent <= 9; sent++) await limiter.acquire('read', 'user');
    await vi.waitUntil(() => saves.length === 1);
    releaseRead!();
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
    };
    await turns(5); // settle goes on from its read: whatever it writes is held behind the renewal
    const before = landed;
    saves.shift()!(); // the renewal lands
    await vi.waitUntil(() => landed > before);
    await turns(5);
    const tenth = limiter.acquire('read', 'user');
    // The rest lands, one write at a time.
    let done = false;
    const all = Promise.all([settled, tenth]).finally(() => (done = true));
    while (!done) {
      saves.shift()?.();
      await turns(1);
    }
    await all;
    holding = false;
    // Ten requests went out: a process starting from the file must count every one.
    expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(10);
  });

  it('a settle whose write fails rejects once, to its caller, and leaves no rejection unhandled', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const f = await folder();
    const disk = await f.open();
    let full = false;
    const fullDisk: RateLimiterPersistence = {
      load: () => disk.load(),
      loadFresh: () => disk.loadFresh!(),
      save: async (state) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await disk.save(state);
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const limiter = new RateLimiter(clock, fullDisk);
      await limiter.acquire('read', 'user');
      await limiter.update(truth(1));
      full = true;
      await expect(limiter.settle()).rejects.toThrow(/ENOSPC/);
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
      // The next request still writes its lease past the file once the disk has room.
      full = false;
      await limiter.acquire('read', 'user');
      expect(new RateLimiter(clock, await f.open()).status().read.requests15min).toBeGreaterThanOrEqual(2);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
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
