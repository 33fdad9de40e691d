import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, readBody, sendJson, stravaError } from './http';
import type { StravaSimulator } from './server';

/**
 * How the next requests to /oauth/token fail, for tests of what a client makes of each answer. None by default, so
 * the simulator behaves as before unless a test asks.
 */
export type TokenEndpointFault =
  | { kind: 'rate-limited' } // 429, as Strava's front door answers when it sheds load
  | { kind: 'inactive' } // 403 Status/Inactive: the application's owner has no subscription (2026)
  | { kind: 'credentials'; status: 401 | 403 } // the client id or secret refused
  | { kind: 'redirect'; location: string } // 3xx with a Location: the endpoint moved, or STRAVA_OAUTH_URL is wrong
  | { kind: 'status'; status: number; body?: unknown } // any other answer, said before the grant is looked at
  | { kind: 'lost-answer' }; // the exchange happens (a refresh token rotates) and the connection drops before the answer

const tokenFaults = new WeakMap<StravaSimulator, TokenEndpointFault[]>();

/** The next `times` token requests fail this way, one after another, before any grant is looked at. */
export function failTokenRequests(sim: StravaSimulator, fault: TokenEndpointFault, times = 1): void {
  const queue = tokenFaults.get(sim) ?? [];
  for (let i = 0; i < times; i++) queue.push(fault);
  tokenFaults.set(sim, queue);
}

/** /oauth/authorize, /oauth/token (also at /api/v3/oauth/token), /oauth/deauthorize and /oauth/revoke. */
export async function handleOAuth(
  sim: StravaSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<number> {
  const path = url.pathname.replace(/^\/api\/v3/, '');
  if (path === '/oauth/authorize' && req.method === 'GET') return authorize(sim, res, url);
  if (path === '/oauth/token' && req.method === 'POST') return exchange(sim, req, res, url);
  // Strava serves /oauth/revoke from 1 June 2027 and may then retire /oauth/deauthorize: a test chooses which it serves.
  const revokes =
    (path === '/oauth/deauthorize' && sim.oauthEndpoints.deauthorize) ||
    (path === '/oauth/revoke' && sim.oauthEndpoints.revoke);
  if (revokes && req.method === 'POST') return deauthorize(sim, req, res, url);
  sendJson(res, 404, stravaError('Record Not Found', 'resource', 'path', 'invalid'));
  return 404;
}

function authorize(sim: StravaSimulator, res: ServerResponse, url: URL): number {
  const q = url.searchParams;
  const redirect = q.get('redirect_uri');
  if (q.get('client_id') !== sim.clientId) {
    sendJson(res, 400, stravaError('Bad Request', 'Application', 'client_id', 'invalid'));
    return 400;
  }
  if (!redirect || q.get('response_type') !== 'code') {
    sendJson(
      res,
      400,
      stravaError('Bad Request', 'Application', redirect ? 'response_type' : 'redirect_uri', 'invalid'),
    );
    return 400;
  }
  const target = new URL(redirect);
  const state = q.get('state');
  if (state !== null) target.searchParams.set('state', state);
  if (sim.authorization.deny) {
    target.searchParams.set('error', 'access_denied');
  } else {
    // The athlete may untick scopes on Strava's page: the redirect names what was granted.
    const scope = sim.authorization.grantScope ?? q.get('scope') ?? 'read';
    target.searchParams.set('code', sim.tokens.issueCode({ athleteId: sim.authorization.athleteId, scope }));
    target.searchParams.set('scope', scope);
  }
  res.writeHead(302, { Location: target.toString() });
  res.end();
  return 302;
}

async function exchange(sim: StravaSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
  const p = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
  const fault = tokenFaults.get(sim)?.shift();
  if (fault && fault.kind !== 'lost-answer') return answerFault(res, fault);
  if (p.client_id !== sim.clientId) return fail(res, 'Application', 'client_id');
  if (p.client_secret !== sim.clientSecret) return fail(res, 'Application', 'client_secret');
  if (p.grant_type === 'authorization_code') {
    const grant = p.code ? sim.tokens.redeemCode(p.code) : null;
    if (!grant) return fail(res, 'AuthorizationCode', 'code');
    const set = sim.tokens.issue(grant);
    sendJson(res, 200, { token_type: 'Bearer', ...set, athlete: sim.athleteSummary(grant.athleteId) });
    return 200;
  }
  if (p.grant_type === 'refresh_token') {
    const rotated = p.refresh_token ? sim.tokens.rotate(p.refresh_token) : null;
    if (!rotated) return fail(res, 'RefreshToken', 'refresh_token');
    if (fault?.kind === 'lost-answer') {
      req.socket.destroy();
      return 200;
    }
    const { athleteId: _a, scope: _s, ...set } = rotated;
    sendJson(res, 200, { token_type: 'Bearer', ...set });
    return 200;
  }
  return fail(res, 'Application', 'grant_type');
}

async function deauthorize(sim: StravaSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
  const body = await readBody(req);
  const token = bearer(req) ?? body.access_token ?? url.searchParams.get('access_token');
  const check = sim.tokens.check(token);
  if (!check.ok) {
    sendJson(res, 401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid'));
    return 401;
  }
  sim.tokens.revokeAthlete(check.grant.athleteId);
  sendJson(res, 200, { access_token: token });
  return 200;
}

function answerFault(res: ServerResponse, fault: Exclude<TokenEndpointFault, { kind: 'lost-answer' }>): number {
  switch (fault.kind) {
    case 'rate-limited':
      sendJson(res, 429, stravaError('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'));
      return 429;
    case 'inactive':
      sendJson(res, 403, stravaError('Forbidden', 'Application', 'Status', 'Inactive'));
      return 403;
    case 'credentials':
      sendJson(
        res,
        fault.status,
        stravaError(
          fault.status === 401 ? 'Authorization Error' : 'Forbidden',
          'Application',
          'client_secret',
          'invalid',
        ),
      );
      return fault.status;
    case 'redirect':
      res.writeHead(307, { Location: fault.location });
      res.end();
      return 307;
    case 'status':
      sendJson(res, fault.status, fault.body ?? { message: 'Error' });
      return fault.status;
  }
}

function fail(res: ServerResponse, resource: string, field: string): number {
  sendJson(res, 400, stravaError('Bad Request', resource, field, 'invalid'));
  return 400;
}
