// A tile's bytes as an image: its kind read from the bytes themselves (never from what a server says it sent), and
// the data: URL the window draws it from.

export type TileImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The image kind the bytes begin with, or null when they are no PNG, JPEG or WebP (an error page, a captive portal). */
export function tileImageType(bytes: Uint8Array): TileImageType | null {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

export function tileDataUrl(bytes: Uint8Array, type: TileImageType): string {
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
