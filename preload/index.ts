// The bridge: capabilities built from the contract, never ipcRenderer itself (docs/architecture.md, rule 5).
// Bundled as CommonJS because the window is sandboxed.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld('splits', buildBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
