import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannels } from '../../../preload/contract';
import type { Logger } from '../../log';
import { dispatch, type HandlerTable } from '../ipc-handlers';

/** The one window main answers: its webContents and the address its page was loaded from. */
export interface TrustedWindow {
  contents: WebContents;
  url: string;
}

/**
 * Registers the handler table on ipcMain. A message is answered only when it comes from our window's webContents
 * *and* from its top frame showing our own page: not from a frame inside it, nor from a page it was navigated to.
 */
export function registerIpc(table: HandlerTable, trusted: () => TrustedWindow | null, logger: Logger): void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event, trusted())) {
        logger.warn('dropped a message from an unknown sender', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'Splits answers its own window only.' } };
      }
      return dispatch(table, channel, args, logger);
    });
  }
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  trusted: TrustedWindow | null,
): boolean {
  if (!trusted || event.sender !== trusted.contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return samePage(frame.url, trusted.url);
}

/** The same document: file pages by path, served ones (the dev server) by origin; query and hash do not matter. */
export function samePage(actual: string, expected: string): boolean {
  try {
    const a = new URL(actual);
    const e = new URL(expected);
    if (e.protocol === 'file:') return a.protocol === 'file:' && a.pathname === e.pathname;
    return a.origin === e.origin;
  } catch {
    return false;
  }
}
