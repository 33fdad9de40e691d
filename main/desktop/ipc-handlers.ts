import { invokeContract, type InvokeArgs, type InvokeChannel, type InvokeResult, type IpcResult } from '../../preload/contract';

export type Handler<C extends InvokeChannel> = (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
export type HandlerTable = { [C in InvokeChannel]: Handler<C> };

/** What the handlers are built from; grows as main gains services. */
export interface DesktopServices {
  appInfo: { name: string; version: string };
}

/** The plain handler table (docs/architecture.md, rule 3): no Electron here, so tests and Playwright can drive it. */
export function createHandlers(services: DesktopServices): HandlerTable {
  return {
    'app:info': () => services.appInfo,
  };
}

/**
 * Main's door (docs/architecture.md, rule 4): arguments are unknown until the channel's schema parses them, and failures come
 * back as values the renderer can show.
 */
export async function dispatch(table: HandlerTable, channel: string, args: unknown[]): Promise<IpcResult<unknown>> {
  if (!Object.hasOwn(invokeContract, channel)) return { ok: false, error: { code: 'unknown-channel', message: `No such channel: ${channel}` } };
  const c = channel as InvokeChannel;
  const parsed = invokeContract[c].args.safeParse(args);
  if (!parsed.success) return { ok: false, error: { code: 'bad-request', message: parsed.error.issues.map((i) => i.message).join('; ') } };
  try {
    const handler = table[c] as (...a: unknown[]) => unknown;
    return { ok: true, value: await handler(...parsed.data) };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
