/// <reference lib="dom" />
// The demo page's window.splits: the preload's own bridge code (preload/bridge.ts) over HTTP instead of Electron's
// IPC. Invokes are POST /ipc/<channel> with the token in a header; main's events arrive on an EventSource. Served from
// the demo's own origin as a file (the page's CSP allows no inline script).
import { buildBridge } from '../../../preload/bridge';

const token = new URLSearchParams(location.search).get('token') ?? '';
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const subscribed = new Set<string>();
const events = new EventSource(`./events?token=${encodeURIComponent(token)}`);

// main holds its events until the window says app:ready: nothing is sent before the stream is open, so none is lost.
const opened = new Promise<void>((resolve) => {
  events.addEventListener('open', () => resolve(), { once: true });
  events.addEventListener('error', () => resolve(), { once: true });
});

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const set = listeners.get(channel) ?? new Set();
  listeners.set(channel, set.add(listener));
  if (!subscribed.has(channel)) {
    subscribed.add(channel);
    events.addEventListener(channel, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      for (const fn of listeners.get(channel) ?? []) fn(payload);
    });
  }
  return () => void set.delete(listener);
}

async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  // Only app:ready releases main's held events, so only it waits for the stream; the reads go at once, as over IPC.
  if (channel === 'app:ready') await opened;
  // JSON has no undefined: an omitted last argument must stay omitted, not become null.
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  let response: Response;
  try {
    response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Splits-Token': token },
      body: JSON.stringify(args),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The demo server is not answering. Start it again with npm run demo, then reload this page.' } };
  }
  if (!response.ok) return { ok: false, error: { code: 'internal', message: `The demo server answered ${response.status}. Reload the page from the address the demo printed.` } };
  return response.json();
}

(window as unknown as { splits: unknown }).splits = buildBridge(invoke, subscribe);
