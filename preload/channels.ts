// The channel names alone, for the preload: it builds window.splits from these lists without bundling zod.
// contract.ts gives each one its schemas, and a type check there keeps the two lists and the schemas in step.

/** Invoke channels, `domain:verb`: `splits.sync.now()` invokes `sync:now`. */
export const invokeChannels = [
  'app:info',
  'app:ready',
  'app:openLogFolder',
  'sync:now',
  'sync:cancel',
  'sync:state',
  'limits:status',
  'activities:query',
  'activities:get',
  'activities:totals',
  'activities:markSeen',
  'activities:track',
  'activities:routes',
  'accounts:list',
  'accounts:connect',
  'accounts:cancelConnect',
  'accounts:disconnect',
  'credentials:get',
  'credentials:check',
  'credentials:set',
  'settings:get',
  'settings:set',
  'history:list',
  'archive:import',
  'archive:cancel',
  'archive:export',
  'archive:reveal',
  'maps:tile',
  'stats:get',
] as const;

/** Events, main to the window: `splits.on('sync:progress', listener)`. */
export const eventChannels = [
  'state:changed',
  'sync:started',
  'sync:progress',
  'sync:finished',
  'limits:changed',
  'accounts:changed',
  'settings:changed',
  'archive:progress',
  'archive:imported',
  'data:changed',
] as const;

export type InvokeChannel = (typeof invokeChannels)[number];
export type EventChannel = (typeof eventChannels)[number];
