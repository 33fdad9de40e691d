// The committed icons are what scripts/draw-icons.mjs draws from build/*.svg: valid PNGs of their declared sizes,
// macOS template images black with alpha only, and byte for byte what a fresh run produces.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAY_STATES, drawIcons, iconOutputs, type IconOutput } from '../../../scripts/draw-icons.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
  idat: Buffer;
}

/** The IHDR and the concatenated IDAT of a PNG; throws on anything that is not one. */
function readPng(bytes: Buffer): Png {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG signature');
  const first = bytes.toString('latin1', 12, 16);
  if (first !== 'IHDR') throw new Error(`first chunk is ${first}, not IHDR`);
  const idat: Buffer[] = [];
  let offset = 8;
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!ended) throw new Error('no IEND chunk');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24]!,
    colourType: bytes[25]!,
    interlace: bytes[28]!,
    idat: Buffer.concat(idat),
  };
}

/** RGBA pixels of an 8-bit, non-interlaced RGBA PNG (what resvg writes), with the scanline filters undone. */
function rgbaPixels(png: Png): Buffer {
  expect([png.bitDepth, png.colourType, png.interlace]).toEqual([8, 6, 0]);
  const raw = inflateSync(png.idat);
  const stride = png.width * 4;
  const out = Buffer.alloc(stride * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

describe('icons drawn from build/icon.svg and build/tray.svg', () => {
  const outputs = iconOutputs();
  let fresh: string;
  let drawn: IconOutput[];

  beforeAll(async () => {
    fresh = await mkdtemp(join(tmpdir(), 'splits-icons-'));
    drawn = await drawIcons({ outRoot: fresh });
  });
  afterAll(() => rm(fresh, { recursive: true, force: true }));

  it('declares the app icon, the Linux sizes, the window icon and five tray states in colour and template, 1x and 2x', () => {
    const paths = outputs.map((o) => o.path);
    expect(paths).toContain('build/icon.png');
    expect(paths).toContain('build/icons/16x16.png');
    expect(paths).toContain('build/icons/512x512.png');
    expect(paths).toContain('assets/icon.png');
    expect([...TRAY_STATES].sort()).toEqual(['attention', 'idle', 'limited', 'paused', 'syncing']);
    for (const state of TRAY_STATES) {
      for (const suffix of ['', '@2x', 'Template', 'Template@2x'])
        expect(paths).toContain(`assets/tray/tray-${state}${suffix}.png`);
    }
    expect(drawn.map((o) => o.path)).toEqual(paths);
  });

  it.each(outputs.map((o) => [o.path, o] as const))(
    '%s is a committed PNG of its declared size',
    async (_path, output) => {
      const png = readPng(await readFile(join(root, output.path)));
      expect([png.width, png.height]).toEqual([output.size, output.size]);
      // @2x is twice the 1x, and an NxN Linux icon is N pixels, as their names promise.
      const named =
        /(\d+)x\1\.png$/.exec(output.path)?.[1] ??
        (output.path.includes('@2x') ? '32' : output.path.includes('/tray/') ? '16' : null);
      if (named) expect(output.size).toBe(Number(named));
    },
  );

  it.each(outputs.filter((o) => o.template).map((o) => [o.path, o] as const))(
    '%s is black with alpha only, and not empty',
    async (_path, output) => {
      const pixels = rgbaPixels(readPng(await readFile(join(root, output.path))));
      let opaque = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
        if (pixels[i + 3]! > 128) opaque++;
      }
      expect(opaque).toBeGreaterThan(pixels.length / 4 / 10);
    },
  );

  it('tray states differ from one another, and colour from template', async () => {
    const seen = new Set<string>();
    for (const output of outputs.filter((o) => o.path.startsWith('assets/tray/'))) {
      seen.add((await readFile(join(root, output.path))).toString('base64'));
    }
    expect(seen.size).toBe(outputs.filter((o) => o.path.startsWith('assets/tray/')).length);
  });

  it.each(outputs.map((o) => [o.path, o] as const))(
    '%s is byte for byte what npm run icons draws now',
    async (_path, output) => {
      const committed = await readFile(join(root, output.path));
      const redrawn = await readFile(join(fresh, output.path));
      expect(
        committed.equals(redrawn),
        `${output.path} differs from its SVG source: run npm run icons and commit it`,
      ).toBe(true);
    },
  );
});
