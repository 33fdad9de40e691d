import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { StravaError } from './errors';
import type { Priority, RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelay, type RetryableFailure, type RetryPolicy } from './retry-policy';

/** What a request tells the limiter: how urgent it is and how long it may wait for a reset. */
export interface LimitOptions {
  priority: Priority;
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Called for every attempt that goes out, retries included: the honest request count of a sync. */
  onSend?: () => void;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Absent on requests the API limits do not cover (OAuth). */
    rateLimit?: LimitOptions;
  }
}

export interface StravaHttpOptions {
  clock: Clock;
  logger: Logger;
  limiter?: RateLimiter;
  policy?: RetryPolicy;
  timeoutMs?: number;
  random?: () => number;
}

/**
 * One axios instance for every request to Strava. Every attempt, retries included, asks the limiter first; every
 * response feeds it the headers; a 429 ends the window and is never retried (docs/architecture.md, rule 7). Network failures and
 * 500/502/503/504 are retried by axios-retry on the injected clock.
 */
export function createStravaHttp(options: StravaHttpOptions): AxiosInstance {
  const { clock, logger, limiter } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const http = axios.create({
    timeout: options.timeoutMs ?? 30_000,
    headers: { Accept: 'application/json', 'User-Agent': 'Splits' },
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true },
    maxRedirects: 0,
  });

  if (limiter) {
    http.interceptors.request.use(async (config: InternalAxiosRequestConfig) => {
      if (config.rateLimit) {
        const kind = (config.method ?? 'get').toLowerCase() === 'get' ? 'read' : 'write';
        await limiter.acquire(kind, config.rateLimit.priority, config.rateLimit.maxWaitMs ?? 0, config.rateLimit.signal);
        config.rateLimit.onSend?.();
      }
      return config;
    });
    // Registered before axios-retry, so it sees each response first.
    http.interceptors.response.use(
      async (response) => {
        if (response.config.rateLimit) await limiter.update(response.headers as Record<string, unknown>);
        return response;
      },
      async (error: unknown) => {
        if (error instanceof AxiosError && error.response && error.config?.rateLimit) {
          if (error.response.status === 429) throw await limiter.markExhausted(error.response.headers as Record<string, unknown>);
          await limiter.update(error.response.headers as Record<string, unknown>);
        }
        throw error;
      },
    );
  }

  axiosRetry(http, {
    retries: policy.maxRetries,
    retryCondition: (error) => isRetryable(failureOf(error)),
    // axios-retry would wait on a real timer; the wait happens in onRetry instead, on the injected clock.
    retryDelay: () => 0,
    shouldResetTimeout: true,
    onRetry: async (attempt, error, config) => {
      const delay = retryDelay(attempt, failureOf(error), policy, options.random, clock.now()) ?? 0;
      logger.warn('retrying a failed request', { attempt, delayMs: delay, path: pathOf(config.url), failure: error.code ?? error.response?.status });
      await clock.sleep(delay, config.rateLimit?.signal);
    },
  });
  return http;
}

export function failureOf(error: unknown): RetryableFailure {
  if (error instanceof StravaError) return {};
  if (error instanceof AxiosError) {
    if (error.response) return { status: error.response.status, retryAfter: (error.response.headers['retry-after'] as string | undefined) ?? null };
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
