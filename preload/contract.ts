// The one contract between main and the renderer (docs/architecture.md, rule 2). Main's handler table, the preload bridge and
// the renderer's window.splits type are all derived from this table; nothing is declared twice.
import { z } from 'zod';

/** Invoke channels, `domain:verb`: the argument schema main parses and the result type it answers with. */
export const invokeContract = {
  'app:info': {
    args: z.tuple([]),
    result: z.object({ name: z.string(), version: z.string() }),
  },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>;

/** Expected failures cross the bridge as values, not thrown strings (docs/architecture.md, rule 4). */
export type IpcError = { code: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Verb<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** window.splits: `splits.app.info()` for channel `app:info`. */
export type SplitsApi = {
  [D in Domain<InvokeChannel>]: {
    [V in Verb<InvokeChannel, D>]: (...args: InvokeArgs<`${D}:${V}` & InvokeChannel>) => Promise<IpcResult<InvokeResult<`${D}:${V}` & InvokeChannel>>>;
  };
};

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
