/// <reference lib="dom" />
// The demo page's window.splits: the preload's own bridge code (preload/bridge.ts) over HTTP instead of Electron's
// IPC. Invokes are POST /ipc/<channel>, main's events arrive on GET /events, both with the token in a header (never a
// cookie, which every server on 127.0.0.1 would receive). Served from the demo's own origin as a file (the page's CSP
// allows no inline script).
import { buildBridge } from '../../../preload/bridge';
import { openEventStream } from './event-stream';
import { TOKEN_HEADER, tokenInAddress } from './token';

/** Where this tab keeps the token: sessionStorage belongs to this origin (its port included) and this tab alone. */
const KEPT_TOKEN = 'splits-demo-token';

/**
 * The token from the address the demo printed, taken once: kept for this tab (so a reload still works), then taken
 * off the address, so that neither the history nor a copied address carries it.
 */
function takeToken(): string {
  const given = tokenInAddress(location.href);
  if (given) {
    try {
      sessionStorage.setItem(KEPT_TOKEN, given);
    } catch {
      // Storage turned off: this load works, a reload needs the address again.
    }
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return given;
  }
  try {
    return sessionStorage.getItem(KEPT_TOKEN) ?? '';
  } catch {
    return '';
  }
}

const token = takeToken();
const listeners = new Map<string, Set<(payload: unknown) => void>>();

// main holds its events until the window says app:ready: nothing is sent before the stream is open, so none is lost.
const opened = openEventStream('./events', { [TOKEN_HEADER]: token }, (channel, data) => {
  const payload = JSON.parse(data) as unknown;
  for (const fn of listeners.get(channel) ?? []) fn(payload);
});

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const set = listeners.get(channel) ?? new Set();
  listeners.set(channel, set.add(listener));
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
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'The demo server is not answering. Start it again with npm run demo, then open the address it prints.',
      },
    };
  }
  if (response.status === 403)
    return {
      ok: false,
      error: {
        code: 'internal',
        message:
          'This page has no valid token for the demo. Open the address npm run demo printed (the token is in its #).',
      },
    };
  if (!response.ok)
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The demo server answered ${response.status}. Open the address npm run demo printed again.`,
      },
    };
  return response.json();
}

(window as unknown as { splits: unknown }).splits = buildBridge(invoke, subscribe);
