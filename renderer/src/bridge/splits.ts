import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeResult,
  IpcError,
  SplitsApi,
} from '../../../preload/contract';

declare global {
  interface Window {
    splits: SplitsApi;
  }
}

export type { EventChannel, EventPayload, InvokeChannel, InvokeResult, IpcError, SplitsApi };

/** The bridge the preload exposes (or the demo's page script); its type comes from the contract. */
export const splits = (): SplitsApi => window.splits;

/** A failure the window shows: its code decides the action offered, its message is written for the person. */
export class BridgeError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
  get code(): string {
    return this.error.code;
  }
}

/** Unwraps an IpcResult: the value, or a BridgeError with main's code and message. */
export async function unwrap<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
