import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, readBody, sendJson, stravaError } from './http';
import type { StravaSimulator } from './server';

/** /oauth/authorize, /oauth/token (also at /api/v3/oauth/token) and /oauth/deauthorize. */
export async function handleOAuth(sim: StravaSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
  const path = url.pathname.replace(/^\/api\/v3/, '');
  if (path === '/oauth/authorize' && req.method === 'GET') return authorize(sim, res, url);
  if (path === '/oauth/token' && req.method === 'POST') return exchange(sim, req, res, url);
  if ((path === '/oauth/deauthorize' || path === '/oauth/revoke') && req.method === 'POST') return deauthorize(sim, req, res, url);
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
    sendJson(res, 400, stravaError('Bad Request', 'Application', redirect ? 'response_type' : 'redirect_uri', 'invalid'));
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

function fail(res: ServerResponse, resource: string, field: string): number {
  sendJson(res, 400, stravaError('Bad Request', resource, field, 'invalid'));
  return 400;
}
