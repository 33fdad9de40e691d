import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { generateActivities, toSummary, type SeedOptions, type SimActivity } from './activities';
import { handleApi, visibleTo } from './api';
import type { SimClock } from './clock';
import { ManualClock } from './clock';
import { FaultInjector, type FaultKind, type FaultRule } from './faults';
import { bearer, sendDrip, sendEndless, sendHtml, sendJson, stravaError } from './http';
import { handleOAuth } from './oauth';
import { SimRateLimits, type SimLimits } from './rate-limits';
import { MAX_STREAM_SAMPLES } from './streams';
import { TokenBook, type TokenSet } from './tokens';

export interface SimAthlete {
  id: number;
  firstname: string;
  lastname: string;
}

export interface SimOptions {
  clock?: SimClock;
  clientId?: string;
  clientSecret?: string;
  limits?: Partial<SimLimits>;
  athletes?: SimAthlete[];
  /** How far Strava's clock is ahead of the shared clock (negative: behind), for tests of a skewed local clock. */
  clockSkewMs?: number;
  /** Real milliseconds each API answer waits after Strava counted its request (the network's round trip): the benchmark's. */
  latencyMs?: number;
}

export interface RequestLogEntry {
  /** The simulator's clock, epoch ms. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'reset' | 'hang' | 'drip' | 'endless';
  /** True when the request arrived while Strava's window for it was already spent (whatever it was then answered). */
  pastLimit?: boolean;
  /** The injected fault this request met, if any. */
  fault?: FaultKind;
  athleteId: number | null;
  /** True when the Authorization header carried the token (never the query string). */
  authorizationHeader: boolean;
}

const DEFAULT_ATHLETE: SimAthlete = { id: 1001, firstname: 'Ada', lastname: 'Lovelace' };

/**
 * A local Strava: OAuth, the athlete API, rate limits and faults, on 127.0.0.1 and an ephemeral port.
 * Behaves as Strava's documentation and observed behaviour say Strava does; tests drive it in-process.
 */
export class StravaSimulator {
  readonly clock: SimClock;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly rateLimits: SimRateLimits;
  readonly faults = new FaultInjector();
  readonly tokens: TokenBook;
  readonly log: RequestLogEntry[] = [];
  /** Strava's clock minus the shared clock: windows, token expiry and the Date header all run on Strava's clock. */
  clockSkewMs: number;
  /**
   * Called after Strava has counted a request and before the answer goes back: a test moves the shared clock here to
   * stand for the time the answer takes to arrive, or holds the answer back until the promise it returns settles.
   */
  beforeReply: ((entry: RequestLogEntry) => unknown) | null = null;
  /** Real milliseconds each API answer waits after its request was counted (SimOptions.latencyMs). */
  latencyMs: number;
  /** Most samples of an activity's streams (Strava's high resolution); a test of thousands of tracks may lower it. */
  maxStreamSamples = MAX_STREAM_SAMPLES;
  /** Which of Strava's two revoke addresses are served (the 1 June 2027 change): both by default. */
  oauthEndpoints = { revoke: true, deauthorize: true };
  /** How /oauth/authorize answers: as which athlete, which scopes granted (null: those asked for), or a refusal. */
  authorization: { athleteId: number; grantScope: string | null; deny: boolean };

  private athletes = new Map<number, SimAthlete>();
  private activities = new Map<number, SimActivity>();
  private nextId = 9_000_000_000;
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private port = 0;

  constructor(options: SimOptions = {}) {
    this.clock = options.clock ?? new ManualClock();
    this.clientId = options.clientId ?? '4242';
    this.clientSecret = options.clientSecret ?? 'sim-client-secret';
    this.clockSkewMs = options.clockSkewMs ?? 0;
    this.latencyMs = options.latencyMs ?? 0;
    this.rateLimits = new SimRateLimits(options.limits);
    this.tokens = new TokenBook(() => Math.floor(this.now() / 1000));
    for (const athlete of options.athletes ?? [DEFAULT_ATHLETE]) this.athletes.set(athlete.id, athlete);
    this.authorization = {
      athleteId: [...this.athletes.keys()][0] ?? DEFAULT_ATHLETE.id,
      grantScope: null,
      deny: false,
    };
  }

  /** Strava's clock: the shared clock plus the skew. */
  now(): number {
    return this.clock.now() + this.clockSkewMs;
  }

  get url(): string {
    if (!this.server) throw new Error('the simulator is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/v3`;
  }

  get oauthUrl(): string {
    return `${this.url}/oauth`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.route(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A port in use is an answer for the caller (the sim's command line says it in one line), not a crash.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => (server.off('error', reject), resolve()));
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- the world: athletes and activities -------------------------------------------------------------------

  addAthlete(athlete: SimAthlete): void {
    this.athletes.set(athlete.id, athlete);
  }

  /** Seeds years of history for an athlete; returns the new activities, newest first. */
  seedActivities(athleteId: number, count: number, options: Partial<SeedOptions> = {}): SimActivity[] {
    const newestBefore = options.newestBefore ?? Math.floor(this.clock.now() / 1000);
    const rows = generateActivities(athleteId, count, this.nextId, { ...options, newestBefore });
    this.nextId += count + 1;
    for (const row of rows) this.activities.set(row.id, row);
    return rows;
  }

  /** A new upload; with an old `start` it is a late upload, older than activities already synced. */
  addActivity(athleteId: number, patch: Partial<SimActivity> = {}): SimActivity {
    const [template] = generateActivities(athleteId, 1, this.nextId++, {
      newestBefore: Math.floor(this.clock.now() / 1000),
      seed: this.nextId,
    });
    const activity: SimActivity = {
      ...template!,
      ...patch,
      id: patch.id ?? this.nextId++,
      athleteId,
      listHidden: patch.listHidden ?? false,
    };
    this.activities.set(activity.id, activity);
    return activity;
  }

  editActivity(id: number, patch: Partial<Omit<SimActivity, 'id' | 'athleteId'>>): SimActivity {
    const activity = this.activities.get(id);
    if (!activity) throw new Error(`no activity ${id}`);
    Object.assign(activity, patch);
    return activity;
  }

  deleteActivity(id: number): void {
    if (!this.activities.delete(id)) throw new Error(`no activity ${id}`);
  }

  findActivity(id: number): SimActivity | undefined {
    return this.activities.get(id);
  }

  activitiesOf(athleteId: number): SimActivity[] {
    return [...this.activities.values()].filter((a) => a.athleteId === athleteId);
  }

  /** The truth a client should end up with: every activity the grant can list, as summaries, by id. */
  listableSummaries(athleteId: number, scope = 'read,activity:read_all'): Array<Record<string, unknown>> {
    return this.activitiesOf(athleteId)
      .filter((a) => !a.listHidden && visibleTo(a, { athleteId, scope }))
      .sort((a, b) => a.id - b.id)
      .map(toSummary);
  }

  athleteSummary(athleteId: number): Record<string, unknown> {
    const a = this.athletes.get(athleteId) ?? { ...DEFAULT_ATHLETE, id: athleteId };
    return {
      id: a.id,
      resource_state: 2,
      firstname: a.firstname,
      lastname: a.lastname,
      city: 'Paris',
      state: 'Île-de-France',
      country: 'France',
      sex: 'F',
      premium: true,
      summit: true,
      created_at: '2015-03-01T10:00:00Z',
      updated_at: '2026-10-01T10:00:00Z',
      profile_medium: 'avatar/athlete/medium.png',
      profile: 'avatar/athlete/large.jpg',
    };
  }

  athleteDetail(athleteId: number): Record<string, unknown> {
    return {
      ...this.athleteSummary(athleteId),
      resource_state: 3,
      follower_count: 12,
      friend_count: 9,
      measurement_preference: 'meters',
      ftp: 250,
      weight: 61.5,
      clubs: [],
      bikes: [],
      shoes: [],
    };
  }

  // ---- control for tests ------------------------------------------------------------------------------------

  /** Tokens for an athlete without the browser round trip. */
  grantTokens(athleteId: number, scope = 'read,activity:read_all'): TokenSet {
    return this.tokens.issue({ athleteId, scope });
  }

  /** The athlete revoked access on strava.com: every token of theirs stops working. */
  revokeAccess(athleteId: number): void {
    this.tokens.revokeAthlete(athleteId);
  }

  injectFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  /**
   * API requests that arrived while their window was already spent, faulted or not: a client that obeys Strava's
   * headers sends none (a 429 it could not foresee, from usage another tool spent, is counted too).
   */
  requestsPastLimit(): RequestLogEntry[] {
    return this.log.filter((e) => e.pastLimit === true);
  }

  /** API requests in the log (OAuth excluded), optionally of one path. */
  apiRequests(path?: string | RegExp): RequestLogEntry[] {
    return this.log.filter(
      (e) =>
        e.path.startsWith('/api/v3/') &&
        !e.path.startsWith('/api/v3/oauth') &&
        (path === undefined || (typeof path === 'string' ? e.path === `/api/v3${path}` : path.test(e.path))),
    );
  }

  // ---- the server ---------------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Strava's Date header comes from Strava's clock; node would send this machine's wall time.
    res.setHeader('Date', new Date(this.now()).toUTCString());
    const entry: RequestLogEntry = {
      at: this.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      athleteId: null,
      authorizationHeader: typeof req.headers.authorization === 'string',
    };
    this.log.push(entry);
    try {
      entry.status = await this.answer(req, res, url, entry);
    } catch (error) {
      sendJson(res, 500, { message: 'simulator error', detail: String(error) });
      entry.status = 500;
    }
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    entry: RequestLogEntry,
  ): Promise<RequestLogEntry['status']> {
    const isOAuth = url.pathname.startsWith('/oauth/') || url.pathname === '/api/v3/oauth/token';
    if (!isOAuth && url.pathname.startsWith('/api/v3/'))
      entry.pastLimit = this.rateLimits.spent(this.now(), req.method === 'GET');
    const rule = this.faults.takeRule(url.pathname + url.search);
    const fault = rule?.kind ?? null;
    if (fault !== null) entry.fault = fault;
    if (fault === 'html') {
      sendHtml(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Strava</title></head><body><h1>Down for maintenance</h1></body></html>',
      );
      return 200;
    }
    if (fault === 'redirect') {
      const status = rule?.redirectStatus ?? 302;
      res.writeHead(status, {
        Location: rule?.location ?? `http://127.0.0.2:${this.port}${url.pathname}${url.search}`,
      });
      res.end();
      return status;
    }
    if (fault === 'reset') {
      req.socket.destroy();
      return 'reset';
    }
    if (fault === 'hang') return 'hang'; // never answered; the socket closes when the simulator stops
    if (typeof fault === 'number' && fault >= 500) {
      sendJson(res, fault, { message: 'Server Error' });
      return fault;
    }
    if (isOAuth) return handleOAuth(this, req, res, url);
    if (!url.pathname.startsWith('/api/v3/')) {
      sendJson(res, 404, stravaError('Record Not Found', 'resource', 'path', 'invalid'));
      return 404;
    }

    const check = this.tokens.check(bearer(req));
    entry.athleteId = check.ok ? check.grant.athleteId : null;
    const now = this.now();
    const limited = this.rateLimits.count(now, req.method === 'GET');
    const headers = rateLimitHeaders(this.rateLimits.headers(now), rule);
    // After the headers were made: a request counted meanwhile is not in them, as with Strava over a real network.
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    await this.beforeReply?.(entry);
    if (fault === 'bare-429') {
      sendJson(res, 429, stravaError('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'));
      return 429;
    }
    if (limited) {
      sendJson(res, 429, stravaError('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'), headers);
      return 429;
    }
    if (fault === 401) {
      sendJson(res, 401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid'), headers);
      return 401;
    }
    if (fault === 404) {
      sendJson(res, 404, stravaError('Record Not Found', 'Activity', 'id', 'not found'), headers);
      return 404;
    }
    if (fault === 'empty') {
      // A set with no stream in it, in the form asked for: keyed by type, or a list.
      sendJson(res, 200, url.searchParams.get('key_by_type') === 'true' ? {} : [], headers);
      return 200;
    }
    if (fault === 'inactive') {
      // A Standard-tier application whose owner has no Strava subscription (2026).
      sendJson(res, 403, stravaError('Forbidden', 'Application', 'Status', 'Inactive'), headers);
      return 403;
    }
    if (fault === 'drip') {
      sendDrip(res, rule?.intervalMs ?? 10_000, headers);
      return 'drip';
    }
    if (fault === 'endless') {
      sendEndless(res, headers);
      return 'endless';
    }
    if (fault === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      res.end('{"id": 1, "name": "trunc');
      return 200;
    }
    if (
      fault === 'endless-list' &&
      url.pathname === '/api/v3/athlete/activities' &&
      this.tokens.check(bearer(req)).ok
    ) {
      sendJson(res, 200, this.neverListedPage(entry.athleteId ?? 0, url), headers);
      return 200;
    }
    return handleApi(this, req, res, url, headers, fault === 'wrong-types' ? rule?.patch : undefined);
  }

  /**
   * A full page of activities no page listed before (ids and starts from the page number): a list without end. The
   * records are small (no route), so a test can list tens of thousands of them.
   */
  private neverListedPage(athleteId: number, url: URL): Array<Record<string, unknown>> {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 200);
    return Array.from({ length: perPage }, (_, i) => {
      const id = 5_000_000_000 + (page - 1) * perPage + i;
      const start = new Date(Date.UTC(2020, 0, 1) - (page * perPage + i) * 3_600_000)
        .toISOString()
        .replace('.000Z', 'Z');
      return {
        resource_state: 2,
        athlete: { id: athleteId, resource_state: 1 },
        id,
        name: `Endless ${id}`,
        sport_type: 'Run',
        type: 'Run',
        start_date: start,
        start_date_local: start,
        timezone: '(GMT+00:00) Etc/UTC',
        distance: 5000,
        moving_time: 1500,
        elapsed_time: 1600,
        total_elevation_gain: 10,
      };
    });
  }
}

/** The rate-limit headers an answer carries: the true ones, or a hostile rule's replacements. */
function rateLimitHeaders(truth: Record<string, string>, rule: FaultRule | null): Record<string, string> {
  if (rule?.kind === 'odd-limits') return { ...truth, 'X-RateLimit-Limit': '0,0', 'X-ReadRateLimit-Limit': '-5,abc' };
  if (rule?.kind !== 'limit-headers' || !rule.headers) return truth;
  const out: Record<string, string> = { ...truth };
  for (const [name, value] of Object.entries(rule.headers)) {
    if (value === null) delete out[name];
    else out[name] = value;
  }
  return out;
}
