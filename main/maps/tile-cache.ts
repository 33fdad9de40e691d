import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { TileRequest } from '../../common/map-tiles';
import { writePrivateFileWhole } from '../archive/private-file-write';
import { tileImageType, type TileImageType } from './tile-image';

/** A tile kept on disk: its image, until when it is fresh, and the server's validators to ask about it again. */
export interface CachedTile {
  bytes: Uint8Array;
  type: TileImageType;
  expiresAt: number;
  etag: string | null;
  lastModified: string | null;
}

/** A tile file: this line, a line of JSON (below), then the image's bytes as the server sent them. */
const MAGIC = 'splits-tile 1\n';
const metaSchema = z.object({
  expiresAt: z.number().finite(),
  etag: z.string().max(200).nullable(),
  lastModified: z.string().max(200).nullable(),
});
const TILE_FILE = /^\d{1,2}-\d{1,7}-\d{1,7}\.tile$/;
let temps = 0;

/**
 * The map's images on disk (OpenStreetMap's tile usage policy: served from here, not fetched again, while fresh).
 * One folder per tile server (named by a digest of its address, so a changed server never serves another's tiles),
 * one file per tile, written whole through a temp file and a rename, private (0600 in 0700 folders). Past `capBytes`
 * in all, the tiles fetched longest ago go first: each file's modification time is when it was fetched, on the
 * injected clock.
 */
export class TileCache {
  /** Every tile file's size and fetch time, read from the folder at the first use, then kept as files come and go. */
  private index: Map<string, { size: number; at: number }> | null = null;
  private scanning: Promise<Map<string, { size: number; at: number }>> | null = null;
  private total = 0;

  constructor(
    private readonly dir: string,
    private readonly capBytes: number,
    private readonly now: () => number,
  ) {}

  /** Where a tile of a server is kept, relative to the cache's folder. */
  keyOf(server: string, { z, x, y }: TileRequest): string {
    const folder = createHash('sha256').update(server).digest('hex').slice(0, 16);
    return join(folder, `${z}-${x}-${y}.tile`);
  }

  /** The tile on disk, fresh or not; null when there is none (or its file is damaged: it is removed). */
  async read(key: string): Promise<CachedTile | null> {
    const path = join(this.dir, key);
    const file = await readFile(path).catch(() => null);
    if (!file) return null;
    const tile = parseTileFile(file);
    if (!tile) await this.remove(key);
    return tile;
  }

  /** Keeps a tile (whole or not at all), then makes room: the oldest tiles go until the cache is within its cap. */
  async write(key: string, tile: Omit<CachedTile, 'type'>): Promise<void> {
    const index = await this.loadIndex();
    const meta = JSON.stringify({ expiresAt: tile.expiresAt, etag: tile.etag, lastModified: tile.lastModified });
    const bytes = Buffer.concat([Buffer.from(`${MAGIC}${meta}\n`), tile.bytes]);
    const path = join(this.dir, key);
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await writePrivateFileWhole(`${path}.tmp-${process.pid}-${++temps}`, path, bytes);
    const at = this.now();
    // The fetch time, on Splits' clock, is what eviction orders by: kept in the file's mtime for the next start.
    await utimes(path, at / 1000, at / 1000).catch(() => undefined);
    this.total += bytes.length - (index.get(key)?.size ?? 0);
    index.set(key, { size: bytes.length, at });
    await this.evict(key);
  }

  /** The bytes the tiles take on disk now. */
  async size(): Promise<number> {
    await this.loadIndex();
    return this.total;
  }

  private async evict(keep: string): Promise<void> {
    const index = await this.loadIndex();
    if (this.total <= this.capBytes) return;
    const oldestFirst = [...index.entries()].filter(([key]) => key !== keep).sort((a, b) => a[1].at - b[1].at);
    for (const [key] of oldestFirst) {
      if (this.total <= this.capBytes) break;
      await this.remove(key);
    }
  }

  private async remove(key: string): Promise<void> {
    await unlink(join(this.dir, key)).catch(() => undefined);
    const entry = this.index?.get(key);
    if (entry) {
      this.total -= entry.size;
      this.index!.delete(key);
    }
  }

  /**
   * One scan of the folder, shared by every caller: two scans at once would each remove the other's writes' temp files
   * (taken for a crash's leftovers), and a tile written meanwhile would be lost.
   */
  private loadIndex(): Promise<Map<string, { size: number; at: number }>> {
    if (this.index) return Promise.resolve(this.index);
    this.scanning ??= this.scanFolder().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async scanFolder(): Promise<Map<string, { size: number; at: number }>> {
    const index = new Map<string, { size: number; at: number }>();
    let total = 0;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // A folder that was there already may be open to others' listing, which would tell the areas of the routes.
    await chmod(this.dir, 0o700).catch(() => undefined);
    for (const folder of await readdir(this.dir).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.dir, folder)).catch(() => [] as string[])) {
        const path = join(this.dir, folder, name);
        // A temp file left by a write that never finished (a crash, a full disk): never a tile.
        if (name.includes('.tmp-')) {
          await unlink(path).catch(() => undefined);
          continue;
        }
        if (!TILE_FILE.test(name)) continue;
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) continue;
        index.set(join(folder, name), { size: info.size, at: info.mtimeMs });
        total += info.size;
      }
    }
    this.total = total;
    return (this.index = index);
  }
}

function parseTileFile(file: Buffer): CachedTile | null {
  if (file.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return null;
  const end = file.indexOf(0x0a, MAGIC.length);
  if (end < 0) return null;
  let meta: z.infer<typeof metaSchema>;
  try {
    meta = metaSchema.parse(JSON.parse(file.subarray(MAGIC.length, end).toString('utf8')));
  } catch {
    return null;
  }
  const bytes = file.subarray(end + 1);
  const type = tileImageType(bytes);
  return type ? { ...meta, bytes, type } : null;
}
