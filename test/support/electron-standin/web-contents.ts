// webContents: a Playwright page. It runs the preload (page-shim.js + the built bundle) before the page's scripts,
// crosses ipc through two bindings, delivers webContents.send to the page's ipcRenderer listeners, and turns the
// page's own navigations and window.open calls into Electron's will-navigate and setWindowOpenHandler.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page, Route } from 'playwright-core';
import type { Slice } from './electron-types';
import { electronEvent } from './events';
import { FrameTable, type StandinFrame } from './frames';
import type { Hub } from './hub';

type WebContentsKeys =
  | 'id'
  | 'send'
  | 'setWindowOpenHandler'
  | 'isDestroyed'
  | 'openDevTools'
  | 'closeDevTools'
  | 'isDevToolsOpened'
  | 'getURL'
  | 'isLoading'
  | 'loadURL'
  | 'loadFile'
  | 'executeJavaScript'
  | 'focus'
  | 'reload';

type OpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

const SHIM = readFileSync(new URL('./page-shim.js', import.meta.url), 'utf8').trim().replace(/;$/, '');
const PRELOAD_ERROR = '[electron stand-in: preload failed]';
// Evaluated in the page with [hook name, channel, args]: -1 when the page has no shim (nothing loaded yet). Built with
// new Function so that no transform of this file adds helpers the page lacks.
const DELIVER = new Function('message', 'const [hook, channel, args] = message; return typeof window[hook] === "function" ? window[hook](channel, args) : -1;') as (
  message: [string, string, unknown],
) => number;

export interface WebContentsOptions {
  preload?: string;
}

export class StandinWebContents extends EventEmitter implements Slice<Electron.WebContents, WebContentsKeys> {
  readonly id: number;
  /** What webContents.send could not deliver (no page loaded, or the page had navigated away). */
  readonly undelivered: Array<{ channel: string; args: unknown[] }> = [];
  /** Resolves with the page once Chromium has opened it and the preload is installed. */
  readonly ready: Promise<Page>;
  /** Resolves at the first did-finish-load. */
  readonly loaded: Promise<void>;
  private page: Page | null = null;
  private destroyed = false;
  private devTools = false;
  private loading: string | null = null;
  private openHandler: OpenHandler | null = null;
  private delivery: Promise<unknown> = Promise.resolve();
  private readonly frames: FrameTable;
  private readonly hooks = { invoke: name('invoke'), send: name('send'), open: name('open'), deliver: name('deliver') };

  constructor(
    private readonly hub: Hub,
    options: WebContentsOptions,
  ) {
    super();
    this.id = hub.webContentsId();
    this.frames = new FrameTable(hub.host.urls, this.id, () => this.page?.mainFrame() ?? null);
    this.loaded = new Promise((resolve) => this.once('did-finish-load', () => resolve()));
    this.ready = this.open(options);
    // A window whose page never opened must not leave an unhandled rejection; the failure is a problem instead.
    this.ready.catch((error: Error) => {
      if (!hub.exited) hub.problem(`window ${this.id}: Chromium page failed: ${error.message}`);
    });
  }

  get session(): Hub['session'] {
    return this.hub.session;
  }

  get mainFrame(): StandinFrame {
    return this.frames.main;
  }

  /** The Playwright page behind this webContents, for tests. */
  async playwrightPage(): Promise<Page> {
    return this.ready;
  }

  send(channel: string, ...args: unknown[]): void {
    this.assertAlive();
    // Cloned now, as Electron serializes at the call: a value that cannot cross throws in main.
    const cloned = structuredClone(args);
    this.delivery = this.delivery.then(async () => {
      const page = await this.ready;
      const delivered = await page.evaluate(DELIVER, [this.hooks.deliver, channel, cloned as unknown] as [string, string, unknown]).catch(() => -1);
      if (delivered === -1) this.undelivered.push({ channel, args: cloned });
    });
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  openDevTools(): void {
    this.devTools = true;
  }

  closeDevTools(): void {
    this.devTools = false;
  }

  isDevToolsOpened(): boolean {
    return this.devTools;
  }

  getURL(): string {
    return this.page ? this.hub.host.urls.toElectron(this.page.url()) : '';
  }

  isLoading(): boolean {
    return this.loading !== null;
  }

  focus(): void {
    void this.ready.then((p) => p.bringToFront()).catch(() => undefined);
  }

  reload(): void {
    void this.ready.then((p) => p.reload()).catch(() => undefined);
  }

  /** Resolves at did-finish-load and rejects at did-fail-load, as Electron's does. */
  async loadURL(url: string): Promise<void> {
    this.assertAlive();
    const page = await this.ready;
    const target = this.hub.host.urls.toPage(url);
    this.loading = target;
    try {
      await page.goto(target, { waitUntil: 'load' });
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      this.emit('did-fail-load', electronEvent(), -2, message, url, true);
      throw new Error(`ERR_FAILED (-2) loading '${url}': ${message}`, { cause: error });
    } finally {
      this.loading = null;
    }
  }

  async loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
    const url = pathToFileURL(isAbsolute(filePath) ? filePath : resolve(this.hub.config.appPath, filePath));
    if (options?.search) url.search = options.search;
    else if (options?.query) url.search = new URLSearchParams(options.query).toString();
    if (options?.hash) url.hash = options.hash;
    return this.loadURL(url.href);
  }

  executeJavaScript(code: string): Promise<unknown> {
    return this.ready.then((p) => p.evaluate(code));
  }

  /** Called by the window: the page closes, 'destroyed' is emitted. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
    void this.ready.then((p) => p.close()).catch(() => undefined);
  }

  private assertAlive(): void {
    // Electron throws on any call to a destroyed webContents.
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }

  private async open(options: WebContentsOptions): Promise<Page> {
    const preload = options.preload ? this.readPreload(options.preload) : '';
    const page = await this.hub.host.newPage();
    this.page = page;
    const from = (frame: Frame) => ({ sender: this, senderFrame: this.frames.of(frame) });
    await page.exposeBinding(this.hooks.invoke, ({ frame }, channel: string, args: unknown[]) => this.hub.ipcMain.invoke(from(frame), channel, args));
    await page.exposeBinding(this.hooks.send, ({ frame }, channel: string, args: unknown[]) =>
      this.hub.ipcMain.receive({ ...from(frame), reply: (ch, ...a) => this.send(ch, ...a) }, channel, args),
    );
    await page.exposeBinding(this.hooks.open, (_source, url: string, frameName: string, features: string) => this.windowOpen(url, frameName, features));
    const config = { ...this.hooks, platform: process.platform, versions: process.versions, preloadErrorTag: PRELOAD_ERROR };
    await page.addInitScript({ content: `${SHIM}(${JSON.stringify(config)}, function (require, module, exports, process, global) {\n${preload}\n});` });
    await page.route('**/*', (route) => this.route(route));
    page.on('domcontentloaded', () => this.emit('dom-ready', electronEvent()));
    page.on('load', () => {
      this.emit('did-finish-load', electronEvent());
      this.emit('did-stop-loading', electronEvent());
    });
    page.on('pageerror', (error) => this.hub.problem(`window ${this.id}: uncaught in the page: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (text.startsWith(PRELOAD_ERROR)) this.hub.problem(`window ${this.id}: ${text}`);
      else this.hub.consoleErrors.push(`window ${this.id}: ${text}`);
    });
    page.on('crash', () => this.emit('render-process-gone', electronEvent(), { reason: 'crashed', exitCode: 1 }));
    // The shim routes window.open through setWindowOpenHandler; a popup that got past it is a problem, and closed.
    page.on('popup', (popup) => {
      this.hub.problem(`window ${this.id}: a popup opened without setWindowOpenHandler (${popup.url()})`);
      void popup.close();
    });
    return page;
  }

  private readPreload(path: string): string {
    // Electron wants an absolute path, and only logs a missing preload: here it is a problem a test sees.
    if (!isAbsolute(path)) this.hub.problem(`webPreferences.preload must be an absolute path: ${path}`);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      this.hub.problem(`preload ${path} cannot be read: ${(error as Error).message}`);
      this.emit('preload-error', electronEvent(), path, error);
      return '';
    }
  }

  /** will-navigate for navigations the page starts itself (not loadURL's); preventDefault keeps the page. */
  private async route(route: Route): Promise<void> {
    const request = route.request();
    const page = this.page;
    if (!page || !request.isNavigationRequest() || request.frame() !== page.mainFrame()) return route.fallback();
    if (this.loading === request.url()) return this.startLoading(route);
    const url = this.hub.host.urls.toElectron(request.url());
    const event = electronEvent({ url, isSameDocument: false, isMainFrame: true, frame: this.mainFrame, initiator: this.mainFrame });
    this.emit('will-navigate', event, url, false, true, this.id, this.mainFrame.routingId);
    return event.defaultPrevented ? route.abort('aborted') : this.startLoading(route);
  }

  private startLoading(route: Route): Promise<void> {
    this.emit('did-start-loading', electronEvent());
    return route.fallback();
  }

  /** window.open and target=_blank links, from the shim: the app's handler decides; no handler allows, in Electron. */
  private windowOpen(url: string, frameName: string, features: string): boolean {
    const details = { url: this.hub.host.urls.toElectron(url), frameName, features, disposition: 'new-window' as const, referrer: { url: this.getURL(), policy: 'default' as const } };
    const answer = this.openHandler ? this.openHandler(details) : { action: 'allow' as const };
    if (answer.action === 'allow') this.hub.problem(`window ${this.id}: window.open(${details.url}) was allowed; child windows are not modelled`);
    return false;
  }
}

function name(what: string): string {
  return `__electronStandin_${what}_${randomBytes(6).toString('hex')}`;
}
