// The demo's HTTP server: the built window and its bridge over HTTP, for this computer only. It listens on 127.0.0.1
// and answers only requests that come from loopback and name this server as their Host (a DNS-rebinding page names its
// own host). The page and its scripts are the app's public code; the data (/ipc, /events) answers only requests that
// carry the random token the demo printed in the header the page sends (page/token.ts). Everything else gets 403.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { dispatch, type HandlerTable } from '../../main/desktop/ipc-handlers';
import type { ListeningPage } from '../../main/desktop/event-hub';
import type { Logger } from '../../main/log';
import { demoAddress, TOKEN_HEADER } from './page/token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const MAX_BODY = 1 << 20;
/**
 * The app's CSP (renderer/index.html), but for connect-src: the Electron window keeps 'none' (it talks through the
 * preload), while this page's bridge reaches the demo server on its own origin, and nothing else.
 */
const DEMO_META_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
/** The header adds frame-ancestors, which only a header can carry (a browser ignores it in a <meta>, with an error). */
export const DEMO_CSP = `${DEMO_META_CSP}; frame-ancestors 'none'`;

export interface DemoServer {
  server: Server;
  url: string;
  token: string;
  /** Where main's events go: every page listening on /events. */
  events: ListeningPage;
  close: () => Promise<void>;
}

export async function startDemoServer(options: {
  dir: string;
  bridgeScript: string;
  table: HandlerTable;
  logger: Logger;
  port?: number;
  onNoListener?: () => void;
}): Promise<DemoServer> {
  const token = randomBytes(24).toString('base64url');
  const tokenDigest = digest(token);
  const index = demoIndex(await readFile(join(options.dir, 'index.html'), 'utf8'));
  const streams = new Set<ServerResponse>();
  let port = 0;

  // Only the page script sends the header: a form, a link or an image from elsewhere cannot, and no cookie exists.
  const hasToken = (req: IncomingMessage) => {
    const given = req.headers[TOKEN_HEADER.toLowerCase()];
    return typeof given === 'string' && timingSafeEqual(digest(given), tokenDigest);
  };

  const server = createServer((req, res) => {
    // Any program on this computer can reach the port: nothing it sends may end the demo. A request that is not an
    // address, a path that does not decode, a body cut off: each gets an answer, never a throw.
    answer(req, res).catch((error: unknown) => {
      options.logger.warn('the demo could not answer a request', { error: String(error) });
      if (!res.headersSent) res.writeHead(400).end();
      else res.destroy();
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
      decodeURIComponent(url.pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    if (!isLoopback(req.socket.remoteAddress) || !namesThisServer(req.headers.host, port)) return deny(res);
    const isData = url.pathname.startsWith('/ipc/') || url.pathname === '/events';
    if (isData && !hasToken(req)) return deny(res);
    if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      return answerIpc(req, res, decodeURIComponent(url.pathname.slice('/ipc/'.length)), options.table, options.logger);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
    if (url.pathname === '/events') return openStream(req, res);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // Served without the token, which the address carries in its fragment: a browser sends that to no server.
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES['.html']!, 'Content-Security-Policy': DEMO_CSP });
      return void res.end(index);
    }
    if (url.pathname === '/demo-bridge.js')
      return void res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES['.js']! }).end(options.bridgeScript);
    return serveFile(res, options.dir, url.pathname);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': splits\n\n');
    streams.add(res);
    req.on('close', () => {
      streams.delete(res);
      // No page listens: main holds its events until one says app:ready again.
      if (streams.size === 0) options.onNoListener?.();
    });
  }

  const events: ListeningPage = {
    send: (channel, payload) => {
      const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    token,
    url: demoAddress(`http://127.0.0.1:${port}`, token),
    events,
    close: async () => {
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The built index.html with the demo's CSP in place of the app's, and the HTTP bridge loaded before the app. */
export function demoIndex(html: string): string {
  const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/;
  if (!csp.test(html))
    throw new Error('renderer/index.html has no Content-Security-Policy meta tag to adapt for the demo');
  return html
    .replace(csp, `<meta http-equiv="Content-Security-Policy" content="${DEMO_META_CSP}" />`)
    .replace('<head>', '<head>\n    <script src="./demo-bridge.js"></script>');
}

async function answerIpc(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  table: HandlerTable,
  logger: Logger,
): Promise<void> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return void res.writeHead(413).end();
    chunks.push(chunk);
  }
  let args: unknown;
  try {
    args = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]');
  } catch {
    return json(res, { ok: false, error: { code: 'bad-request', message: 'The call was not JSON.' } });
  }
  // Main's door, as in the app: the channel's schema parses the arguments, its result schema the answer.
  json(res, await dispatch(table, channel, Array.isArray(args) ? args : [args], logger));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES['.json']! }).end(JSON.stringify(body));
}

async function serveFile(res: ServerResponse, dir: string, pathname: string): Promise<void> {
  const path = normalize(join(dir, decodeURIComponent(pathname)));
  if (!path.startsWith(dir + sep)) return void res.writeHead(404).end();
  try {
    const body = await readFile(path);
    res
      .writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' })
      .end(body);
  } catch {
    res.writeHead(404).end();
  }
}

function deny(res: ServerResponse): void {
  res
    .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
    .end('Forbidden: open the address npm run demo printed.\n');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * The Host header names this server (by loopback address or localhost), not some other name that resolves here. Host
 * names are case-insensitive: a browser sent to LOCALHOST:port is on this server.
 */
function namesThisServer(host: string | undefined, port: number): boolean {
  const name = host?.toLowerCase();
  return name === `127.0.0.1:${port}` || name === `localhost:${port}` || name === `[::1]:${port}`;
}
