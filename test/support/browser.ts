import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { dispatch, type HandlerTable } from '../../main/desktop/ipc-handlers';
import { chromiumPath } from '../../scripts/chromium';
import { ensureDesktopBuild, outDir } from './electron-standin/build';
import { newBrowserContext } from './shared-chromium';
import { root } from './cli';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface RendererHarness {
  page: Page;
  url: string;
  /** The page's uncaught errors, from its first load on: a test ends expecting none. */
  pageErrors: string[];
  /** Loads the window in the page, at `viewport` when given. */
  show(viewport?: { width: number; height: number }): Promise<void>;
  /** Sends an event to the page, as main's webContents.send does. */
  deliver: (channel: string, payload: unknown) => Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the renderer as it ships, serves it on loopback, and opens it in Chromium with window.splits wired to the
 * real handler table through the same bridge code the preload uses (docs/architecture.md, rule 3). `bridge: false`
 * opens it with no window.splits, as a browser pointed at `npm run dev` does.
 */
export async function openRenderer(table: HandlerTable, options: { bridge?: boolean } = {}): Promise<RendererHarness> {
  // Before the build: no browser, nothing to build for.
  chromiumPath();
  const outDir = await rendererBuild();
  const bridge = await esbuild({
    stdin: {
      // Events reach the page through window.__splitsDeliver (RendererHarness.deliver), as webContents.send would.
      contents: `import { buildBridge } from './preload/bridge';
        const listeners = new Map();
        window.__splitsDeliver = (channel, payload) => { for (const fn of listeners.get(channel) ?? []) fn(payload); };
        window.splits = buildBridge(
          (channel, ...args) => window.__splitsInvoke(channel, args),
          (channel, fn) => { const set = listeners.get(channel) ?? new Set(); listeners.set(channel, set.add(fn)); return () => set.delete(fn); },
        );`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const server = await serve(outDir);
  const port = (server.address() as { port: number }).port;
  const context: BrowserContext = await newBrowserContext();
  await context.exposeBinding('__splitsInvoke', (_source, channel: string, args: unknown[]) =>
    dispatch(table, channel, args),
  );
  if (options.bridge !== false) await context.addInitScript({ content: bridge.outputFiles[0]!.text });
  const page = await context.newPage();
  const url = `http://127.0.0.1:${port}/index.html`;
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    page,
    url,
    pageErrors,
    show: async (viewport) => {
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(url);
    },
    deliver: (channel, payload) =>
      page.evaluate(
        ([c, p]) =>
          (globalThis as unknown as { __splitsDeliver: (c: string, p: unknown) => void }).__splitsDeliver(
            c as string,
            p,
          ),
        [channel, payload] as const,
      ),
    close: async () => {
      await context.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * The renderer as it ships: out/renderer, which the run builds once for the stand-in's boots as well
 * (electron-standin/build.ts, from the same vite.config.ts) and nothing rewrites while it runs. A Vite build of the
 * window for every page opened was most of a browser test's CPU, and one per test process built it again beside out/.
 */
async function rendererBuild(): Promise<string> {
  await ensureDesktopBuild();
  return join(outDir, 'renderer');
}

async function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    readFile(join(dir, path)).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
