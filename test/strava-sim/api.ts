import type { IncomingMessage, ServerResponse } from 'node:http';
import { toDetailed, toSummary, type SimActivity } from './activities';
import { bearer, sendJson, stravaError } from './http';
import { STREAM_KEYS, toStreams, type StreamKey } from './streams';
import type { Grant } from './tokens';
import type { StravaSimulator } from './server';

const MAX_PER_PAGE = 200;

const notFound = () => stravaError('Record Not Found', 'Activity', 'id', 'not found');

/** The athlete-facing API under /api/v3, after rate limiting and faults have had their say. */
export function handleApi(
  sim: StravaSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  headers: Record<string, string>,
  patch?: Record<string, unknown>,
): number {
  // Tokens travel in the Authorization header only (Strava's 2027 rule); a token in the query string is not read.
  const check = sim.tokens.check(bearer(req));
  if (!check.ok) {
    sendJson(res, 401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid'), headers);
    return 401;
  }
  const grant = check.grant;
  const path = url.pathname.slice('/api/v3'.length);
  const reply = (status: number, body: unknown) => {
    sendJson(res, status, patch && status === 200 ? withPatch(body, patch) : body, headers);
    return status;
  };
  if (req.method !== 'GET') return reply(404, stravaError('Record Not Found', 'resource', 'path', 'invalid'));
  if (path === '/athlete') return reply(200, sim.athleteDetail(grant.athleteId));
  if (path === '/athlete/activities') return listActivities(sim, grant, url, reply);

  const detail = /^\/activities\/(\d+)$/.exec(path);
  const streams = /^\/activities\/(\d+)\/streams$/.exec(path);
  const id = Number((detail ?? streams)?.[1]);
  if (!detail && !streams) return reply(404, stravaError('Record Not Found', 'resource', 'path', 'invalid'));
  if (!canReadActivities(grant))
    return reply(401, stravaError('Authorization Error', 'AccessToken', 'activity:read_permission', 'missing'));
  const activity = sim.findActivity(id);
  if (!activity || activity.athleteId !== grant.athleteId || !visibleTo(activity, grant)) return reply(404, notFound());
  if (detail) return reply(200, toDetailed(activity));

  // A manual entry has no recording: Strava answers its streams 404 "Resource Not Found", as clients report
  // (rStrava issue 72, connectstats issue 54), rather than an empty set.
  if (activity.manual) return reply(404, { message: 'Resource Not Found', errors: [] });
  const keys = (url.searchParams.get('keys') ?? '')
    .split(',')
    .filter((k): k is StreamKey => (STREAM_KEYS as readonly string[]).includes(k));
  const set = toStreams(activity, keys, sim.maxStreamSamples);
  // Strava keys the streams by type only when asked to; otherwise (the documented default is true, but Strava's
  // answer without the flag is a list) each stream names its type in a list.
  if (url.searchParams.get('key_by_type') === 'true') return reply(200, set);
  return reply(
    200,
    Object.entries(set).map(([type, s]) => ({ type, ...s })),
  );
}

function listActivities(
  sim: StravaSimulator,
  grant: Grant,
  url: URL,
  reply: (s: number, b: unknown) => number,
): number {
  if (!canReadActivities(grant))
    return reply(401, stravaError('Authorization Error', 'AccessToken', 'activity:read_permission', 'missing'));
  const q = url.searchParams;
  const ints: Record<string, number | undefined> = {};
  for (const name of ['before', 'after', 'page', 'per_page']) {
    const raw = q.get(name);
    if (raw === null || raw === '') continue;
    if (!/^-?\d+$/.test(raw)) return reply(400, stravaError('Bad Request', 'Activity', name, 'invalid'));
    ints[name] = Number(raw);
  }
  const page = Math.max(ints.page ?? 1, 1);
  const perPage = Math.min(Math.max(ints.per_page ?? 30, 1), MAX_PER_PAGE);
  const { after, before } = ints;
  let rows = sim
    .activitiesOf(grant.athleteId)
    .filter((a) => (after === undefined || a.start > after) && (before === undefined || a.start < before));
  // Observed order: newest first without `after`, oldest first with it.
  rows = rows.sort((a, b) =>
    after === undefined ? b.start - a.start || b.id - a.id : a.start - b.start || a.id - b.id,
  );
  // The page is cut first and filtered after, which is why a page can be short without being the last.
  const cut = rows.slice((page - 1) * perPage, page * perPage);
  return reply(200, cut.filter((a) => !a.listHidden && visibleTo(a, grant)).map(toSummary));
}

/** A hostile answer: `patch` laid over the JSON object (or over each object of a list); undefined removes a field. */
function withPatch(body: unknown, patch: Record<string, unknown>): unknown {
  if (Array.isArray(body)) return body.map((item) => withPatch(item, patch));
  if (!body || typeof body !== 'object') return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}

export function canReadActivities(grant: Grant): boolean {
  const scopes = grant.scope.split(',');
  return scopes.includes('activity:read') || scopes.includes('activity:read_all');
}

export function visibleTo(activity: SimActivity, grant: Grant): boolean {
  return activity.visibility !== 'only_me' || grant.scope.split(',').includes('activity:read_all');
}
