// The bridge: capabilities built from the contract, never ipcRenderer itself (DESIGN.md rule 5).
// Bundled as CommonJS because the window is sandboxed.
import { contextBridge, ipcRenderer } from 'electron';
import { invokeChannels, type SplitsApi } from './contract';

const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
for (const channel of invokeChannels) {
  const [domain, verb] = channel.split(':') as [string, string];
  api[domain] ??= {};
  api[domain][verb] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}

contextBridge.exposeInMainWorld('splits', api as SplitsApi);
