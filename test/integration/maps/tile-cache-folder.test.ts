// The tile cache's folder: private even when it was there already (its listing tells which areas were looked at), and
// one scan of it shared by the writes that start together (each scan clears temp files it takes for a crash's).
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TileCache } from '../../../main/maps/tile-cache';
import { useTempDirs } from '../../support/temp-dirs';

const tempDir = useTempDirs('splits-tile-folder-');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('the tile cache folder', () => {
  it('makes a folder that was open to others private at the first use', async () => {
    const dir = join(await tempDir(), 'tiles');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    const cache = new TileCache(dir, 10_000_000, () => 0);
    const key = cache.keyOf('https://tiles.example/{z}/{x}/{y}.png', { z: 1, x: 0, y: 1 });
    await cache.write(key, { bytes: PNG, expiresAt: 1, etag: null, lastModified: null });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('keeps every tile of writes that start together on a new cache', async () => {
    const dir = join(await tempDir(), 'tiles');
    const cache = new TileCache(dir, 10_000_000, () => 0);
    const server = 'https://tiles.example/{z}/{x}/{y}.png';
    const keys = Array.from({ length: 40 }, (_, i) => cache.keyOf(server, { z: 6, x: i, y: 7 }));
    await Promise.all(
      keys.map((key) => cache.write(key, { bytes: PNG, expiresAt: 1, etag: null, lastModified: null })),
    );
    for (const key of keys) expect(await cache.read(key), key).not.toBeNull();
    expect(await cache.size()).toBeGreaterThan(0);
  });
});
