// The bridge: capabilities built from the contract, never ipcRenderer itself (docs/architecture.md, rule 5).
// Bundled as CommonJS because the window is sandboxed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'splits',
  buildBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (channel, listener) => {
      // The event object stays here: it carries the sender, which the window has no use for.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => void ipcRenderer.removeListener(channel, forward);
    },
  ),
);
