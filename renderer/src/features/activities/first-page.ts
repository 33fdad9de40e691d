import { splits, type SplitsApi } from '../../bridge/splits';
import { NO_FILTER, PAGE_SIZE, toQuery } from './activity-query';

type Answer = ReturnType<SplitsApi['activities']['query']>;

/**
 * The table's first page, asked for as the window's script starts, before React draws anything: main answers while
 * the shell renders, so the first rows follow the shell's paint by a render rather than by a render and a round trip.
 */
let early: { key: string; answer: Answer } | null = null;

export function askFirstPageEarly(): void {
  const request = { ...toQuery(NO_FILTER), page: 1, pageSize: PAGE_SIZE };
  early = { key: JSON.stringify(request), answer: splits().activities.query(request) };
}

/**
 * The early answer if `request` is what it asked, else null. Only the table's first request may take it: the early
 * answer is gone after that, whatever was asked, so no later request (after a sync, another filter) gets an old page.
 */
export function takeEarlyPage(request: object): Answer | null {
  const taken = early;
  early = null;
  return taken && taken.key === JSON.stringify(request) ? taken.answer : null;
}
