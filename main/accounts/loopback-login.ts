import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { needsLogin, StravaError } from '../strava/errors';

export interface LoopbackCallback {
  code: string;
  scope: string;
}

export interface LoopbackLogin {
  /** The redirect URI to give Strava: loopback, any port (Strava allows localhost and 127.0.0.1 redirect hosts). */
  redirectUri: string;
  state: string;
  /** Resolves with the code once Strava redirects back; rejects on refusal, a wrong state, or the timeout. */
  result: Promise<LoopbackCallback>;
  close(): Promise<void>;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>Splits</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body>`;

/**
 * A one-shot server on 127.0.0.1 for the OAuth redirect, opened in the person's own browser (embedded logins fail
 * Strava's reCAPTCHA). It answers one callback whose `state` matches, then closes.
 */
export async function startLoopbackLogin(port = 0, timeoutMs = 5 * 60_000): Promise<LoopbackLogin> {
  const state = randomBytes(16).toString('hex');
  let settle!: { resolve: (v: LoopbackCallback) => void; reject: (e: Error) => void };
  const result = new Promise<LoopbackCallback>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // handled by whoever awaits it
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const reply = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(page(title, text));
    };
    if (url.searchParams.get('state') !== state) {
      // Not our request (or a forged one): ignored, and the real callback may still come.
      reply(400, 'This sign-in link is not the one Splits opened', 'Go back to Splits and start the login again.');
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (error || !code) {
      reply(200, 'Splits was not connected', 'You declined access on Strava. You can close this tab.');
      settle.reject(needsLogin('access-denied', 'You declined access on Strava, so Splits is not connected. Log in again and choose Authorize.'));
    } else {
      reply(200, 'Splits is connected', 'You can close this tab and go back to Splits.');
      settle.resolve({ code, scope: url.searchParams.get('scope') ?? '' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => settle.reject(new StravaError('rejected', 'The login was not completed in time. Start it again.')), timeoutMs);
  const close = async () => {
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const { port: actual } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${actual}/callback`, state, result, close };
}
