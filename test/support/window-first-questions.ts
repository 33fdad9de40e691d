// What the window asks main when it opens: its first page, the charts' totals, the statistics, the history. The idle
// tray app is measured (test/bench/idle-rss-child.ts) and checked (idle-packages-child.ts) after these answers.
export const WINDOW_FIRST_QUESTIONS = [
  ['app:ready'],
  ['sync:state'],
  ['accounts:list'],
  ['activities:query', { page: 1, pageSize: 50 }],
  ['activities:totals', {}],
  ['stats:get', {}],
  ['history:list', { limit: 50 }],
] as const;
