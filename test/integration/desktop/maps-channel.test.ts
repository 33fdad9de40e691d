// `maps:tile` and the map settings on the real desktop core, through main's door, against a tile server on loopback:
// no tile is fetched until the person allows maps (and none once they stop), a tile outside the world is refused at
// the door, and only a tile server by the rules is stored.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OSM_TILE_SERVER } from '../../../common/map-tiles';
import { openDesktop } from '../../support/desktop-core';
import { useWorld } from '../../support/splits';
import { startTileServer, type TileServer } from '../../support/tile-server';

describe('maps:tile', () => {
  const world = useWorld();
  let server: TileServer;
  afterEach(async () => server?.stop());

  /** The desktop core with maps allowed, on a tile server of its own on loopback. */
  async function openWithMaps() {
    server = await startTileServer();
    return openDesktop(await world(), {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, showMaps: true, tileServer: server.template },
    });
  }

  it('refuses every tile while Show maps is off (the default), fetches once it is on, and stops when it is off again', async () => {
    server = await startTileServer();
    const w = await world();
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      expect((await app.invoke('settings:get')).value).toMatchObject({ showMaps: false, tileServer: OSM_TILE_SERVER });
      expect((await app.invoke('settings:set', { tileServer: server.template })).ok).toBe(true);
      const off = await app.invoke('maps:tile', { z: 1, x: 0, y: 1 });
      expect(off).toEqual({
        ok: false,
        error: {
          code: 'config',
          message: 'Maps are off: no map image is loaded until you turn on Show maps in Settings.',
        },
      });
      expect(server.asked).toEqual([]);

      expect((await app.invoke('settings:set', { showMaps: true })).ok).toBe(true);
      const on = await app.invoke('maps:tile', { z: 1, x: 0, y: 1 });
      expect(on).toMatchObject({ ok: true, value: expect.stringMatching(/^data:image\/png;base64,/) });
      expect(server.asked.map((a) => a.path)).toEqual(['/tiles/1/0/1.png']);
      expect(server.asked[0]!.userAgent).toMatch(/^Splits\/\d+\.\d+\.\d+/);
      // Kept where the desktop keeps its tiles (in a data folder without a folder of the system's: tests, the demo).
      expect(await readdir(join(w.dataDir, 'tile-cache'))).toHaveLength(1);

      expect((await app.invoke('settings:set', { showMaps: false })).ok).toBe(true);
      expect(await app.invoke('maps:tile', { z: 1, x: 1, y: 1 })).toMatchObject({
        ok: false,
        error: { code: 'config' },
      });
      expect(server.asked).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('refuses the tiles still waiting for a request slot once maps are turned off, without asking the server', async () => {
    const app = await openWithMaps();
    try {
      const release = server.holdAnswers();
      const answers = Promise.all(Array.from({ length: 6 }, (_, x) => app.invoke('maps:tile', { z: 3, x, y: 1 })));
      // Two requests at the server (the policy's most), four waiting in main: then the person turns maps off.
      await vi.waitFor(() => expect(server.asked).toHaveLength(2));
      expect((await app.invoke('settings:set', { showMaps: false })).ok).toBe(true);
      release();
      const results = await answers;
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      const refused = results.filter((r) => !r.ok);
      expect(refused).toHaveLength(4);
      for (const r of refused) {
        expect(r.error!.code).toBe('config');
        expect(r.error!.message).toMatch(/maps were turned off, or another server was chosen/);
      }
      expect(server.asked).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('refuses a tile that is not one at the door, before anything is asked', async () => {
    const app = await openWithMaps();
    try {
      for (const bad of [
        { z: 20, x: 0, y: 0 },
        { z: -1, x: 0, y: 0 },
        { z: 1, x: 2, y: 0 },
        { z: 1, x: 0, y: 2 },
        { z: 3, x: -1, y: 0 },
        { z: 1.5, x: 0, y: 0 },
        { z: 1, x: 0, y: 0.5 },
        { z: '1', x: 0, y: 0 },
        { z: 1, x: 0 },
        { z: 1, x: 0, y: 0, url: 'http://elsewhere/' },
        null,
      ]) {
        const answer = await app.invoke('maps:tile', bad);
        expect(answer, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      }
      expect(await app.invoke('maps:tile')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(server.asked).toEqual([]);
      // The edges of the world are tiles.
      expect((await app.invoke('maps:tile', { z: 0, x: 0, y: 0 })).ok).toBe(true);
      expect((await app.invoke('maps:tile', { z: 19, x: 2 ** 19 - 1, y: 2 ** 19 - 1 })).ok).toBe(true);
      expect(server.asked).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('stores a tile server only by the rules (https, or http on this computer, with {z}, {x} and {y}), and says why not', async () => {
    const w = await world();
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      const refused: Array<[string, RegExp]> = [
        ['http://tiles.example.org/{z}/{x}/{y}.png', /Use https:\/\//],
        ['https://{s}.tile.example.org/{z}/{x}/{y}.png', /\{z\}, \{x\} and \{y\} only \(not \{s\}\)/],
        ['https://tiles.example.org/{z}/{x}.png', /needs \{z\}, \{x\} and \{y\}/],
        ['https://{z}.example.org/{x}/{y}.png', /not in the server's name/],
        ['https://ann:secret@tiles.example.org/{z}/{x}/{y}.png', /user name or a password/],
        ['file:///{z}/{x}/{y}.png', /https:\/\//],
        ['tiles/{z}/{x}/{y}.png', /not a web address/],
        [`https://tiles.example.org/${'a'.repeat(600)}/{z}/{x}/{y}.png`, /at most 500 characters/],
      ];
      for (const [tileServer, words] of refused) {
        const answer = await app.invoke('settings:set', { tileServer });
        expect(answer, tileServer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        expect(answer.error!.message, tileServer).toMatch(words);
        // Never the address back (it could hold a key of the person's tile service).
        expect(answer.error!.message).not.toContain('secret');
      }
      expect((await app.invoke('settings:get')).value).toMatchObject({ tileServer: OSM_TILE_SERVER });
      for (const tileServer of [
        'https://tiles.example.org/styles/{z}/{x}/{y}.png?key=abc',
        'http://localhost:8080/{z}/{x}/{y}.png',
        'http://[::1]:8080/{z}/{y}/{x}.webp',
      ])
        expect((await app.invoke('settings:set', { tileServer })).value, tileServer).toMatchObject({ tileServer });
    } finally {
      await app.close();
    }
  });
});
