// ipcMain: handlers and listeners registered by main, reached from the page through the bindings in web-contents.ts.
// Arguments and results cross as structured clones, so a result main could not send (a function, a class with
// methods lost) fails here as it would in Electron.
import { EventEmitter } from 'node:events';
import type { Slice } from './electron-types';
import { electronEvent } from './events';

type IpcMainKeys =
  'handle' | 'handleOnce' | 'removeHandler' | 'on' | 'once' | 'off' | 'removeListener' | 'removeAllListeners';
type InvokeListener = (event: Electron.IpcMainInvokeEvent, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the page gets back from an invoke: Electron rejects the renderer's promise with the error's string. */
export type InvokeAnswer = { ok: true; value: unknown } | { ok: false; error: string };

/** Who sent a message: the webContents and frame stand-ins, typed as main sees them. */
export interface Sender {
  sender: unknown;
  senderFrame: { routingId: number; processId: number } | null;
}

export class StandinIpcMain extends EventEmitter implements Slice<Electron.IpcMain, IpcMainKeys> {
  private readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  handleOnce(channel: string, listener: InvokeListener): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** The channels with a handler, for tests that check what main registered. */
  handledChannels(): string[] {
    return [...this.handlers.keys()];
  }

  /** ipcRenderer.invoke from the page. */
  async invoke(from: Sender, channel: string, args: unknown[]): Promise<InvokeAnswer> {
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: `Error: No handler registered for '${channel}'` };
    const event = electronEvent({ ...frameOf(from), type: 'frame' as const }) as unknown as Electron.IpcMainInvokeEvent;
    try {
      return { ok: true, value: structuredClone(await handler(event, ...structuredClone(args))) };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }

  /** ipcRenderer.send from the page: listeners get an IpcMainEvent whose reply() answers the sending frame. */
  receive(
    from: Sender & { reply: (channel: string, ...args: unknown[]) => void },
    channel: string,
    args: unknown[],
  ): void {
    const event = electronEvent({
      ...frameOf(from),
      type: 'frame' as const,
      ports: [],
      returnValue: undefined,
      reply: from.reply,
    }) as unknown as Electron.IpcMainEvent;
    this.emit(channel, event, ...structuredClone(args));
  }
}

function frameOf(from: Sender) {
  return {
    sender: from.sender,
    senderFrame: from.senderFrame,
    frameId: from.senderFrame?.routingId ?? 0,
    processId: from.senderFrame?.processId ?? 0,
  };
}
