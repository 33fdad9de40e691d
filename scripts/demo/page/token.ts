// How the demo's token travels. The address the demo prints carries it in its fragment, which a browser sends to no
// server (and never in a Referer); the page takes it from there once and sends it in a header on every request it
// makes. No cookie: cookies ignore ports, so every other server on 127.0.0.1 would receive one.

export const TOKEN_HEADER = 'X-Splits-Token';

/** The address to open: the page, with the token in its fragment. */
export function demoAddress(origin: string, token: string): string {
  return `${origin}/#token=${token}`;
}

/** The token an address carries in its fragment, if any. */
export function tokenInAddress(href: string): string | null {
  return new URLSearchParams(new URL(href).hash.slice(1)).get('token') || null;
}
