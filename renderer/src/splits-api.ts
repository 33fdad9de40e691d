import type { SplitsApi } from '../../preload/contract';

declare global {
  interface Window {
    splits: SplitsApi;
  }
}

/** The bridge the preload exposes; its type comes from the contract. */
export const splits = (): SplitsApi => window.splits;
