// The one contract between main and the window (docs/architecture.md, rule 2). Main's handler table, the preload bridge
// and the window's `window.splits` type all derive from it; nothing is declared twice.
import { z } from 'zod';
import type { IpcErrorCode } from '../common/error-codes';
import { tileImageSchema, tileRequestSchema } from '../common/map-tiles';
import { routesQuerySchema, routesSchema } from '../common/route-heatmap';
import { athleteIdSchema, epochMsSchema } from '../common/scalars';
import { statsQuerySchema, trainingStatsSchema } from '../common/training-stats';
import type { EventChannel, InvokeChannel } from './channels';
import * as p from './payloads';

export { eventChannels, invokeChannels, type EventChannel, type InvokeChannel } from './channels';

const none = z.tuple([]);

/** Each invoke channel: the arguments main parses, and the result it answers with (checked, and stripped to it). */
export const invokeContract = {
  'app:info': { args: none, result: z.object({ name: z.string(), version: z.string() }) },
  /** The window is listening: events held until now are delivered. */
  'app:ready': { args: none, result: z.null() },
  /** Opens the folder of the log files in the system's file manager. Main knows the folder; the window never names it. */
  'app:openLogFolder': { args: none, result: z.null() },
  /** A sync the person asked for (the quick pass, or a full scan); resolves when it ends. */
  'sync:now': { args: z.tuple([p.syncRequestSchema.optional()]), result: p.syncSummarySchema },
  'sync:cancel': { args: none, result: z.null() },
  'sync:state': { args: none, result: p.syncStateSchema },
  'limits:status': { args: none, result: p.limitsSchema },
  'activities:query': { args: z.tuple([p.activityQuerySchema.optional()]), result: p.activityPageSchema },
  'activities:get': { args: z.tuple([p.activityRefSchema]), result: p.activityViewSchema },
  /** Weekly and monthly distance and time per sport, and one year's days, for the charts. */
  'activities:totals': { args: z.tuple([p.totalsQuerySchema.optional()]), result: p.totalsSchema },
  /**
   * What is stored now of the athletes shown (one, or all when left out) counts as seen by the person; answers the
   * marks as they were (rows above them are new).
   */
  'activities:markSeen': { args: z.tuple([p.seenScopeSchema.optional()]), result: z.array(p.seenMarkSchema) },
  /** The activity's recorded track, thinned for the charts; null when it has none. */
  'activities:track': { args: z.tuple([p.activityRefSchema]), result: p.trackViewSchema.nullable() },
  /** Every stored route outline of one athlete (or of all), for the heatmap of every route. */
  'activities:routes': { args: z.tuple([routesQuerySchema.optional()]), result: routesSchema },
  'accounts:list': { args: none, result: p.accountsSchema },
  /**
   * Opens Strava's authorize page in the system browser and resolves once the athlete is connected. One at a time:
   * another while one is in flight (the state's `connecting`) is refused with `busy`.
   */
  'accounts:connect': { args: none, result: p.accountViewSchema },
  /** Stops a Connect still waiting for the browser (it answers `cancelled`); one already storing the login finishes. */
  'accounts:cancelConnect': { args: none, result: z.null() },
  'accounts:disconnect': {
    args: z.tuple([p.disconnectSchema]),
    result: z.object({ revoked: z.boolean(), deletedData: z.boolean() }),
  },
  'credentials:get': { args: none, result: p.credentialsViewSchema },
  /** Asks Strava whether it knows this client id and secret; stores nothing. */
  'credentials:check': { args: z.tuple([p.credentialsInputSchema]), result: p.credentialsCheckSchema },
  /** Checks, then stores them in the vault unless Strava refused them. */
  'credentials:set': { args: z.tuple([p.credentialsInputSchema]), result: p.credentialsCheckSchema },
  'settings:get': { args: none, result: p.settingsSchema },
  'settings:set': { args: z.tuple([p.settingsPatchSchema]), result: p.settingsSchema },
  'history:list': { args: z.tuple([p.historyQuerySchema.optional()]), result: z.array(p.syncRunSchema) },
  /** Asks for Strava's archive (a file picker in main) and imports it; null when the picker was closed. */
  'archive:import': { args: z.tuple([p.importRequestSchema.optional()]), result: p.importSummarySchema.nullable() },
  /** Stops a running import at its next row or file: what was done is kept. */
  'archive:cancel': { args: none, result: z.null() },
  /** Asks for a folder (a picker in main) and writes the export there; null when the picker was closed. */
  'archive:export': { args: z.tuple([p.exportRequestSchema]), result: p.exportResultSchema.nullable() },
  /** Opens the last export's folder in the system's file manager. */
  'archive:reveal': { args: none, result: z.null() },
  /**
   * One map image from the tile server the person chose, as a data: URL: main fetches it (or reads it from its cache),
   * so the window reaches no server. Refused (`config`) while Show maps is off.
   */
  'maps:tile': { args: z.tuple([tileRequestSchema]), result: tileImageSchema },
  /**
   * The training statistics of one athlete (the window's Athlete control) or of all, from what is stored, against the
   * training figures in Settings: fitness and form, year totals and progressions, Eddington numbers, bests, gear.
   */
  'stats:get': { args: z.tuple([statsQuerySchema.optional()]), result: trainingStatsSchema },
} as const satisfies Record<InvokeChannel, { args: z.ZodType<unknown[]>; result: z.ZodType }>;

/** Each event's payload. */
export const eventContract = {
  /** The state the tray and the status bar show changed (credentials saved, an account's state, a pause). */
  'state:changed': p.syncStateSchema,
  'sync:started': z.object({
    trigger: p.syncTriggerSchema,
    mode: p.syncModeSchema,
    athleteId: athleteIdSchema.nullable(),
    startedAt: epochMsSchema,
  }),
  'sync:progress': p.syncProgressSchema,
  'sync:finished': z.object({ summary: p.syncSummarySchema, state: p.syncStateSchema }),
  'limits:changed': p.limitsSchema,
  'accounts:changed': p.accountsSchema,
  'settings:changed': p.settingsSchema,
  'archive:progress': p.importProgressSchema,
  /** An import ended (finished or cancelled): what is stored changed. */
  'archive:imported': p.importSummarySchema,
  /** Another Splits (a `splits sync`, an import) wrote the data folder and let go of it: what is stored changed. */
  'data:changed': z.object({ state: p.syncStateSchema }),
} as const satisfies Record<EventChannel, z.ZodType>;

// The name lists in channels.ts and the tables above name the same channels, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _invokeInStep: Same<keyof typeof invokeContract, InvokeChannel> = true;
const _eventsInStep: Same<keyof typeof eventContract, EventChannel> = true;
void _invokeInStep;
void _eventsInStep;

export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['args']>;
/** What a handler receives: the arguments after parsing (defaults filled in). */
export type ParsedArgs<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>;

/**
 * Expected failures cross the bridge as values, not thrown strings (docs/architecture.md, rule 4). `code` is one of
 * common/error-codes.ts's list, which main's errors (main/errors.ts) name; only the unexpected is `internal`.
 */
export type IpcError = { code: IpcErrorCode; message: string; retryAt?: number };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Verb<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** window.splits: `splits.sync.now({ mode: 'full' })` for `sync:now`, and `splits.on('sync:progress', fn)` → unsubscribe. */
export type SplitsApi = {
  [D in Domain<InvokeChannel>]: {
    [V in Verb<InvokeChannel, D>]: (
      ...args: InvokeArgs<`${D}:${V}` & InvokeChannel>
    ) => Promise<IpcResult<InvokeResult<`${D}:${V}` & InvokeChannel>>>;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
