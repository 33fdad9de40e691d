// The map's rules, for every process: the tile server a person may choose (the settings take it, the window's Settings
// ask it as the person types), the tile main may be asked for, and the words the window says of the server (the
// consent sentence, the attribution). Declared once here (docs/architecture.md, rule 9).
import { z } from 'zod';

/** OpenStreetMap's own tiles: the default server, whose usage policy Splits follows (docs/desktop.md, "Maps"). */
export const OSM_TILE_SERVER = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_TILE_HOST = 'tile.openstreetmap.org';

/** The deepest zoom asked for: OpenStreetMap's tiles go to 19. */
export const MAX_TILE_ZOOM = 19;

/** Loopback names a tile server may be reached on over plain http (a server on this computer: tests, a local one). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A tile's address on the server: z, x and y are the only placeholders. */
const PLACEHOLDER = /\{([^}]*)\}/g;

/** The tile server's address as a URL, with each placeholder given a digit of its own (to see where they land). */
function sampleUrl(template: string, [z, x, y]: readonly [number, number, number]): URL | null {
  try {
    return new URL(template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y)));
  } catch {
    return null;
  }
}

/** What is wrong with a tile server's address, in words a person acts on; null when it is good. */
export function tileServerProblem(template: string): string | null {
  const named = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = named.find((name) => name !== 'z' && name !== 'x' && name !== 'y');
  if (unknown !== undefined)
    return `The address may hold {z}, {x} and {y} only (not {${unknown.slice(0, 10)}}): Splits asks one server, at one address.`;
  if (!['z', 'x', 'y'].every((name) => named.includes(name)))
    return 'The address needs {z}, {x} and {y}, where the server expects the zoom and the tile, like https://tile.openstreetmap.org/{z}/{x}/{y}.png.';
  const one = sampleUrl(template, [1, 2, 3]);
  const other = sampleUrl(template, [4, 5, 6]);
  if (!one || !other) return 'That is not a web address: it starts with https:// and names the server.';
  if (one.host !== other.host) return "The zoom and the tile go in the path, not in the server's name.";
  if (one.username || one.password) return 'The address may not hold a user name or a password.';
  if (one.protocol === 'http:' && !LOOPBACK.has(one.hostname))
    return 'Use https:// (plain http only for a server on this computer: 127.0.0.1 or localhost).';
  if (one.protocol !== 'https:' && one.protocol !== 'http:') return 'The address starts with https://.';
  return null;
}

/** The tile server setting: a URL template with {z}/{x}/{y}, https (http on loopback only). */
export const tileServerSchema = z
  .string()
  .max(500, 'at most 500 characters')
  .superRefine((template, ctx) => {
    const problem = tileServerProblem(template);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The server's name (with its port) as a person reads it, for the consent sentence and the attribution. */
export function tileHost(template: string): string {
  return sampleUrl(template, [0, 0, 0])?.host ?? template;
}

/** The one question asked before any tile is fetched, naming who will see the routes' areas. */
export function mapsConsentWords(template: string): string {
  const host = tileHost(template);
  const who = host === OSM_TILE_HOST ? "OpenStreetMap's servers" : host;
  return `Show maps: loads map images from ${who}, which then see the areas of your routes`;
}

/** The map's credit, on the map itself (OpenStreetMap's usage policy): its data, and another server by name. */
export function tileAttribution(template: string): string {
  const host = tileHost(template);
  return host === OSM_TILE_HOST ? '© OpenStreetMap contributors' : `© OpenStreetMap contributors, tiles by ${host}`;
}

/** One tile, as the window asks for it: whole numbers, the zoom 0 to MAX_TILE_ZOOM, x and y inside the world at it. */
export const tileRequestSchema = z
  .object({
    z: z.number().int().min(0).max(MAX_TILE_ZOOM),
    x: z.number().int().min(0),
    y: z.number().int().min(0),
  })
  .strict()
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y are below 2 to the power of z' });
export type TileRequest = z.infer<typeof tileRequestSchema>;

/** A tile's address on a server (the template checked by tileServerSchema). */
export function tileUrl(template: string, { z, x, y }: TileRequest): string {
  return template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
}

/**
 * The codes of a tile's failure that concern that tile alone (main/maps/maps-errors.ts's TileServerError): a tile the
 * server does not have (`not-found`, as at the edge of its coverage) or an answer that is no tile (`bad-response`). The
 * window leaves that tile blank and keeps the map; any other failure (the server unreachable, pausing Splits, maps
 * off) concerns the whole server, and the route is drawn without the map.
 */
export const ONE_TILE_FAILURES = ['not-found', 'bad-response'] as const;
export type OneTileFailure = (typeof ONE_TILE_FAILURES)[number];

/** A tile as it crosses to the window: an image the page draws without reaching any server (img-src data:). */
export const tileImageSchema = z.string().regex(/^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/);
