// A map tile server on loopback for the map's tests (never the internet): real PNG tiles over real HTTP, counting
// what it is asked, with whom (the User-Agent), how many at once, and answers a test can turn bad.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Resvg } from '@resvg/resvg-js';

export interface TileAsk {
  path: string;
  userAgent: string | undefined;
  ifNoneMatch: string | undefined;
}

/** What the server does with a request: the default answers a PNG with `cacheControl`. */
export type TileBehaviour =
  'png' | 'not-found' | 'server-error' | 'hang' | 'html' | 'redirect' | 'etag' | 'too-many-requests';

export interface TileServer {
  /** The template for the tile server setting: http://127.0.0.1:<port>/tiles/{z}/{x}/{y}.png */
  template: string;
  asked: TileAsk[];
  /** The most requests the server was answering at once. */
  mostAtOnce: () => number;
  behaviour: TileBehaviour;
  /** The Cache-Control header of a PNG answer (null: none). */
  cacheControl: string | null;
  /** How long each answer is held before it is sent, so that requests overlap when they can. */
  holdMs: number;
  /** The Retry-After header of a 429 answer (null: none). */
  retryAfter: string | null;
  /** How many of the next tiles asked answer 404 (a server missing a tile), whatever the behaviour. */
  missingNext: number;
  /** Holds every answer (those asked already and those to come) until the returned function is called. */
  holdAnswers: () => () => void;
  stop: () => Promise<void>;
}

/** A real 256-pixel PNG, a different shade for each tile (so a test can tell tiles apart by their bytes). */
export function tilePng(z: number, x: number, y: number): Buffer {
  const shade = (z * 37 + x * 11 + y * 5) % 200;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="rgb(${shade},${200 - shade},180)"/></svg>`;
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng());
}

export async function startTileServer(): Promise<TileServer> {
  let now = 0;
  let most = 0;
  const held = new Set<ServerResponse>();
  let gate: Promise<void> | null = null;
  const state: Omit<TileServer, 'template' | 'stop' | 'mostAtOnce' | 'holdAnswers'> = {
    asked: [],
    behaviour: 'png',
    cacheControl: 'max-age=604800',
    holdMs: 0,
    retryAfter: '120',
    missingNext: 0,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    now++;
    most = Math.max(most, now);
    res.on('close', () => now--);
    state.asked.push({
      path: req.url ?? '',
      userAgent: req.headers['user-agent'],
      ifNoneMatch: req.headers['if-none-match'],
    });
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    const missing = tile !== null && state.missingNext > 0;
    if (missing) state.missingNext--;
    const answer = () => {
      if (state.behaviour === 'hang') return void held.add(res);
      // A reason phrase of the server's own words, as some servers send: Splits says the status, never them.
      if (!tile || missing || state.behaviour === 'not-found')
        return void res.writeHead(404, 'no such tile here, see the help page').end('no such tile');
      if (state.behaviour === 'too-many-requests')
        return void res
          .writeHead(429, state.retryAfter === null ? {} : { 'Retry-After': state.retryAfter })
          .end('slow down');
      if (state.behaviour === 'server-error') return void res.writeHead(500).end('overloaded');
      if (state.behaviour === 'html')
        return void res.writeHead(200, { 'Content-Type': 'image/png' }).end('<html>Log in to the Wi-Fi</html>');
      if (state.behaviour === 'redirect')
        return void res.writeHead(302, { Location: 'http://127.0.0.2/elsewhere.png' }).end();
      if (state.behaviour === 'etag' && req.headers['if-none-match'] === '"v1"')
        return void res.writeHead(304, { ETag: '"v1"', ...cache() }).end();
      res
        .writeHead(200, {
          'Content-Type': 'image/png',
          ...cache(),
          ...(state.behaviour === 'etag' ? { ETag: '"v1"' } : {}),
        })
        .end(tilePng(Number(tile[1]), Number(tile[2]), Number(tile[3])));
    };
    const cache = (): Record<string, string> => (state.cacheControl ? { 'Cache-Control': state.cacheControl } : {});
    const go = () => (state.holdMs > 0 ? void setTimeout(answer, state.holdMs) : answer());
    if (gate) void gate.then(go);
    else go();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
    mostAtOnce: () => most,
    holdAnswers: () => {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    stop: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
