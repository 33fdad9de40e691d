import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { needsLogin, StravaError } from '../strava/errors';
import { SplitsError } from '../errors';

/** What the browser is told once the caller has exchanged the code and checked the scope. */
export type LoopbackOutcome = { ok: true; title: string; text: string } | { ok: false; title: string; text: string };

export interface LoopbackCallback {
  code: string;
  scope: string;
  /**
   * Answers the browser, which waits on this page until then: the real outcome of the exchange and the scope check,
   * with what to do. Called once; later calls do nothing. Unanswered, the page times out (RESPOND_TIMEOUT_MS) or is
   * answered by close().
   */
  respond(outcome: LoopbackOutcome): void;
}

export interface LoopbackLogin {
  /** The redirect URI to give Strava: loopback, any port (Strava allows localhost and 127.0.0.1 redirect hosts). */
  redirectUri: string;
  state: string;
  /** Resolves with the code once Strava redirects back; rejects on refusal, the timeout, or close() before either. */
  result: Promise<LoopbackCallback>;
  /**
   * The address the browser ended on, given by hand (pasted on a machine whose browser is elsewhere). It goes through
   * the same checks as the browser's own request, and whichever of the two comes first is the login's result.
   */
  paste(address: string): Arrival;
  /**
   * Stops listening and answers any page still waiting. A result still pending rejects with `reason` (by default a
   * LoginCancelledError): whoever awaits it must never wait for a server that is gone. Calling it again does nothing.
   */
  close(reason?: Error): Promise<void>;
}

/** The login was closed (replaced, cancelled, or Splits is quitting) before Strava's redirect came back. */
export class LoginCancelledError extends SplitsError {
  override name = 'LoginCancelledError';
  readonly ipcCode = 'cancelled';
  constructor(
    message = 'The login was stopped before Strava answered. Nothing was stored; connect again to start a new one.',
  ) {
    super(message);
  }
}

/**
 * What became of a callback: taken as the login's result (its code, or the refusal on Strava), or left aside:
 * another login's (its state differs), too late, after the one taken, or not a callback address at all (pasted only).
 */
export type Arrival = 'code' | 'declined' | 'foreign' | 'expired' | 'taken' | 'not-a-callback';

/** The words each callback left aside is refused with, on the browser's page and to a person who pasted it. */
export const LEFT_ASIDE: Record<Exclude<Arrival, 'code' | 'declined'>, string> = {
  foreign: 'This sign-in link is not the one Splits opened',
  expired: 'This sign-in has expired',
  taken: 'Splits already has this sign-in',
  'not-a-callback': 'This is not the address the browser ended on',
};

/** How long the browser's page waits for the caller's outcome: a token exchange takes seconds, retries included. */
const RESPOND_TIMEOUT_MS = 2 * 60_000;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>Splits</title><body style="font-family:system-ui;margin:3rem"><h1>${escape(title)}</h1><p>${escape(text)}</p></body>`;

function reply(res: ServerResponse, status: number, title: string, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(page(title, text));
}

/**
 * A one-shot server on 127.0.0.1 for the OAuth redirect, opened in the person's own browser (embedded logins fail
 * Strava's reCAPTCHA). It takes one callback whose `state` matches and holds the browser's request until the caller
 * responds: the page says "connected" only once the athlete really is.
 */
export async function startLoopbackLogin(port = 0, timeoutMs = 5 * 60_000): Promise<LoopbackLogin> {
  const state = randomBytes(16).toString('hex');
  const expected = Buffer.from(state);
  // Compared in constant time, so that how long a refusal takes says nothing of how much of a guess was right.
  const sameState = (given: string | null) => {
    const bytes = Buffer.from(given ?? '');
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };
  let settle!: { resolve: (v: LoopbackCallback) => void; reject: (e: Error) => void };
  const result = new Promise<LoopbackCallback>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // handled by whoever awaits it
  const held = new Set<() => void>();
  let taken = false;
  let expired = false;
  let listeningPort = 0;
  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      // Any program on this computer can reach the port: a request that is not even an address is refused, never thrown.
      res.writeHead(400).end();
      return;
    }
    // A browser on our page names 127.0.0.1 (or localhost) and our port. Any other Host is a page elsewhere whose name
    // was pointed at 127.0.0.1 (DNS rebinding): refused before it can use or learn anything.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!['127.0.0.1', 'localhost'].some((name) => host === name || host === `${name}:${listeningPort}`)) {
      reply(res, 421, 'This address is not the one Splits opened', 'Go back to Splits and start the login again.');
      return;
    }
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const arrival = receive(url.searchParams, () => {
      let answered = false;
      const respond = (outcome: LoopbackOutcome) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        held.delete(abandon);
        reply(res, outcome.ok ? 200 : 400, outcome.title, outcome.text);
      };
      const abandon = () =>
        respond({
          ok: false,
          title: 'Splits did not finish connecting',
          text: 'Go back to Splits: it says what happened.',
        });
      const timer = setTimeout(abandon, RESPOND_TIMEOUT_MS);
      held.add(abandon);
      return respond;
    });
    switch (arrival) {
      case 'foreign':
        // Not our request (or a forged one): ignored, and the real callback may still come.
        reply(res, 400, LEFT_ASIDE.foreign, 'Go back to Splits and start the login again.');
        break;
      case 'expired':
        // The login gave up: nobody would answer this page, which would otherwise wait minutes for nothing.
        reply(
          res,
          410,
          LEFT_ASIDE.expired,
          'Splits stopped waiting for it. Go back to Splits and start the login again.',
        );
        break;
      case 'taken':
        reply(res, 409, LEFT_ASIDE.taken, 'Go back to Splits: it says whether it is connected.');
        break;
      case 'declined':
        reply(
          res,
          400,
          'Splits was not connected',
          'You declined access on Strava. To connect, start the login again in Splits and choose Authorize.',
        );
        break;
      default:
      // 'code': the page waits for respond().
    }
  });
  /**
   * One callback's parameters, from the browser or pasted: the state must be this login's, and only the first such
   * callback is taken. `responder` makes the answer to the browser's page, once the callback is taken with a code.
   */
  const receive = (params: URLSearchParams, responder: () => LoopbackCallback['respond']): Arrival => {
    if (!sameState(params.get('state'))) return 'foreign';
    if (expired) return 'expired';
    if (taken) return 'taken';
    taken = true;
    const error = params.get('error');
    const code = params.get('code');
    if (error || !code) {
      settle.reject(
        needsLogin(
          'access-denied',
          'You declined access on Strava, so Splits is not connected. Log in again and choose Authorize.',
        ),
      );
      return 'declined';
    }
    settle.resolve({ code, scope: params.get('scope') ?? '', respond: responder() });
    return 'code';
  };
  const paste = (address: string): Arrival => {
    let url: URL;
    try {
      url = new URL(address.trim());
    } catch {
      return 'not-a-callback';
    }
    // The authorize address carries the same state: pasted back by mistake, it must not count as declining.
    if (url.pathname !== '/callback') return 'not-a-callback';
    // Nobody's page waits for a pasted address: the person reads the outcome where they pasted it.
    return receive(url.searchParams, () => () => undefined);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  listeningPort = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => {
    expired = !taken;
    settle.reject(new StravaError('rejected', 'The login was not completed in time. Start it again.'));
  }, timeoutMs);
  let closed: Promise<void> | null = null;
  const close = (reason: Error = new LoginCancelledError()) => {
    closed ??= (async () => {
      clearTimeout(timer);
      // Settled at once (a result already settled stays as it was): nothing more can come back through this server.
      settle.reject(reason);
      // A page still waiting is answered before its connection goes: a browser left spinning tells nobody anything.
      for (const abandon of [...held]) abandon();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Whatever is left after the answers are written (a keep-alive socket a browser holds open).
        setTimeout(() => server.closeAllConnections(), 100).unref();
      });
    })();
    return closed;
  };
  const { port: actual } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${actual}/callback`, state, result, paste, close };
}

/** The browser's page for an outcome of connecting: the athlete connected (and what they granted), or the error and what to do. */
export function outcomePage(outcome: { name: string; scope: string } | { error: unknown }): LoopbackOutcome {
  if ('error' in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return { ok: false, title: 'Splits was not connected', text: `${message} Go back to Splits to try again.` };
  }
  const privateNote = outcome.scope.split(/[ ,]+/).includes('activity:read_all')
    ? ''
    : ' Activities visible to "Only Me" stay out: to include them, log in again and tick "View data about your private activities".';
  return {
    ok: true,
    title: 'Splits is connected',
    text: `${outcome.name} is connected.${privateNote} You can close this tab and go back to Splits.`,
  };
}
