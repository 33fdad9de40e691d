// The preload's isolated world, as Electron gives it with contextIsolation: the preload (page-shim.js + the built
// bundle) runs in a JavaScript world of its own, created with each document of the window's top frame before the
// page's scripts, over a CDP session of the page (Page.addScriptToEvaluateOnNewDocument with a worldName). The bindings
// to main (Runtime.addBinding with executionContextName) exist in that world alone, so the page's world holds no way to
// ipc but what the preload exposed through contextBridge (context-bridge.js, whose other end page-world.js installs in
// the page's world first).
//
// Messages cross as text (structured-codec.js keeps what a structured clone keeps). Playwright's page.on('console')
// sees the page's world only, so the preload's console errors are read here (its 'pageerror' sees every world's).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { InvokeAnswer } from './ipc-main';

const read = (file: string) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .trim()
    .replace(/;$/, '');
const SHIM = read('./page-shim.js');
const PAGE_WORLD = read('./page-world.js');
const CONTEXT_BRIDGE = read('./context-bridge.js');
const CODEC = read('./structured-codec.js');
/** The same codec the preload's world runs, for main's end. */
const codec = new Function(`return (${CODEC});`)()() as {
  encode(value: unknown): unknown;
  decode(tree: unknown): unknown;
};

/** Tags a console.error of the shim saying the preload threw: a problem, where the page's own errors are not. */
const PRELOAD_ERROR = '[electron stand-in: preload failed]';

/** What the preload's world asks of main. */
export interface PreloadHandlers {
  invoke(channel: string, args: unknown[]): Promise<InvokeAnswer>;
  send(channel: string, args: unknown[]): void;
  /** window.open or a link that opens a window. */
  open(url: string, frameName: string, features: string): void;
  /** The preload threw, or a binding was called from somewhere it cannot be. */
  problem(message: string): void;
  /** console.error in the preload's world, which Electron shows in the window's console with the page's. */
  consoleError(text: string): void;
}

export class PreloadWorld {
  private readonly hooks = {
    invoke: name('invoke'),
    send: name('send'),
    open: name('open'),
    deliver: name('deliver'),
    settle: name('settle'),
  };
  private readonly world = name('preload-world');
  /** The preload world's execution contexts, by id, with their frame: one per document of each frame. */
  private readonly contexts = new Map<number, string>();
  private mainFrameId = '';

  private constructor(
    private readonly session: CDPSession,
    private readonly handlers: PreloadHandlers,
  ) {}

  /** Sets the world up on a page that has loaded nothing yet; its scripts run with every document from then on. */
  static async install(page: Page, preload: string, handlers: PreloadHandlers): Promise<PreloadWorld> {
    const world = new PreloadWorld(await page.context().newCDPSession(page), handlers);
    await world.start(preload);
    return world;
  }

  /** webContents.send: how many of the preload's listeners heard it; -1 when no preload world is there to hear it. */
  async deliver(channel: string, args: unknown[]): Promise<number> {
    const context = this.mainContext();
    if (context === undefined) return -1;
    const text = JSON.stringify({ channel, args: codec.encode(args) });
    return this.call(context, this.hooks.deliver, text).then(
      (count) => (typeof count === 'number' ? count : -1),
      () => -1,
    );
  }

  private async start(preload: string): Promise<void> {
    const s = this.session;
    s.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.name === this.world)
        this.contexts.set(context.id, (context.auxData as { frameId?: string } | undefined)?.frameId ?? '');
    });
    s.on('Runtime.executionContextDestroyed', ({ executionContextId }) => this.contexts.delete(executionContextId));
    s.on('Runtime.executionContextsCleared', () => this.contexts.clear());
    s.on('Runtime.bindingCalled', (call) => this.bindingCalled(call));
    s.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
      if (type !== 'error' || !this.contexts.has(executionContextId)) return;
      const text = args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' ');
      if (text.startsWith(PRELOAD_ERROR)) this.handlers.problem(text);
      else this.handlers.consoleError(text);
    });
    // Page.enable: scripts added for new documents run only while the Page domain is on for this session.
    await s.send('Page.enable');
    await s.send('Runtime.enable');
    this.mainFrameId = (await s.send('Page.getFrameTree')).frameTree.frame.id;
    for (const binding of [this.hooks.invoke, this.hooks.send, this.hooks.open])
      await s.send('Runtime.addBinding', { name: binding, executionContextName: this.world });
    const config = {
      ...this.hooks,
      events: { main: name('to-page'), isolated: name('to-preload') },
      platform: process.platform,
      versions: process.versions,
      preloadErrorTag: PRELOAD_ERROR,
    };
    // The page's world first: its end of contextBridge must listen before the preload exposes anything.
    await s.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `${PAGE_WORLD}(${JSON.stringify(config)}, ${CONTEXT_BRIDGE});`,
    });
    await s.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `${SHIM}(${JSON.stringify(config)}, ${CONTEXT_BRIDGE}, ${CODEC}, function (require, module, exports, process, global) {\n${preload}\n});`,
      worldName: this.world,
    });
  }

  private bindingCalled({
    name: binding,
    payload,
    executionContextId,
  }: {
    name: string;
    payload: string;
    executionContextId: number;
  }): void {
    const frame = this.contexts.get(executionContextId);
    if (frame === undefined) return;
    // The shim runs in the top frame alone; a call from a subframe's preload world would be a stand-in bug.
    if (frame !== this.mainFrameId)
      return this.handlers.problem(`a binding was called from a subframe's preload world (${binding})`);
    if (binding === this.hooks.invoke) {
      const { id, channel, args } = JSON.parse(payload) as { id: number; channel: string; args: unknown };
      void this.handlers
        .invoke(channel, codec.decode(args) as unknown[])
        .then((answer) => (answer.ok ? { ok: true, value: codec.encode(answer.value) } : answer))
        .then((answer) => this.call(executionContextId, this.hooks.settle, JSON.stringify({ id, answer })))
        // The document that asked may be gone (a navigation, a closed window): nobody waits for the answer then.
        .catch(() => undefined);
    } else if (binding === this.hooks.send) {
      const { channel, args } = JSON.parse(payload) as { channel: string; args: unknown };
      this.handlers.send(channel, codec.decode(args) as unknown[]);
    } else if (binding === this.hooks.open) {
      const [url, frameName, features] = JSON.parse(payload) as [string, string, string];
      this.handlers.open(url, frameName, features);
    }
  }

  /** The preload world of the top frame's current document. */
  private mainContext(): number | undefined {
    let found: number | undefined;
    for (const [id, frame] of this.contexts) if (frame === this.mainFrameId) found = id;
    return found;
  }

  private async call(executionContextId: number, hook: string, text: string): Promise<unknown> {
    const { result, exceptionDetails } = await this.session.send('Runtime.callFunctionOn', {
      executionContextId,
      functionDeclaration:
        'function (hook, text) { return typeof window[hook] === "function" ? window[hook](text) : -1; }',
      arguments: [{ value: hook }, { value: text }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  }
}

function name(what: string): string {
  return `__electronStandin_${what}_${randomBytes(6).toString('hex')}`;
}
