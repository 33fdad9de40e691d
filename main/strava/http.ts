import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { RetryNotice } from '../../common/sync-progress';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { StravaError } from './errors';
import type { HeaderReport, Priority, RateLimiter, RequestKind } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelay, type RetryableFailure, type RetryPolicy } from './retry-policy';

/** What a request tells the limiter: how urgent it is and how long it may wait for a reset. */
export interface LimitOptions {
  priority: Priority;
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Called for every attempt that goes out, retries included: the honest request count of a sync. */
  onSend?: () => void;
  /**
   * Called when a failed attempt is to be tried again, before the wait: the person sees why the sync is quiet.
   * `request` is the caller's number for the request (`splitsRequest`, the same for all its attempts), so that with a
   * page in flight ahead, another request's end does not end this one's retry.
   */
  onRetry?: (retry: RetryNotice, request: number) => void;
  /**
   * Called once the caller's request has ended, answered or not (after its last retry, a failure without an answer,
   * an answer too large to read, or a cancel): a retry of it told is over.
   */
  onSettled?: (request: number) => void;
}

/** One attempt as it went out: set again for every retry. */
interface Attempt {
  /** This computer's clock when the attempt left: its answer's usage headers belong to the windows of that moment. */
  sentAt: number;
  /** What the limiter counted it as, while it waits for an answer (null: not counted, or answered already). */
  unanswered: RequestKind | null;
  /** The limiter's number for it, in the order requests went out. */
  number?: number;
  /** The caller's own signal, kept apart from this attempt's deadline so that a retry gets a fresh deadline. */
  callerSignal: AbortSignal | undefined;
  deadline: AbortSignal;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Absent on requests the API limits do not cover (OAuth). */
    rateLimit?: LimitOptions;
    /** The caller's number for the request, told with its retries (LimitOptions.onRetry). */
    splitsRequest?: number;
    splitsAttempt?: Attempt;
  }
}

export interface StravaHttpOptions {
  clock: Clock;
  logger: Logger;
  limiter?: RateLimiter;
  policy?: RetryPolicy;
  /** Longest silence on the socket (axios' timeout): a server that stops sending. */
  timeoutMs?: number;
  /**
   * Longest time one attempt may take from start to end (default 60 s). The idle time-out alone never fires on a
   * server that sends a byte every few seconds; a deadline does, and counts as a network failure (retried).
   */
  deadlineMs?: number;
  /** Largest answer read (default 16 MB; a page of 200 activities is 200-500 KB). A larger one fails, unretried. */
  maxResponseBytes?: number;
  random?: () => number;
}

export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * One axios instance for every request to Strava. Every attempt, retries included, asks the limiter first, gets its
 * own deadline, and records when it went out; every response feeds the limiter its headers, filed under the windows
 * of that moment; a 429 ends the window and is never retried (docs/architecture.md, rule 7). Network failures (a
 * missed deadline included) and 500/502/503/504 are retried by axios-retry on the injected clock; a request may opt
 * out with `'axios-retry': { retries: 0 }`.
 *
 * The deadline runs on a real timer (AbortSignal.timeout): it bounds real network time, which a fake clock in tests
 * does not move.
 */
export function createStravaHttp(options: StravaHttpOptions): AxiosInstance {
  const { clock, logger, limiter } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const http = axios.create({
    // Node's http always (Electron's main process, the CLI): never the browser's XHR adapter, which a test environment
    // with a DOM (jsdom) would otherwise select, with its CORS rules.
    adapter: 'http',
    timeout: options.timeoutMs ?? 30_000,
    headers: { Accept: 'application/json', 'User-Agent': 'Splits' },
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true },
    maxRedirects: 0,
    maxContentLength: maxResponseBytes,
    maxBodyLength: maxResponseBytes,
  });

  http.interceptors.request.use(async (config: InternalAxiosRequestConfig) => {
    const callerSignal = config.splitsAttempt
      ? config.splitsAttempt.callerSignal
      : (config.signal as AbortSignal | undefined);
    let unanswered: RequestKind | null = null;
    let number: number | undefined;
    if (limiter && config.rateLimit) {
      const kind = (config.method ?? 'get').toLowerCase() === 'get' ? 'read' : 'write';
      const { priority, maxWaitMs, signal } = config.rateLimit;
      number = await limiter.acquire(kind, priority, maxWaitMs ?? 0, signal);
      unanswered = kind;
      config.rateLimit.onSend?.();
    }
    const deadline = AbortSignal.timeout(deadlineMs);
    config.signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
    config.splitsAttempt = { sentAt: clock.now(), callerSignal, deadline, unanswered, number };
    return config;
  });

  // Each attempt the limiter counted is answered once: its headers read, or a failure without an answer told.
  const answeredAs = (attempt: Attempt | undefined): RequestKind | null => {
    const kind = attempt?.unanswered ?? null;
    if (attempt) attempt.unanswered = null;
    return kind;
  };

  const warned = new Set<string>();
  const noteIgnored = (report: HeaderReport) => {
    for (const header of report.ignored) {
      const name = header.slice(0, header.indexOf(':'));
      if (warned.has(name)) continue;
      warned.add(name);
      logger.warn('ignoring a rate-limit header Splits cannot use', { header });
    }
  };

  // Registered before axios-retry, so it sees each response first.
  http.interceptors.response.use(
    async (response) => {
      const attempt = response.config.splitsAttempt;
      if (limiter && response.config.rateLimit)
        noteIgnored(
          await limiter.update(
            response.headers as Record<string, unknown>,
            attempt?.sentAt,
            answeredAs(attempt),
            attempt?.number,
          ),
        );
      if (cutShort(response.headers['content-type'], response.data))
        throw cutShortError(response.config, response.request);
      return response;
    },
    async (error: unknown) => {
      if (!(error instanceof AxiosError) || !error.config) throw error;
      const config = error.config;
      const attempt = config.splitsAttempt;
      if (limiter && !(error.response && config.rateLimit)) {
        const kind = answeredAs(attempt);
        if (kind) limiter.noAnswer(kind);
      }
      if (attempt?.deadline.aborted && !attempt.callerSignal?.aborted)
        throw missedDeadline(error, config, attempt, deadlineMs);
      if (error.code === AxiosError.ERR_BAD_RESPONSE && /maxContentLength/.test(error.message))
        throw tooLarge(config, maxResponseBytes);
      if (limiter && error.response && config.rateLimit) {
        const headers = error.response.headers as Record<string, unknown>;
        const kind = answeredAs(attempt);
        if (error.response.status === 429)
          throw await limiter.markExhausted(headers, attempt?.sentAt, kind, attempt?.number);
        noteIgnored(await limiter.update(headers, attempt?.sentAt, kind, attempt?.number));
      }
      throw error;
    },
  );

  axiosRetry(http, {
    retries: policy.maxRetries,
    retryCondition: (error) => isRetryable(failureOf(error)),
    // axios-retry would wait on a real timer; the wait happens in onRetry instead, on the injected clock.
    retryDelay: () => 0,
    shouldResetTimeout: true,
    onRetry: async (attempt, error, config) => {
      const failure = failureOf(error);
      const delay = retryDelay(attempt, failure, policy, options.random, clock.now()) ?? 0;
      logger.warn('retrying a failed request', {
        attempt,
        delayMs: delay,
        path: pathOf(config.url),
        failure: error.code ?? error.response?.status,
      });
      config.rateLimit?.onRetry?.(
        {
          attempt: attempt + 1,
          of: policy.maxRetries + 1,
          at: clock.now() + delay,
          reason: failure.status === undefined ? 'no-answer' : 'server-error',
        },
        config.splitsRequest ?? 0,
      );
      await clock.sleep(delay, config.splitsAttempt?.callerSignal ?? config.rateLimit?.signal);
    },
  });
  return http;
}

/**
 * A 200 that says it is JSON but does not parse (axios leaves such a body as text) was cut short on its way: a proxy
 * or a connection that dropped mid-answer. It is a network failure, retried like one (it was counted, so it costs
 * what any retry costs); an HTML page is an answer of its own, and is not.
 */
function cutShort(contentType: unknown, data: unknown): boolean {
  if (typeof data !== 'string' || !/\bjson\b/i.test(String(contentType ?? '')) || /^\s*</.test(data)) return false;
  try {
    JSON.parse(data);
    return false;
  } catch {
    return true;
  }
}

export const CUT_SHORT = 'ERR_CUT_SHORT';

function cutShortError(config: InternalAxiosRequestConfig, request: unknown): AxiosError {
  return new AxiosError(
    `the answer from ${pathOf(config.url)} was cut short (not complete JSON)`,
    CUT_SHORT,
    config,
    request,
  );
}

/** A missed deadline is a network failure (ETIMEDOUT), retried like one; the next attempt gets a new deadline. */
function missedDeadline(
  error: AxiosError,
  config: InternalAxiosRequestConfig,
  attempt: Attempt,
  deadlineMs: number,
): AxiosError {
  config.signal = attempt.callerSignal;
  return new AxiosError(
    `no complete answer from ${pathOf(config.url)} within ${deadlineMs / 1000} s`,
    'ETIMEDOUT',
    config,
    error.request,
  );
}

function tooLarge(config: InternalAxiosRequestConfig, maxBytes: number): StravaError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new StravaError(
    'bad-response',
    `Strava sent more than ${mb} MB for ${pathOf(config.url)}, far more than any real answer; Splits stopped reading it. Nothing was stored; the next sync tries again.`,
  );
}

export function failureOf(error: unknown): RetryableFailure {
  if (error instanceof StravaError) return {};
  if (error instanceof AxiosError) {
    if (error.response)
      return {
        status: error.response.status,
        retryAfter: (error.response.headers['retry-after'] as string | undefined) ?? null,
      };
    return { code: error.code ?? 'ERR_NETWORK' };
  }
  return {};
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').pathname;
  } catch {
    return url ?? '';
  }
}
