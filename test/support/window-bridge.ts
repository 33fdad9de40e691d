// window.splits for component tests in jsdom, wired to the real desktop core (test/support/desktop-core.ts): the same
// bridge code the preload uses, the real handler table behind it, events delivered as webContents.send would. Values
// cross as structured clones, as they do through Electron's IPC.
import { dispatch } from '../../main/desktop/ipc-handlers';
import { buildBridge } from '../../preload/bridge';
import type { SplitsApi } from '../../preload/contract';
import type { DesktopUnderTest } from './desktop-core';

export function installBridge(app: DesktopUnderTest): () => void {
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  const deliver = (channel: string, payload: unknown) => {
    for (const fn of subscribers.get(channel) ?? []) fn(structuredClone(payload));
  };
  app.listeners.add(deliver);
  (globalThis as unknown as { splits: SplitsApi }).splits = buildBridge(
    async (channel, ...args) => structuredClone(await dispatch(app.table, channel, structuredClone(args))),
    (channel, listener) => {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set.add(listener));
      return () => void set.delete(listener);
    },
  );
  return () => app.listeners.delete(deliver);
}
