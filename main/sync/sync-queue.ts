import type { SyncRequest } from './sync-types';

const isUser = (r: SyncRequest) => r.trigger === 'manual' || r.trigger === 'cli';

/**
 * Whether a run already going serves a request that arrives meanwhile. A request that asks for more (a full scan,
 * another athlete, the person's priority, details, a listing, more pages) runs after it instead of being folded into it.
 */
export function covers(running: SyncRequest, request: SyncRequest): boolean {
  return (
    (running.full === true || running.restart === true || (request.full !== true && request.restart !== true)) &&
    (running.restart === true || request.restart !== true) &&
    (running.athleteId === undefined || running.athleteId === request.athleteId) &&
    (isUser(running) || !isUser(request)) &&
    (running.details !== false || request.details === false) &&
    (running.listing !== false || request.listing === false) &&
    (running.maxPages === undefined || (request.maxPages !== undefined && request.maxPages <= running.maxPages)) &&
    (running.perPage ?? null) === (request.perPage ?? null) &&
    (running.maxWaitMs ?? 0) >= (request.maxWaitMs ?? 0)
  );
}

/** Two waiting requests become one that asks for everything either asked for. */
export function merge(a: SyncRequest, b: SyncRequest): SyncRequest {
  const merged: SyncRequest = {
    trigger: isUser(b) || !isUser(a) ? b.trigger : a.trigger,
    full: a.full === true || b.full === true,
    ...(a.restart === true || b.restart === true ? { restart: true } : {}),
    details: a.details !== false || b.details !== false,
  };
  if (a.listing === false && b.listing === false) merged.listing = false;
  if (a.athleteId !== undefined && a.athleteId === b.athleteId) merged.athleteId = a.athleteId;
  if (a.maxPages !== undefined && b.maxPages !== undefined) merged.maxPages = Math.max(a.maxPages, b.maxPages);
  const perPage = b.perPage ?? a.perPage;
  if (perPage !== undefined) merged.perPage = perPage;
  const maxWaitMs = Math.max(a.maxWaitMs ?? 0, b.maxWaitMs ?? 0);
  if (maxWaitMs > 0) merged.maxWaitMs = maxWaitMs;
  return merged;
}
