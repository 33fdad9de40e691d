import { AxiosError, type AxiosInstance } from 'axios';
import { ZodError, type z } from 'zod';
import { StravaError, apiRedirected, appInactive, needsLogin } from './errors';
import { CUT_SHORT, type LimitOptions } from './http';
import { ACTIVITY_LIMITS, parseActivityPage, type ActivityPage } from './activity-page';
import {
  athleteSchema,
  detailedActivitySchema,
  stravaErrorBodySchema,
  type DetailedActivity,
  type StravaAthlete,
} from './schemas';
import { activityStreamsAnswerSchema, streamsQuery, type ActivityStreams } from './streams';
import type { TokenKeeper } from './token-keeper';

export interface ListParams {
  page: number;
  perPage: number;
  after?: number;
  before?: number;
}

/** The athlete API for one connected athlete: token handling, error meaning and response parsing. */
export class StravaApi {
  constructor(
    private readonly http: AxiosInstance,
    private readonly apiUrl: string,
    private readonly tokens: TokenKeeper,
  ) {}

  athlete(limit: LimitOptions): Promise<StravaAthlete> {
    return this.get('/athlete', {}, athleteSchema, limit);
  }

  /** One page, parsed record by record: bad records come back in `rejected` instead of failing the page. */
  listActivities(params: ListParams, limit: LimitOptions): Promise<ActivityPage> {
    const query: Record<string, number> = { page: params.page, per_page: params.perPage };
    if (params.after !== undefined) query.after = params.after;
    if (params.before !== undefined) query.before = params.before;
    return this.get(
      '/athlete/activities',
      query,
      { safeParse: (data: unknown) => wrap(parseActivityPage(data)) },
      limit,
    );
  }

  async activity(id: number, limit: LimitOptions): Promise<DetailedActivity> {
    const detail = await this.get(`/activities/${id}`, { include_all_efforts: 'false' }, detailedActivitySchema, limit);
    // Filed under its own id, it would overwrite another activity's detail and leave this one missing.
    if (detail.id !== id) {
      throw new StravaError(
        'bad-response',
        `Strava answered the request for activity ${id} with activity ${detail.id}; Splits stored nothing from that answer. The next sync asks again.`,
        { reason: 'unreadable' },
      );
    }
    if (
      detail.name.length > ACTIVITY_LIMITS.nameChars ||
      (detail.description?.length ?? 0) > ACTIVITY_LIMITS.descriptionChars
    ) {
      throw new StravaError(
        'bad-response',
        `Strava sent activity ${id} with a name or description too long to keep; it was set aside.`,
        { reason: 'oversized' },
      );
    }
    return detail;
  }

  /**
   * One activity's recorded streams, every key in one read request; null when Strava has none for it (an empty
   * answer: a manual entry, an activity recorded without a device). A deleted activity is StravaError 'not-found'.
   */
  activityStreams(id: number, limit: LimitOptions): Promise<ActivityStreams | null> {
    return this.get(`/activities/${id}/streams`, streamsQuery(), activityStreamsAnswerSchema, limit);
  }

  /**
   * A 401 gets one token refresh and one more try; a second 401 means the access is gone and a login is needed
   * (never a loop).
   */
  private async get<T>(
    path: string,
    params: Record<string, unknown>,
    schema: Parser<T>,
    limit: LimitOptions,
  ): Promise<T> {
    const request = ++requests;
    try {
      let token = await this.tokens.accessToken();
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await this.http.get(`${this.apiUrl}${path}`, {
            params,
            headers: { Authorization: `Bearer ${token}` },
            rateLimit: limit,
            splitsRequest: request,
            signal: limit.signal,
          });
          const parsed = schema.safeParse(response.data);
          if (!parsed.success) throw unreadable(path, response.data, response.headers['content-type'], parsed.error);
          return parsed.data;
        } catch (error) {
          const mapped = mapApiError(error, path);
          if (mapped.code === 'needs-login' && mapped.details.reason === 'token-rejected' && attempt === 0) {
            token = await this.tokens.refresh(token);
            continue;
          }
          throw mapped;
        }
      }
    } finally {
      limit.onSettled?.(request);
    }
  }
}

/** Numbers every request to Strava in this process, so that what is told of its retries ends with it. */
let requests = 0;

type Parser<T> = { safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError } };

function wrap(
  page: ActivityPage | null,
): { success: true; data: ActivityPage } | { success: false; error: z.ZodError } {
  if (page) return { success: true, data: page };
  return {
    success: false,
    error: new ZodError([{ code: 'custom', path: [], message: 'not a list of activities', input: undefined }]),
  };
}

/**
 * An answer Splits cannot read, said as what it was: an HTML page (a maintenance page, a captive portal), text that is
 * not JSON (a body cut short), or JSON of the wrong shape, with the first field at fault.
 */
function unreadable(path: string, data: unknown, contentType: unknown, error: z.ZodError): StravaError {
  let what: string;
  if (typeof data === 'string') {
    what =
      /html/i.test(String(contentType ?? '')) || /^\s*</.test(data)
        ? 'as an HTML page, not the JSON Splits reads'
        : 'as text that is not JSON (cut short, or garbled)';
  } else {
    const issue = error.issues[0];
    what = `in a shape Splits cannot read (${issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unreadable'})`;
  }
  return new StravaError('bad-response', `Strava sent ${path} ${what}. Nothing was lost; the next sync tries again.`, {
    reason: 'unreadable',
  });
}

function mapApiError(error: unknown, path: string): StravaError {
  if (error instanceof StravaError) return error;
  if (!(error instanceof AxiosError)) throw error;
  const response = error.response;
  if (error.code === CUT_SHORT) {
    return new StravaError(
      'bad-response',
      `Strava's answers to ${path} arrived cut short (not complete JSON), several times in a row. Nothing was lost; the next sync tries again.`,
      { reason: 'unreadable' },
    );
  }
  if (!response) {
    return new StravaError(
      'unreachable',
      `Strava could not be reached (${error.code ?? 'network error'}) after several tries. Check the internet connection; Splits tries again at the next sync.`,
      { reason: error.code ?? 'network' },
    );
  }
  const body = stravaErrorBodySchema.safeParse(response.data);
  const errors = body.success ? (body.data.errors ?? []) : [];
  const has = (field: string, code?: string) =>
    errors.some((e) => e.field === field && (code === undefined || e.code === code));
  switch (response.status) {
    case 401:
      if (has('activity:read_permission')) {
        return needsLogin(
          'scope-missing',
          'Strava was not allowed to share activities with Splits (the "View data about your activities" box was unticked). Log in again and leave it ticked.',
        );
      }
      return needsLogin(
        'token-rejected',
        "Strava no longer accepts Splits' access (it was revoked on strava.com, or the sign-in expired). Log in again.",
      );
    case 403:
      if (has('Status', 'Inactive')) return appInactive();
      return new StravaError('rejected', `Strava refused ${path} (403).`, { status: 403 });
    case 404:
      return new StravaError('not-found', `Strava has no ${path} (it may have been deleted).`, { status: 404 });
    default:
      if (response.status >= 300 && response.status < 400) {
        const location = (response.headers as Record<string, unknown>).location;
        return apiRedirected(response.status, typeof location === 'string' ? location : undefined);
      }
      if (response.status >= 500)
        return new StravaError(
          'unreachable',
          `Strava kept failing (HTTP ${response.status}) after several tries. Splits tries again at the next sync.`,
          { status: response.status },
        );
      return new StravaError('rejected', `Strava refused ${path} (HTTP ${response.status}).`, {
        status: response.status,
      });
  }
}
