// The map's tiles as main fetches and keeps them (main/maps/), against a real tile server on loopback: OpenStreetMap's
// usage policy (Splits' own User-Agent, tiles served from disk while fresh, at least a week, at most 2 requests at
// once), a cache with a cap, written whole and private, and a server's failures said, never kept.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MapTiles } from '../../../main/maps/map-tiles';
import { TileServerError, TileServerWithdrawnError } from '../../../main/maps/maps-errors';
import { DAY_MS } from '../../../main/maps/tile-freshness';
import { FakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dirs';
import { startTileServer, tilePng, type TileServer } from '../../support/tile-server';

const makeTempDir = useTempDirs('splits-tiles-');
const packageJson = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let server: TileServer;
afterEach(async () => server?.stop());

/** The tile files in the cache, wherever they are. */
async function tileFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of await readdir(dir).catch(() => [] as string[]))
    for (const name of await readdir(join(dir, folder))) found.push(join(folder, name));
  return found;
}

/** The person allows the server throughout (the desktop's check reads the settings: maps-channel.test.ts). */
const always = () => true;

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');

async function setUp(options: { capBytes?: number; timeoutMs?: number } = {}) {
  server = await startTileServer();
  const cacheDir = join(await makeTempDir(), 'tiles');
  const clock = new FakeClock();
  const open = () =>
    new MapTiles({ cacheDir, clock, userAgent: `Splits/${packageJson.version}`, timeoutMs: 2_000, ...options });
  return { cacheDir, clock, tiles: open(), open };
}

describe('map tiles (main/maps)', () => {
  it("asks the tile server with Splits' own User-Agent and answers the tile it sent as an image", async () => {
    const { tiles } = await setUp();
    const image = await tiles.tile(server.template, { z: 3, x: 4, y: 2 }, always);
    expect(image).toMatch(/^data:image\/png;base64,/);
    expect(bytesOf(image).equals(tilePng(3, 4, 2))).toBe(true);
    expect(server.asked).toEqual([
      { path: '/tiles/3/4/2.png', userAgent: `Splits/${packageJson.version}`, ifNoneMatch: undefined },
    ]);
  });

  it('serves a tile again from disk, not the server, while it is fresh: after a restart too', async () => {
    const { tiles, open, cacheDir } = await setUp();
    const first = await tiles.tile(server.template, { z: 5, x: 10, y: 12 }, always);
    expect(await tiles.tile(server.template, { z: 5, x: 10, y: 12 }, always)).toBe(first);
    expect(await open().tile(server.template, { z: 5, x: 10, y: 12 }, always)).toBe(first);
    expect(server.asked).toHaveLength(1);
    // Kept privately, whole: one tile file, 0600 in a 0700 folder, no temp file beside it.
    const files = await tileFiles(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{16}\/5-10-12\.tile$/);
    expect((await stat(join(cacheDir, files[0]!))).mode & 0o777).toBe(0o600);
    expect((await stat(join(cacheDir, files[0]!, '..'))).mode & 0o777).toBe(0o700);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
  });

  it('asks the same tile once when it is wanted twice at once', async () => {
    const { tiles } = await setUp();
    server.holdMs = 50;
    const [a, b] = await Promise.all([
      tiles.tile(server.template, { z: 2, x: 1, y: 1 }, always),
      tiles.tile(server.template, { z: 2, x: 1, y: 1 }, always),
    ]);
    expect(a).toBe(b);
    expect(server.asked).toHaveLength(1);
  });

  it('keeps a tile at least 7 days whatever the server says, longer when it says so, and asks again once it expired', async () => {
    const { tiles, clock } = await setUp();
    const tile = { z: 4, x: 3, y: 3 };
    server.cacheControl = 'max-age=60';
    await tiles.tile(server.template, tile, always);
    clock.set(clock.now() + 7 * DAY_MS - 1);
    await tiles.tile(server.template, tile, always);
    expect(server.asked).toHaveLength(1);
    clock.set(clock.now() + 2);
    server.cacheControl = `max-age=${30 * 24 * 3600}`;
    await tiles.tile(server.template, tile, always);
    expect(server.asked).toHaveLength(2);
    // The server's 30 days are honoured, past the week.
    clock.set(clock.now() + 29 * DAY_MS);
    await tiles.tile(server.template, tile, always);
    expect(server.asked).toHaveLength(2);
    clock.set(clock.now() + 2 * DAY_MS);
    await tiles.tile(server.template, tile, always);
    expect(server.asked).toHaveLength(3);
  });

  it('asks about an expired tile with its ETag, and keeps it on a 304 without fetching it again', async () => {
    const { tiles, clock } = await setUp();
    server.behaviour = 'etag';
    const first = await tiles.tile(server.template, { z: 6, x: 1, y: 2 }, always);
    clock.set(clock.now() + 8 * DAY_MS);
    expect(await tiles.tile(server.template, { z: 6, x: 1, y: 2 }, always)).toBe(first);
    expect(server.asked.map((a) => a.ifNoneMatch)).toEqual([undefined, '"v1"']);
    // Fresh again for a week from the 304.
    clock.set(clock.now() + 6 * DAY_MS);
    await tiles.tile(server.template, { z: 6, x: 1, y: 2 }, always);
    expect(server.asked).toHaveLength(2);
  });

  it('past its cap, the cache lets the tiles fetched longest ago go first: in this run and after a restart', async () => {
    const probe = await setUp();
    await probe.tiles.tile(server.template, { z: 1, x: 0, y: 0 }, always);
    const oneTile = (await stat(join(probe.cacheDir, (await tileFiles(probe.cacheDir))[0]!))).size;
    await server.stop();

    // Room for three tiles of about this size, not four.
    const { tiles, clock, cacheDir, open } = await setUp({ capBytes: Math.floor(oneTile * 3.5) });
    const names = (n: number) => ({ z: 3, x: n, y: 0 });
    for (const n of [0, 1, 2, 3]) {
      clock.set(clock.now() + 60_000);
      await tiles.tile(server.template, names(n), always);
    }
    let files = (await tileFiles(cacheDir)).map((f) => f.split('/')[1]).sort();
    expect(files).toEqual(['3-1-0.tile', '3-2-0.tile', '3-3-0.tile']);
    // After a restart the files' times say which is oldest: tile 1 goes for tile 4.
    const again = open();
    clock.set(clock.now() + 60_000);
    await again.tile(server.template, names(4), always);
    files = (await tileFiles(cacheDir)).map((f) => f.split('/')[1]).sort();
    expect(files).toEqual(['3-2-0.tile', '3-3-0.tile', '3-4-0.tile']);
    expect(server.asked).toHaveLength(5);
    // The evicted tile is fetched again; those kept are not.
    await again.tile(server.template, names(3), always);
    await again.tile(server.template, names(0), always);
    expect(server.asked).toHaveLength(6);
  });

  it('never has more than 2 requests at the server at once, and answers every tile', async () => {
    const { tiles } = await setUp();
    server.holdMs = 40;
    const wanted = Array.from({ length: 8 }, (_, n) => ({ z: 4, x: n, y: 5 }));
    const images = await Promise.all(wanted.map((t) => tiles.tile(server.template, t, always)));
    expect(images.every((image, n) => bytesOf(image).equals(tilePng(4, n, 5)))).toBe(true);
    expect(server.asked).toHaveLength(8);
    expect(server.mostAtOnce()).toBe(2);
  });

  it('refuses the tiles waiting for a request slot, without asking, once the person withdraws the server', async () => {
    const { tiles } = await setUp();
    const release = server.holdAnswers();
    let allowed = true;
    const wanted = Array.from({ length: 6 }, (_, n) => ({ z: 4, x: n, y: 7 }));
    const answers = Promise.all(
      wanted.map((t) =>
        tiles.tile(server.template, t, (s) => allowed && s === server.template).catch((e: unknown) => e),
      ),
    );
    // Two at the server, four waiting for a slot: then maps are turned off.
    await vi.waitFor(() => expect(server.asked).toHaveLength(2));
    allowed = false;
    release();
    const results = await answers;
    // Which two took the slots depends on the order their cache reads ended: the two asked are the two answered.
    const answered = wanted.filter((_, n) => typeof results[n] === 'string');
    expect(answered.map((t) => `/tiles/${t.z}/${t.x}/${t.y}.png`).sort()).toEqual(
      server.asked.map((a) => a.path).sort(),
    );
    expect(answered.every((t) => bytesOf(results[wanted.indexOf(t)] as string).equals(tilePng(t.z, t.x, t.y)))).toBe(
      true,
    );
    const refusals = results.filter((r) => typeof r !== 'string');
    expect(refusals).toHaveLength(4);
    for (const refused of refusals) {
      expect(refused).toBeInstanceOf(TileServerWithdrawnError);
      expect((refused as TileServerWithdrawnError).ipcCode).toBe('config');
      expect((refused as Error).message).toMatch(
        /^The map server 127\.0\.0\.1:\d+ is no longer the one allowed in Settings/,
      );
    }
    expect(server.asked).toHaveLength(2);
  });

  // The code says what the failure concerns: this tile (not-found, bad-response) or the whole server (unreachable).
  it.each([
    [
      'not-found',
      'not-found',
      /^The map server 127\.0\.0\.1:\d+ answered 404 Not Found: the route is drawn without the map/,
    ],
    ['server-error', 'bad-response', /^The map server 127\.0\.0\.1:\d+ answered 500 Internal Server Error/],
    ['hang', 'unreachable', /^The map server 127\.0\.0\.1:\d+ did not answer in 0\.3 s/],
    ['html', 'bad-response', /^The map server 127\.0\.0\.1:\d+ sent something that is not a map image/],
    [
      'redirect',
      'bad-response',
      /^The map server 127\.0\.0\.1:\d+ sent the tile to another address, which Splits does not follow/,
    ],
  ] as const)(
    'a server that answers %s gets a clear error (%s), and nothing is kept',
    async (behaviour, code, words) => {
      const { tiles, cacheDir } = await setUp({ timeoutMs: 300 });
      server.behaviour = behaviour;
      const failure = await tiles.tile(server.template, { z: 2, x: 2, y: 3 }, always).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TileServerError);
      expect((failure as TileServerError).message).toMatch(words);
      expect((failure as TileServerError).ipcCode).toBe(code);
      // Never the server's own words (its body) in the message.
      expect((failure as Error).message).not.toMatch(/overloaded|Wi-Fi|no such tile/);
      expect(await tileFiles(cacheDir)).toEqual([]);
      // Nothing kept: asked again next time, and served once the server is well.
      server.behaviour = 'png';
      expect(await tiles.tile(server.template, { z: 2, x: 2, y: 3 }, always)).toMatch(/^data:image\/png;base64,/);
      expect(server.asked).toHaveLength(2);
    },
  );

  it('a server that cannot be reached concerns the whole map (unreachable), not one tile', async () => {
    const { tiles } = await setUp();
    await server.stop();
    const failure = await tiles.tile(server.template, { z: 2, x: 1, y: 3 }, always).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TileServerError);
    expect((failure as TileServerError).message).toMatch(
      /^The map server 127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)/,
    );
    expect((failure as TileServerError).ipcCode).toBe('unreachable');
  });

  it('leaves a server that answered 429 alone for its Retry-After: the tiles queued behind it are not asked', async () => {
    const { tiles, clock } = await setUp();
    server.behaviour = 'too-many-requests';
    server.holdMs = 40;
    const wanted = Array.from({ length: 8 }, (_, n) => ({ z: 4, x: n, y: 6 }));
    const failures = await Promise.all(
      wanted.map((t) => tiles.tile(server.template, t, always).catch((e: unknown) => e)),
    );
    expect(failures.every((f) => f instanceof TileServerError)).toBe(true);
    // The two asked at once both heard the 429; the six waiting behind them were refused without asking. Which two
    // were asked is whichever reached the server first (each looks in the cache on disk before), not their order here.
    expect(server.asked).toHaveLength(2);
    const messages = failures.map((f) => (f as Error).message);
    const answered = messages.filter((m) => /^The map server 127\.0\.0\.1:\d+ answered 429 Too Many Requests/.test(m));
    const waiting = failures.filter((f) =>
      /^The map server 127\.0\.0\.1:\d+ asked Splits to wait \(120 s more\)/.test((f as Error).message),
    );
    expect([answered.length, waiting.length], messages.join('\n')).toEqual([2, 6]);
    expect(failures.every((f) => (f as TileServerError).ipcCode === 'unreachable')).toBe(true);
    for (const f of waiting) expect((f as TileServerError).retryAt).toBe(clock.now() + 120_000);
    // Still paused a second before the Retry-After; asked again once it has passed.
    server.behaviour = 'png';
    clock.set(clock.now() + 119_000);
    expect(await tiles.tile(server.template, wanted[0]!, always).catch((e: unknown) => e)).toBeInstanceOf(
      TileServerError,
    );
    expect(server.asked).toHaveLength(2);
    clock.set(clock.now() + 1_000);
    expect(await tiles.tile(server.template, wanted[0]!, always)).toMatch(/^data:image\/png;base64,/);
    expect(server.asked).toHaveLength(3);
  });

  it('leaves a server that answered 429 without a Retry-After alone for a minute', async () => {
    const { tiles, clock } = await setUp();
    server.behaviour = 'too-many-requests';
    server.retryAfter = null;
    await tiles.tile(server.template, { z: 2, x: 0, y: 0 }, always).catch(() => undefined);
    server.behaviour = 'png';
    clock.set(clock.now() + 59_000);
    await tiles.tile(server.template, { z: 2, x: 1, y: 0 }, always).catch(() => undefined);
    expect(server.asked).toHaveLength(1);
    clock.set(clock.now() + 1_000);
    expect(await tiles.tile(server.template, { z: 2, x: 1, y: 0 }, always)).toMatch(/^data:image\/png;base64,/);
  });

  it('serves the copy on disk when an expired tile cannot be fetched again (offline, or the server failing)', async () => {
    const { tiles, clock } = await setUp();
    const first = await tiles.tile(server.template, { z: 7, x: 8, y: 9 }, always);
    clock.set(clock.now() + 8 * DAY_MS);
    server.behaviour = 'server-error';
    expect(await tiles.tile(server.template, { z: 7, x: 8, y: 9 }, always)).toBe(first);
    expect(server.asked).toHaveLength(2);
  });

  it("never serves one server's tile for another, and fetches again past a damaged tile file", async () => {
    const { tiles, cacheDir } = await setUp();
    const other = server.template.replace('/tiles/', '/tiles/./');
    await tiles.tile(server.template, { z: 1, x: 1, y: 1 }, always);
    await tiles.tile(other, { z: 1, x: 1, y: 1 }, always);
    expect(server.asked).toHaveLength(2);
    // A file cut short (by something else: Splits writes whole) is fetched again, not served.
    const files = await tileFiles(cacheDir);
    expect(files).toHaveLength(2);
    await writeFile(join(cacheDir, files[0]!), 'splits-tile 1\n{"expiresAt":');
    for (const template of [server.template, other])
      expect(await tiles.tile(template, { z: 1, x: 1, y: 1 }, always)).toMatch(/^data:image\/png;base64,/);
    expect(server.asked).toHaveLength(3);
  });
});
