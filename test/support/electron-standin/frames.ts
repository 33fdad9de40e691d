// WebFrameMain stand-ins for the page's frames, so main can check an IPC sender by frame (senderFrame) as well as by
// webContents. One object per Playwright frame, as Electron keeps one WebFrameMain per frame: identity comparisons
// (event.senderFrame === win.webContents.mainFrame) hold.
import type { Frame } from 'playwright-core';
import type { Slice } from './electron-types';
import type { UrlMap } from './page-host';

type FrameKeys =
  | 'url'
  | 'name'
  | 'origin'
  | 'processId'
  | 'routingId'
  | 'frameTreeNodeId'
  | 'detached'
  | 'isDestroyed'
  | 'visibilityState';

let nextFrameId = 1;

export class StandinFrame implements Slice<Electron.WebFrameMain, FrameKeys> {
  readonly routingId = nextFrameId++;
  readonly frameTreeNodeId = this.routingId;
  readonly visibilityState = 'visible';

  /** `frame` is a getter: a window's main frame exists from its construction, before its page does. */
  constructor(
    private readonly frame: () => Frame | null,
    private readonly urls: UrlMap,
    readonly processId: number,
    private readonly lookup: (frame: Frame) => StandinFrame,
  ) {}

  /** The frame's URL as Electron reports it (file:// for what the app loaded with loadFile). */
  get url(): string {
    const frame = this.frame();
    return frame ? this.urls.toElectron(frame.url()) : '';
  }

  get name(): string {
    return this.frame()?.name() ?? '';
  }

  get origin(): string {
    const url = URL.parse(this.url);
    if (!url) return '';
    return url.protocol === 'file:' ? 'file://' : url.origin;
  }

  get detached(): boolean {
    return this.frame()?.isDetached() ?? false;
  }

  get parent(): StandinFrame | null {
    const parent = this.frame()?.parentFrame();
    return parent ? this.lookup(parent) : null;
  }

  get top(): StandinFrame {
    let frame = this.frame();
    if (!frame) return this;
    while (frame.parentFrame()) frame = frame.parentFrame()!;
    return this.lookup(frame);
  }

  isDestroyed(): boolean {
    const frame = this.frame();
    return frame !== null && (frame.isDetached() || frame.page().isClosed());
  }
}

/** The frames of one window's page; the main frame is made before the page exists. */
export class FrameTable {
  private readonly frames = new WeakMap<Frame, StandinFrame>();
  readonly main: StandinFrame;

  constructor(
    private readonly urls: UrlMap,
    private readonly processId: number,
    mainFrame: () => Frame | null,
  ) {
    this.main = new StandinFrame(mainFrame, urls, processId, (f) => this.of(f));
  }

  of(frame: Frame): StandinFrame {
    if (frame.parentFrame() === null) return this.main;
    let found = this.frames.get(frame);
    if (!found) {
      found = new StandinFrame(
        () => frame,
        this.urls,
        this.processId,
        (f) => this.of(f),
      );
      this.frames.set(frame, found);
    }
    return found;
  }
}
