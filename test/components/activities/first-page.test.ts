// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SIZE, NO_FILTER, toQuery } from '../../../renderer/src/features/activities/activity-query';
import { askFirstPageEarly, takeEarlyPage } from '../../../renderer/src/features/activities/first-page';

/** A bridge that records what the window asked; each answer is its own promise. */
function stubBridge() {
  const query = vi.fn((request: object) => Promise.resolve({ ok: true as const, value: { request } }));
  (window as unknown as { splits: unknown }).splits = { activities: { query } };
  return query;
}

const firstRequest = () => ({ ...toQuery(NO_FILTER), page: 1, pageSize: PAGE_SIZE });

describe('the first page asked for early', () => {
  afterEach(() => void takeEarlyPage({}));

  it("is asked once, at start, and handed to the table's first request for the same page", async () => {
    const query = stubBridge();
    askFirstPageEarly();
    expect(query).toHaveBeenCalledTimes(1);
    const answer = takeEarlyPage(firstRequest());
    expect(answer).toBe(query.mock.results[0]!.value);
    expect(await answer).toEqual({ ok: true, value: { request: firstRequest() } });
  });

  it('is given once: a second request (a sync, a reload) asks main again', () => {
    stubBridge();
    askFirstPageEarly();
    expect(takeEarlyPage(firstRequest())).not.toBeNull();
    expect(takeEarlyPage(firstRequest())).toBeNull();
  });

  it('is never handed to another request, and is dropped by it, so no later request gets an old page', () => {
    stubBridge();
    askFirstPageEarly();
    expect(takeEarlyPage({ ...firstRequest(), sort: 'distance' })).toBeNull();
    expect(takeEarlyPage(firstRequest())).toBeNull();
  });
});
