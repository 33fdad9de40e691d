import { invokeChannels, type SplitsApi } from './contract';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/**
 * window.splits, built from the contract: `splits.app.info()` invokes `app:info`. The preload hands it Electron's
 * ipcRenderer.invoke; browser tests hand it a Playwright binding to the same handler table.
 */
export function buildBridge(invoke: Invoke): SplitsApi {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const channel of invokeChannels) {
    const [domain, verb] = channel.split(':') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (...args: unknown[]) => invoke(channel, ...args);
  }
  return api as SplitsApi;
}
