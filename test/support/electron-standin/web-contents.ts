// webContents: a Playwright page. It runs the preload in an isolated world before the page's scripts
// (preload-world.ts), crosses ipc through bindings that world alone holds, delivers webContents.send to the preload's
// ipcRenderer listeners, and turns the page's own navigations and window.open calls into Electron's will-navigate and
// setWindowOpenHandler.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Route } from 'playwright-core';
import type { Slice } from './electron-types';
import { electronEvent } from './events';
import { FrameTable, type StandinFrame } from './frames';
import type { Hub } from './hub';
import { PreloadWorld } from './preload-world';

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
  private world: PreloadWorld | null = null;

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
      await this.ready;
      const delivered = this.world ? await this.world.deliver(channel, cloned) : -1;
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
    // The preload's world lives in the top frame alone, so the top frame is every message's sender.
    const from = () => ({ sender: this, senderFrame: this.frames.of(page.mainFrame()) });
    // A destroyed webContents has no renderer in Electron, so nothing it says reaches main; here its page lives on
    // until Playwright has closed it, and what it says meanwhile is dropped as Electron would never have sent it.
    this.world = await PreloadWorld.install(page, preload, {
      invoke: (channel, args) =>
        this.destroyed ? new Promise<never>(() => undefined) : this.hub.ipcMain.invoke(from(), channel, args),
      send: (channel, args) => {
        if (this.destroyed) return;
        this.hub.ipcMain.receive({ ...from(), reply: (ch, ...a) => this.send(ch, ...a) }, channel, args);
      },
      open: (url, frameName, features) => this.windowOpen(url, frameName, features),
      problem: (message) => this.hub.problem(`window ${this.id}: ${message}`),
      consoleError: (text) => this.hub.consoleErrors.push(`window ${this.id}: ${text}`),
    });
    await page.route('**/*', (route) => this.route(route));
    page.on('domcontentloaded', () => this.emit('dom-ready', electronEvent()));
    page.on('load', () => {
      this.emit('did-finish-load', electronEvent());
      this.emit('did-stop-loading', electronEvent());
    });
    page.on('pageerror', (error) => this.hub.problem(`window ${this.id}: uncaught in the page: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      this.hub.consoleErrors.push(`window ${this.id}: ${message.text()}`);
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
    const event = electronEvent({
      url,
      isSameDocument: false,
      isMainFrame: true,
      frame: this.mainFrame,
      initiator: this.mainFrame,
    });
    this.emit('will-navigate', event, url, false, true, this.id, this.mainFrame.routingId);
    return event.defaultPrevented ? route.abort('aborted') : this.startLoading(route);
  }

  private startLoading(route: Route): Promise<void> {
    this.emit('did-start-loading', electronEvent());
    return route.fallback();
  }

  /** window.open and target=_blank links, from the shim: the app's handler decides; no handler allows, in Electron. */
  private windowOpen(url: string, frameName: string, features: string): boolean {
    const details = {
      url: this.hub.host.urls.toElectron(url),
      frameName,
      features,
      disposition: 'new-window' as const,
      referrer: { url: this.getURL(), policy: 'default' as const },
    };
    const answer = this.openHandler ? this.openHandler(details) : { action: 'allow' as const };
    if (answer.action === 'allow')
      this.hub.problem(`window ${this.id}: window.open(${details.url}) was allowed; child windows are not modelled`);
    return false;
  }
}
