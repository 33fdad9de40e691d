import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannels } from '../../preload/contract';
import { dispatch, type HandlerTable } from './ipc-handlers';

/** Registers the handler table on ipcMain; messages from any sender but our own window are dropped. */
export function registerIpc(table: HandlerTable, trusted: () => WebContents | null): void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (event.sender !== trusted()) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
      return dispatch(table, channel, args);
    });
  }
}
