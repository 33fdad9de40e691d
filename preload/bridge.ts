import { eventChannels, invokeChannels } from './channels';
import type { SplitsApi } from './contract';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
/** Subscribes to one event channel; returns the unsubscribe. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * window.splits, built from the channel lists: `splits.app.info()` invokes `app:info`, `splits.on(event, fn)` listens.
 * The preload hands it Electron's ipcRenderer; browser tests hand it Playwright bindings to the same handler table.
 * Only the channel names are bundled here (no zod): main checks everything that crosses.
 */
export function buildBridge(invoke: Invoke, subscribe: Subscribe): SplitsApi {
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannels) {
    const [domain, verb] = channel.split(':') as [string, string];
    const methods = (api[domain] ??= {}) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    methods[verb] = (...args: unknown[]) => invoke(channel, ...args);
  }
  const known = new Set<string>(eventChannels);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Splits sends no event named ${event}`);
    if (typeof listener !== 'function') throw new Error('A listener must be a function');
    return subscribe(event, listener);
  };
  return api as SplitsApi;
}
