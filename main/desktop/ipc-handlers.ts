import {
  invokeContract,
  type InvokeChannel,
  type InvokeResult,
  type IpcResult,
  type ParsedArgs,
} from '../../preload/contract';
import type { ActivityView } from '../../preload/payloads';
import { silentLogger, type Logger } from '../log';
import { StravaError } from '../strava/errors';
import type { SplitsServices } from '../services';
import { openTrackView } from '../archive/open-track-view';
import { activityRoutes } from '../store/activity-routes';
import { storeStats } from '../stats/store-stats';
import { activityView } from './activity-view';
import { toIpcError } from './ipc-errors';
import type { PathScrubber } from './without-paths';
import type { SplitsDesktop } from './splits-desktop';

export type Handler<C extends InvokeChannel> = (...args: ParsedArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
/**
 * The scrubber of the door a table is dispatched through: carried by the table createHandlers makes (the desktop's,
 * which its events share), so every door to it (Electron's ipcMain, a test's page) says files in words alike.
 */
export const DOOR_SCRUB = Symbol('the door scrubs file paths with this');
export type HandlerTable = { [C in InvokeChannel]: Handler<C> } & { readonly [DOOR_SCRUB]: PathScrubber };

/** What the handlers are built from. */
export interface DesktopServices {
  appInfo: { name: string; version: string };
  desktop: SplitsDesktop;
  services: SplitsServices;
  /** The window said it is listening: deliver the events held for it. */
  ready: () => void;
}

/** The plain handler table (docs/architecture.md, rule 3): no Electron here, so tests and Playwright can drive it. */
export function createHandlers({ appInfo, desktop, services, ready }: DesktopServices): HandlerTable {
  return {
    [DOOR_SCRUB]: desktop.scrub,
    'app:info': () => appInfo,
    'app:ready': () => (ready(), null),
    'app:openLogFolder': async () => (await desktop.openLogFolder(), null),
    'sync:now': (request) => desktop.sync(request ?? { mode: 'quick' }),
    'sync:cancel': async () => (await desktop.cancel(), null),
    'sync:state': () => desktop.state(),
    'limits:status': () => desktop.limits(),
    'activities:query': (query) => services.store.query(query ?? {}),
    'activities:get': async ({ athleteId, id }): Promise<ActivityView> => {
      const activities = await services.store.activities(athleteId);
      const summary = activities.get(id);
      if (!summary)
        throw new StravaError(
          'not-found',
          'That activity is not stored here (it may have been deleted on Strava and removed by a sync).',
        );
      const unavailable = services.store.syncState.get(athleteId).detailUnavailable.includes(id);
      return activityView(athleteId, summary, (await activities.detail(id)) ?? null, unavailable);
    },
    'activities:totals': (query) => services.store.totals(query ?? {}),
    'activities:markSeen': (scope) => desktop.markSeen(scope?.athleteId),
    'activities:track': ({ athleteId, id }) =>
      openTrackView(services.config.dataDir, athleteId, id, services.store.fence),
    'activities:routes': (query) => activityRoutes(services.store, query ?? {}),
    'accounts:list': () => desktop.accounts.list(),
    'accounts:connect': () => desktop.accounts.connect(),
    'accounts:cancelConnect': () => (desktop.accounts.cancelConnect(), null),
    'accounts:disconnect': ({ athleteId, deleteData }) => desktop.accounts.disconnect(athleteId, deleteData),
    'credentials:get': () => desktop.credentials.view(),
    'credentials:check': (credentials) => desktop.credentials.check(credentials),
    'credentials:set': (credentials) => desktop.credentials.set(credentials),
    'settings:get': () => desktop.settings.get(),
    'settings:set': (patch) => desktop.settings.set(patch),
    'archive:import': (request) => desktop.archive.import(request?.athleteId),
    'archive:cancel': () => (desktop.archive.cancelImport(), null),
    'archive:export': (request) => desktop.archive.export(request),
    'archive:reveal': async () => (await desktop.archive.reveal(), null),
    'history:list': (query) => services.store.history.recent(query?.limit ?? 50, query?.athleteId),
    'stats:get': (query) =>
      storeStats(services.store, query ?? {}, desktop.settings.get().training, services.clock.now()),
    'maps:tile': (request) => desktop.maps.tile(request),
  };
}

/**
 * Main's door (docs/architecture.md, rule 4): arguments are unknown until the channel's schema parses them; results
 * are parsed by theirs too, which strips anything undeclared (a token, a path) before it crosses, and the files the
 * values and messages name are said in words (the table's DOOR_SCRUB); failures come back as values the window can
 * show.
 */
export async function dispatch(
  table: HandlerTable,
  channel: string,
  args: unknown,
  logger: Logger = silentLogger,
): Promise<IpcResult<unknown>> {
  if (typeof channel !== 'string' || !Object.hasOwn(invokeContract, channel))
    return {
      ok: false,
      error: { code: 'unknown-channel', message: `Splits has no channel named ${String(channel).slice(0, 80)}.` },
    };
  const c = channel as InvokeChannel;
  if (!isPlainData(args))
    return {
      ok: false,
      error: {
        code: 'bad-request',
        message: 'Splits takes plain values (text, numbers, lists, objects), nothing else.',
      },
    };
  const parsed = invokeContract[c].args.safeParse(args);
  if (!parsed.success)
    return {
      ok: false,
      error: {
        code: 'bad-request',
        message: parsed.error.issues
          .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
          .join('; '),
      },
    };
  try {
    const handler = table[c] as (...a: unknown[]) => unknown;
    const value = await handler(...(parsed.data as unknown[]));
    const result = invokeContract[c].result.safeParse(value);
    if (!result.success)
      throw new Error(
        `the result of ${c} does not match its contract: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return { ok: true, value: table[DOOR_SCRUB].value(result.data) };
  } catch (error) {
    return { ok: false, error: toIpcError(error, logger, c, table[DOOR_SCRUB]) };
  }
}

/**
 * Whether a value is plain data: what JSON could carry, and undefined. A Map, a Set, a Date or a class instance is refused before
 * any schema sees it: a schema for an object takes any object, and a Map with no keys would pass as "no options".
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}
