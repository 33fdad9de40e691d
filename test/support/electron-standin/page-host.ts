// A browser context per boot, in the test process's one Chromium (Debian's, never a downloaded one;
// test/support/shared-chromium.ts), and a loopback server for the files a window loads. Windows are pages of that one
// context, as an Electron app's windows share one session; a boot shares nothing with another, as a new profile.
//
// Why loopback and not file://: the renderer is a Vite build with `<script type="module">`, which Chromium refuses
// to load from file:// (Electron's own file protocol allows it). Served from http://127.0.0.1:<port>, the page keeps
// its CSP meta in force ('self' is the loopback origin). Main never sees the loopback address: UrlMap turns it back
// into the file:// URL Electron would report (webContents.getURL(), senderFrame.url, will-navigate).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath } from '../../../scripts/chromium';
import { newBrowserContext } from '../shared-chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Translates between the file:// URLs main uses and the loopback URLs the page really has. */
export class UrlMap {
  constructor(
    private readonly root: string,
    private readonly origin: () => string,
  ) {}

  /** file:///<root>/x → http://127.0.0.1:<port>/x; anything else unchanged. Outside the root: refused loudly. */
  toPage(url: string): string {
    if (!url.startsWith('file:')) return url;
    const u = new URL(url);
    const path = fileURLToPath(u);
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || resolve(this.root, rel) !== path)
      throw new Error(
        `electron stand-in: ${path} is outside the app (${this.root}); only files under the app path are served`,
      );
    return `${this.origin()}/${rel.split(sep).map(encodeURIComponent).join('/')}${u.search}${u.hash}`;
  }

  /** The URL as Electron would report it. */
  toElectron(url: string): string {
    const origin = this.origin();
    if (!url.startsWith(`${origin}/`)) return url;
    const u = new URL(url);
    return pathToFileURL(join(this.root, decodeURIComponent(u.pathname))).href + u.search + u.hash;
  }
}

export class PageHost {
  private context: Promise<BrowserContext> | null = null;
  private server: Server | null = null;
  private port = 0;
  readonly urls: UrlMap;

  private readonly root: string;

  constructor(root: string) {
    // Without a trailing separator, so that containment checks compare like with like.
    this.root = resolve(root);
    this.urls = new UrlMap(this.root, () => `http://127.0.0.1:${this.port}`);
  }

  /** A new page; Chromium and the server start with the first window, so a boot that opens none costs nothing. */
  async newPage(): Promise<Page> {
    this.context ??= this.start();
    const context = await this.context;
    return context.newPage();
  }

  async browserContext(): Promise<BrowserContext | null> {
    return this.context ? this.context : null;
  }

  async close(): Promise<void> {
    const context = this.context;
    this.context = null;
    if (context)
      await context.then(
        (c) => c.close(),
        () => undefined,
      );
    if (this.server) await new Promise((r) => this.server!.close(r));
    this.server = null;
  }

  private async start(): Promise<BrowserContext> {
    // Checked first: a missing browser fails the window's page (and app.page()) at once, with what to install.
    chromiumPath();
    this.server = await serve(this.root);
    this.port = (this.server.address() as { port: number }).port;
    // A context of its own for every boot: nothing carries over between boots or tests.
    return newBrowserContext();
  }
}

async function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = resolve(root, '.' + decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path !== root && !path.startsWith(root + sep)) return void res.writeHead(404).end();
    readFile(path).then(
      (body) =>
        res
          .writeHead(200, {
            'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
            'Cache-Control': 'no-store',
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
