// `npm run demo` as a person runs it: a real child process, its printed address, and what the server lets through.
import { connect } from 'node:net';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import polyline from '@mapbox/polyline';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDemo, type RunningDemo } from '../../../scripts/demo/spawn';
import { CHROMIUM_FLAGS, chromiumPath } from '../../../scripts/chromium';

/** A raw HTTP request, so that the Host header can be anything (fetch sets its own). */
function call(
  url: URL,
  options: { path?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: options.path ?? '/',
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const ipc = (demo: RunningDemo, channel: string, args: unknown[] = []) =>
  call(demo.url, {
    path: `/ipc/${channel}`,
    method: 'POST',
    headers: { 'X-Splits-Token': demo.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

describe('npm run demo', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await spawnDemo();
  }, 180_000);
  afterAll(() => {
    if (demo?.child.exitCode === null) demo.child.kill('SIGKILL');
  });

  it('serves the built window, with its bridge and a CSP that lets the page reach only its own origin, and sets no cookie', async () => {
    expect(demo.url.hostname).toBe('127.0.0.1');
    expect(demo.token.length).toBeGreaterThanOrEqual(32);
    // The token is in the fragment alone, which a browser sends to no server.
    expect(demo.url.search).toBe('');
    expect(demo.url.hash).toBe(`#token=${demo.token}`);
    const page = await call(demo.url, { path: '/', headers: { Host: demo.url.host } });
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('<div id="root"></div>');
    expect(page.body).toMatch(/<script src="\.\/demo-bridge\.js"><\/script>[\s\S]*<script type="module"/);
    expect(String(page.headers['content-security-policy'])).toContain("connect-src 'self'");
    expect(page.body).not.toContain("connect-src 'none'");
    // The page's scripts are the app's public code: the data behind them is what the token guards.
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    expect((await call(demo.url, { path: `/${asset}`, headers: { Host: demo.url.host } })).status).toBe(200);
    const bridge = await call(demo.url, { path: '/demo-bridge.js', headers: { Host: demo.url.host } });
    expect(bridge.status).toBe(200);
    expect(bridge.body).toContain('X-Splits-Token');
    expect(bridge.body).not.toContain(demo.token);
  });

  it('answers 403 to a data request without the token in its header (in the query, in a cookie, wrong), and to a Host that is not this server (DNS rebinding)', async () => {
    const host = { Host: demo.url.host };
    const wrong = demo.token.slice(0, -1) + (demo.token.endsWith('A') ? 'B' : 'A');
    const query = (path: string, headers: Record<string, string>) =>
      call(demo.url, { path, method: 'POST', headers: { ...host, ...headers }, body: '[]' });
    expect((await query('/ipc/activities:query', {})).status).toBe(403);
    expect((await query(`/ipc/activities:query?token=${demo.token}`, {})).status).toBe(403);
    // The cookie an earlier demo set, which a cross-site form could ride on: no longer a way in.
    expect(
      (await query('/ipc/activities:query', { Cookie: `splits_demo_${demo.url.port}=${demo.token}` })).status,
    ).toBe(403);
    expect((await query('/ipc/activities:query', { 'X-Splits-Token': wrong })).status).toBe(403);
    expect((await query('/ipc/activities:query', { 'X-Splits-Token': '' })).status).toBe(403);
    expect((await call(demo.url, { path: '/events', headers: host })).status).toBe(403);
    expect((await call(demo.url, { path: `/events?token=${demo.token}`, headers: host })).status).toBe(403);
    expect(
      (
        await call(demo.url, {
          path: '/events',
          headers: { ...host, Cookie: `splits_demo_${demo.url.port}=${demo.token}` },
        })
      ).status,
    ).toBe(403);
    for (const rebound of [`rebind.example:${demo.url.port}`, 'rebind.example']) {
      expect((await call(demo.url, { path: '/', headers: { Host: rebound } })).status).toBe(403);
      expect((await query('/ipc/activities:query', { Host: rebound, 'X-Splits-Token': demo.token })).status).toBe(403);
    }
  });

  it('in Chromium: the page takes the token from the fragment and cleans the address, sends it in a header to the demo alone (another server on 127.0.0.1 receives nothing), and works after a reload', async () => {
    const executablePath = chromiumPath();
    // Another local server, as any program of this computer may run: it records everything the browser sends it.
    const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
    const other = createServer((req, res) => {
      received.push({ url: req.url ?? '', headers: req.headers });
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><title>another server</title><img src="/pixel.png">');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}/`;
    const profile = await mkdtemp(join(tmpdir(), 'splits-demo-browser-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const dataRequests: Array<{ url: string; token: string | undefined }> = [];
      page.on('request', (r) => {
        if (/\/(ipc\/|events)/.test(r.url())) dataRequests.push({ url: r.url(), token: r.headers()['x-splits-token'] });
      });
      type Api = {
        activities: { query: (q: unknown) => Promise<{ ok: boolean; value?: { total: number } }> };
        sync: { now: (o: unknown) => Promise<unknown> };
        on: (event: string, fn: (payload: unknown) => void) => () => void;
      };
      const storedCount = () =>
        page.evaluate(
          async () =>
            (await (globalThis as unknown as { splits: Api }).splits.activities.query({ pageSize: 1 })).value?.total ??
            -1,
        );

      await page.goto(demo.url.href);
      await page.getByRole('tablist').waitFor();
      expect(page.url()).toBe(`${demo.url.origin}/`);
      expect(await storedCount()).toBeGreaterThan(1000);
      // main's events reach the page over the stream it opened with the header.
      const finished = await page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const splits = (globalThis as unknown as { splits: Api }).splits;
            splits.on('sync:finished', () => resolve(true));
            void splits.sync.now({ mode: 'quick' });
          }),
      );
      expect(finished).toBe(true);
      await page.reload();
      await page.getByRole('tablist').waitFor();
      expect(await storedCount()).toBeGreaterThan(1000);
      expect(dataRequests.some((r) => r.url.endsWith('/events'))).toBe(true);
      expect(dataRequests.filter((r) => r.token !== demo.token)).toEqual([]);
      expect(dataRequests.filter((r) => r.url.includes(demo.token))).toEqual([]);

      // The page's own origin, without the header: refused, whatever the browser holds for 127.0.0.1.
      const refused = await page.evaluate(async () => [
        (await fetch('/ipc/app:info', { method: 'POST', body: '[]' })).status,
        (await fetch('/events')).status,
      ]);
      expect(refused).toEqual([403, 403]);

      // The same browser then visits the other server: nothing of the demo's token goes with it.
      await page.goto(otherUrl);
      await page.waitForLoadState('load');
      expect(received.map((r) => r.url)).toEqual(expect.arrayContaining(['/', '/pixel.png']));
      expect(received.filter((r) => r.headers.cookie !== undefined)).toEqual([]);
      expect(JSON.stringify(received)).not.toContain(demo.token);
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
      await new Promise((r) => other.close(r));
      await rm(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it('takes the Host in any case (LOCALHOST is localhost), and still refuses any other host', async () => {
    const port = demo.url.port;
    for (const host of [`LOCALHOST:${port}`, `LocalHost:${port}`, `localhost:${port}`]) {
      expect((await call(demo.url, { path: `/?token=${demo.token}`, headers: { Host: host } })).status, host).toBe(200);
    }
    for (const host of [`LOCALHOST.rebind.example:${port}`, `REBIND.example:${port}`, 'LOCALHOST']) {
      expect((await call(demo.url, { path: `/?token=${demo.token}`, headers: { Host: host } })).status, host).toBe(403);
    }
  });

  it('survives what any local program can send: a request that is no address, a path that does not decode, a body cut off', async () => {
    const port = Number(demo.url.port);
    const raw = (request: string, cut = false) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () =>
          cut ? socket.write(request, () => socket.destroy()) : socket.end(request),
        );
        let answer = '';
        socket.on('data', (d) => (answer += String(d)));
        socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
        socket.on('error', () => resolve(''));
      });
    const host = `Host: ${demo.url.host}\r\n`;
    expect(await raw(`GET //[ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /%E0%A4%A?token=${demo.token} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 400/,
    );
    await raw(
      `POST /ipc/activities:query HTTP/1.1\r\n${host}X-Splits-Token: ${demo.token}\r\nContent-Length: 1000\r\n\r\n[{`,
      true,
    );
    // Still serving.
    expect(demo.child.exitCode).toBeNull();
    const again = await ipc(demo, 'app:info');
    expect(again.status).toBe(200);
  });

  it('answers the handler table over /ipc: every activity the simulator lists is stored and counted', async () => {
    expect(demo.listed).toBeGreaterThan(1000);
    const res = await ipc(demo, 'activities:query', [{ pageSize: 5 }]);
    expect(res.status).toBe(200);
    const result = JSON.parse(res.body) as {
      ok: boolean;
      value: { total: number; items: Array<{ athleteId: number }> };
    };
    expect(result.ok).toBe(true);
    expect(result.value.total).toBe(demo.listed);
    const accounts = JSON.parse((await ipc(demo, 'accounts:list')).body) as {
      value: { accounts: Array<{ athleteId: number; name: string; state: string }> };
    };
    expect(accounts.value.accounts.map((a) => [a.athleteId, a.name, a.state]).sort()).toEqual([
      [1001, 'Ada Lovelace', 'connected'],
      [2002, 'Grace Hopper', 'connected'],
    ]);
    // Main's door is the app's: a bad argument comes back as a value, an unknown channel too.
    expect(JSON.parse((await ipc(demo, 'activities:query', [{ pageSize: 'all' }])).body)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(JSON.parse((await ipc(demo, 'fs:read')).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it("delivers main's events on /events once the page said app:ready: a sync:now shows up as started and finished", async () => {
    const frames: string[] = [];
    const stream = request({
      host: '127.0.0.1',
      port: demo.url.port,
      path: '/events',
      headers: { Host: demo.url.host, 'X-Splits-Token': demo.token },
    });
    const opened = new Promise<number>((resolve) =>
      stream.on(
        'response',
        (res) => (res.on('data', (d: Buffer) => frames.push(d.toString())), resolve(res.statusCode!)),
      ),
    );
    stream.end();
    try {
      expect(await opened).toBe(200);
      expect(JSON.parse((await ipc(demo, 'app:ready')).body)).toEqual({ ok: true, value: null });
      const sync = JSON.parse((await ipc(demo, 'sync:now', [{ mode: 'quick' }])).body) as {
        ok: boolean;
        value: { results: unknown[] };
      };
      expect(sync.ok).toBe(true);
      const deadline = Date.now() + 10_000;
      while (!frames.join('').includes('event: sync:finished') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const text = frames.join('');
      expect(text).toMatch(/event: sync:started\ndata: \{.*"mode":"quick"/);
      const finished = /event: sync:finished\ndata: (.*)\n/.exec(text);
      expect(finished).not.toBeNull();
      expect((JSON.parse(finished![1]!) as { summary: { results: unknown[] } }).summary.results).toHaveLength(
        sync.value.results.length,
      );
    } finally {
      stream.destroy();
    }
  });

  it("shows each athlete's newest tracks as the simulator recorded them, fetched from its streams and imported from the sample archive alike: from the polyline's first point, over the activity's distance", async () => {
    const value = async <T>(channel: string, args: unknown[]): Promise<T> => {
      const result = JSON.parse((await ipc(demo, channel, args)).body) as { ok: boolean; value: T };
      expect(result.ok, channel).toBe(true);
      return result.value;
    };
    type Row = { id: number; distance: number | null };
    type View = { source: string; distanceM: number | null; lat: number[] | null; lng: number[] | null };
    /** The newest activities of an athlete that have both a route and a stored track. */
    const newestTracks = async (athleteId: number) => {
      const page = await value<{ items: Row[] }>('activities:query', [{ athleteId, pageSize: 10 }]);
      const found: Array<{ row: Row; first: [number, number]; track: View }> = [];
      for (const row of page.items) {
        const ref = { athleteId, id: row.id };
        const { summaryPolyline } = await value<{ summaryPolyline: string | null }>('activities:get', [ref]);
        const track = await value<View | null>('activities:track', [ref]);
        if (track && summaryPolyline) found.push({ row, first: polyline.decode(summaryPolyline)[0]!, track });
      }
      return found;
    };
    const expectTheirOwn = (found: Awaited<ReturnType<typeof newestTracks>>, source: string) => {
      for (const { row, first, track } of found) {
        expect(track.source, `${row.id}`).toBe(source);
        expect(track.lat?.[0], `${row.id}`).toBeCloseTo(first[0], 5);
        expect(track.lng?.[0], `${row.id}`).toBeCloseTo(first[1], 5);
        expect(Math.abs(track.distanceM! - row.distance!), `${row.id}`).toBeLessThanOrEqual(row.distance! * 0.001 + 1);
      }
    };
    // The first sync's backfill fetched them from the simulator's streams, for both athletes.
    for (const athleteId of [1001, 2002]) {
      const found = await newestTracks(athleteId);
      expect(found.length, `athlete ${athleteId}`).toBeGreaterThanOrEqual(5);
      expectTheirOwn(found, 'api');
    }
    // The sample archive's original files, which win over the API's tracks, are the same recordings.
    const imported = await value<{ tracksStored: number }>('archive:import', [{ athleteId: 1001 }]);
    expect(imported.tracksStored).toBeGreaterThanOrEqual(5);
    const fromArchive = await newestTracks(1001);
    expect(fromArchive.length).toBeGreaterThanOrEqual(5);
    expectTheirOwn(fromArchive, 'fit');
  }, 120_000);

  it('stops cleanly on Ctrl-C: exit 0, no process left behind, ports closed, the temp data folder removed', async () => {
    const pid = demo.child.pid!;
    const below = descendants(pid);
    expect(existsSync(demo.dataDir)).toBe(true);
    expect(await demo.stop()).toBe(0);
    // A child ends when it sees its parent gone; a moment for that on a busy machine, never a process left.
    const deadline = Date.now() + 3000;
    while (below.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(below.filter(alive).map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8'))).toEqual([]);
    await expect(fetch(demo.url)).rejects.toThrow();
    await expect(fetch(demo.simUrl)).rejects.toThrow();
    expect(existsSync(demo.dataDir)).toBe(false);
  }, 30_000);
});
