// The map's words and places: the consent sentence and the credit name the server that will see the routes, the
// freshness rule keeps a tile at least a week, and the cache lives in the system's cache folder.
import { describe, expect, it } from 'vitest';
import { mapsConsentWords, OSM_TILE_SERVER, tileAttribution, tileServerProblem } from '../../../common/map-tiles';
import { appCacheFolder } from '../../../main/maps/cache-folder';
import { DEFAULT_PAUSE_MS, MAX_PAUSE_MS, retryAfterMs } from '../../../main/maps/server-pause';
import { DAY_MS, tileLifetimeMs } from '../../../main/maps/tile-freshness';

const headers = (h: Record<string, string>) => new Headers(h);

describe("the map's words", () => {
  it("asks in the issue's words for OpenStreetMap, and names another server by its host", () => {
    expect(mapsConsentWords(OSM_TILE_SERVER)).toBe(
      "Show maps: loads map images from OpenStreetMap's servers, which then see the areas of your routes",
    );
    expect(mapsConsentWords('https://tiles.example.org:8443/osm/{z}/{x}/{y}.png?key=k')).toBe(
      'Show maps: loads map images from tiles.example.org:8443, which then see the areas of your routes',
    );
    expect(tileAttribution(OSM_TILE_SERVER)).toBe('© OpenStreetMap contributors');
    expect(tileAttribution('https://tiles.example.org/{z}/{x}/{y}.png')).toBe(
      '© OpenStreetMap contributors, tiles by tiles.example.org',
    );
  });

  it('takes the default server and loopback servers over http, and no other http', () => {
    expect(tileServerProblem(OSM_TILE_SERVER)).toBeNull();
    expect(tileServerProblem('http://127.0.0.1:9/{z}/{x}/{y}.png')).toBeNull();
    expect(tileServerProblem('http://127.0.0.2/{z}/{x}/{y}.png')).toMatch(/Use https/);
    expect(tileServerProblem('http://localhost.example.org/{z}/{x}/{y}.png')).toMatch(/Use https/);
  });
});

describe('how long a tile stays fresh', () => {
  const now = Date.UTC(2026, 0, 1);
  it("is the longer of the server's word and a week, at most a year", () => {
    expect(tileLifetimeMs(headers({}), now)).toBe(7 * DAY_MS);
    expect(tileLifetimeMs(headers({ 'cache-control': 'no-cache, max-age=0' }), now)).toBe(7 * DAY_MS);
    expect(tileLifetimeMs(headers({ 'cache-control': 'public, max-age=864000' }), now)).toBe(10 * DAY_MS);
    expect(tileLifetimeMs(headers({ 'cache-control': 'max-age=999999999' }), now)).toBe(365 * DAY_MS);
    // Expires on the server's own clock (its Date), when no max-age is given.
    const date = new Date(now - 3_600_000).toUTCString();
    const expires = new Date(now - 3_600_000 + 9 * DAY_MS).toUTCString();
    expect(tileLifetimeMs(headers({ date, expires }), now)).toBe(9 * DAY_MS);
    expect(tileLifetimeMs(headers({ expires: 'yesterday' }), now)).toBe(7 * DAY_MS);
  });
});

describe('how long a server that answered 429 is left alone', () => {
  const now = Date.UTC(2026, 0, 1);
  it('is its Retry-After, in seconds or as a date on its own clock; a minute without one; at most an hour', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }), now)).toBe(30_000);
    const date = new Date(now - 3_600_000).toUTCString();
    const at = new Date(now - 3_600_000 + 90_000).toUTCString();
    expect(retryAfterMs(headers({ date, 'retry-after': at }), now)).toBe(90_000);
    expect(retryAfterMs(headers({}), now)).toBe(DEFAULT_PAUSE_MS);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBe(DEFAULT_PAUSE_MS);
    expect(retryAfterMs(headers({ 'retry-after': '86400' }), now)).toBe(MAX_PAUSE_MS);
    expect(retryAfterMs(headers({ 'retry-after': new Date(now - 5_000).toUTCString() }), now)).toBe(0);
  });
});

describe("the app's cache folder", () => {
  it("is the system's on each of them", () => {
    expect(appCacheFolder('linux', {}, '/home/ann')).toBe('/home/ann/.cache/Splits');
    expect(appCacheFolder('linux', { XDG_CACHE_HOME: '/var/cache/ann' }, '/home/ann')).toBe('/var/cache/ann/Splits');
    // A relative XDG_CACHE_HOME is no such folder (the spec says to ignore it).
    expect(appCacheFolder('linux', { XDG_CACHE_HOME: 'cache' }, '/home/ann')).toBe('/home/ann/.cache/Splits');
    expect(appCacheFolder('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Caches/Splits');
    expect(appCacheFolder('win32', { LOCALAPPDATA: 'C:/Users/ann/AppData/Local' }, 'C:/Users/ann')).toBe(
      'C:/Users/ann/AppData/Local/Splits/Cache',
    );
  });
});
