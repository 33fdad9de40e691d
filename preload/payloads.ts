// What crosses the bridge, as zod schemas: main checks every argument with them, and every result and event too, so a
// field that is not declared here (a token, a path) is stripped before it can reach the window.
// The domain's own schemas (what main stores and reports too) are common/'s, re-used here.
import { z } from 'zod';
import { activityQuerySchema, seenMarkSchema } from '../common/activity-query';
import { OSM_TILE_SERVER, tileServerSchema } from '../common/map-tiles';
import { credentialsInputSchema } from '../common/credentials';
import { privateAccessSchema } from '../common/private-access';
import { rateLimitStatusSchema } from '../common/rate-limit-status';
import {
  activityIdSchema,
  athleteIdSchema as athleteId,
  countSchema as count,
  epochMsSchema as epochMs,
} from '../common/scalars';
import { SYNC_INTERVAL_MINUTES, syncIntervalMinutesSchema } from '../common/sync-interval';
import { syncProgressSchema } from '../common/sync-progress';
import { athleteSyncResultSchema } from '../common/sync-result';
import { syncRunSchema } from '../common/sync-run';
import { syncTriggerSchema } from '../common/sync-trigger';
import { DEFAULT_TRAINING_SETTINGS, trainingSettingsSchema } from '../common/training-settings';
import { trackViewSchema, type TrackView } from '../common/track-view';
import { unitsSchema } from '../common/units';

export {
  activityQuerySchema,
  credentialsInputSchema,
  seenMarkSchema,
  syncProgressSchema,
  syncRunSchema,
  syncTriggerSchema,
  trackViewSchema,
  type TrackView,
};

// ---- settings ----

export const settingsSchema = z.object({
  /** Background sync on a timer; off is "paused" in the tray. */
  backgroundSync: z.boolean(),
  syncIntervalMinutes: syncIntervalMinutesSchema,
  syncAtLaunch: z.boolean(),
  launchAtLogin: z.boolean(),
  notifications: z.boolean(),
  /** Closing the window leaves Splits in the tray; off, closing the window quits. */
  closeToTray: z.boolean(),
  units: unitsSchema,
  theme: z.enum(['system', 'light', 'dark']),
  /** Fetch every activity's track (its recorded samples) from Strava in the background backfill, within the budget. */
  fetchTracks: z.boolean(),
  /** The athlete the window shows (its table, charts, history and exports); null shows every athlete together. */
  athleteScope: athleteId.nullable(),
  /** The route on a map of the tile server's images: off until the person allows it (the server sees the routes' areas). */
  showMaps: z.boolean(),
  /** Where the map's images come from: a URL template with {z}/{x}/{y} (common/map-tiles.ts). */
  tileServer: tileServerSchema,
  /** FTP, max and resting heart rate and threshold run pace: what each activity's training load is worked out against. */
  training: trainingSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial().strict();

export const DEFAULT_SETTINGS: Settings = {
  backgroundSync: true,
  syncIntervalMinutes: SYNC_INTERVAL_MINUTES.default,
  syncAtLaunch: true,
  launchAtLogin: false,
  notifications: true,
  closeToTray: true,
  units: 'metric',
  theme: 'system',
  fetchTracks: true,
  athleteScope: null,
  showMaps: false,
  tileServer: OSM_TILE_SERVER,
  training: DEFAULT_TRAINING_SETTINGS,
};

// ---- sync ----

export type SyncProgressView = z.infer<typeof syncProgressSchema>;

export const syncModeSchema = z.enum(['quick', 'full']);

export const syncSummarySchema = z.object({
  trigger: syncTriggerSchema,
  startedAt: epochMs,
  endedAt: epochMs,
  results: z.array(athleteSyncResultSchema),
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;

export const syncRequestSchema = z
  .object({
    mode: syncModeSchema.default('quick'),
    athleteId: athleteId.optional(),
  })
  .strict();

/** Something the person must act on, with the one action that fixes it. */
export const attentionSchema = z.object({
  code: z.enum([
    'needs-login',
    'scope-missing',
    'app-inactive',
    'credentials-missing',
    'unreachable',
    'failed',
    'private-not-granted',
  ]),
  /** The athletes it concerns (one line for the same problem of several), named in the message; none for the application's. */
  athletes: z.array(z.object({ athleteId, name: z.string() })),
  message: z.string(),
  action: z.enum(['connect', 'credentials', 'strava-settings', 'sync', 'none']),
});
export type Attention = z.infer<typeof attentionSchema>;

/** 'paused': background sync is off (the setting, or the tray's checkbox); a sync the person asks for still runs. */
export const trayStateSchema = z.enum(['idle', 'syncing', 'attention', 'limited', 'paused']);
export type TrayState = z.infer<typeof trayStateSchema>;

/** What is left to sync for one athlete: the window says "Up to date" only while no athlete has any. */
export const workLeftSchema = z.object({
  athleteId,
  name: z.string(),
  /** An unfinished full scan: the next page, and about how many in all (null: unknown, a first sync). */
  fullScan: z.object({ page: count, ofAbout: count.nullable() }).nullable(),
  /** The full scan is due and has not begun. */
  scanDue: z.boolean(),
  /** The last sync stopped at the rate limit before this athlete's list was current. */
  stoppedAtLimit: z.boolean(),
  detailsLeft: count,
  /** Activities whose track is still to fetch (0 while the Fetch tracks setting is off). */
  tracksLeft: count,
  /** Activities Strava no longer lists that it has not yet been asked about (deleted there, or not). */
  deletionsToConfirm: count,
  /** When the next sync that serves it runs (the reset's resume, else the next background turn); null: only Sync now. */
  continuesAt: epochMs.nullable(),
});
export type WorkLeftView = z.infer<typeof workLeftSchema>;

export const syncStateSchema = z.object({
  state: trayStateSchema,
  running: z
    .object({
      trigger: syncTriggerSchema,
      mode: syncModeSchema,
      athleteId: athleteId.nullable(),
      startedAt: epochMs,
      progress: syncProgressSchema.nullable(),
    })
    .nullable(),
  last: syncSummarySchema.nullable(),
  /** Whether any athlete is connected: with nobody, there is nothing to sync, and the window and the tray say so. */
  connected: z.boolean(),
  attention: z.array(attentionSchema),
  backgroundSync: z.object({ enabled: z.boolean(), nextAt: epochMs.nullable() }),
  /** When a rate limit lets syncing go on, epoch ms on this computer's clock; null when nothing is blocked. */
  limitedUntil: epochMs.nullable(),
  /** When main will sync at a rate limit's reset because work is held back by it; null when it will not. */
  resumeAt: epochMs.nullable(),
  /** What is left, athlete by athlete (empty: every athlete is up to date). */
  left: z.array(workLeftSchema),
  /**
   * A Connect in flight, whichever view started it: 'browser' while Strava's page is open in the browser (it can be
   * cancelled), 'storing' once Strava answered and the login is being stored; null when none. One at a time.
   */
  connecting: z.enum(['browser', 'storing']).nullable(),
});
export type SyncStateView = z.infer<typeof syncStateSchema>;

// ---- rate limits ----

export const limitsSchema = rateLimitStatusSchema.extend({
  /** Reads that background syncs leave for the person in each window. */
  reserve: z.object({ read15min: count, readDay: count }),
});
export type LimitsView = z.infer<typeof limitsSchema>;

// ---- activities ----

/** What the window shows, which counts as seen: one athlete (the window's athlete scope), or every athlete when left out. */
export const seenScopeSchema = z.object({ athleteId: athleteId.optional() }).strict();

export const activityRowSchema = z.object({
  id: activityIdSchema,
  athleteId,
  name: z.string(),
  sportType: z.string(),
  startDate: z.string(),
  startDateLocal: z.string().nullable(),
  /** Strava's zone of the activity ("(GMT+12:00) Pacific/Auckland"): the table's times are each activity's own. */
  timezone: z.string().max(200).nullable(),
  distance: z.number().nullable(),
  movingTime: z.number().nullable(),
  elevationGain: z.number().nullable(),
  averageSpeed: z.number().nullable(),
  averageHeartrate: z.number().nullable(),
  private: z.boolean(),
  hasDetail: z.boolean(),
});

export const activityPageSchema = z.object({
  total: count,
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  items: z.array(activityRowSchema.extend({ isNew: z.boolean() })),
  /** Every match added up, not only this page: distance and elevation in metres, moving time in seconds. */
  sums: z.object({ distance: z.number(), movingTime: z.number(), elevationGain: z.number() }),
  /** How many matches are new (above `newSince`). */
  newCount: count,
  sportTypes: z.array(z.string()),
});

export const activityRefSchema = z.object({ athleteId, id: activityIdSchema }).strict();

const lapSchema = z.object({
  name: z.string().nullable(),
  distance: z.number().nullable(),
  movingTime: z.number().nullable(),
  elapsedTime: z.number().nullable(),
  averageSpeed: z.number().nullable(),
  averageHeartrate: z.number().nullable(),
  elevationGain: z.number().nullable(),
});

/** One of Strava's best efforts of a run (its fastest 400 m, 1k, mile, 5k, ...): the distance's name, metres and seconds. */
const bestEffortSchema = z.object({
  name: z.string().nullable(),
  distance: z.number(),
  elapsedTime: z.number(),
});

export const activityViewSchema = z.object({
  row: activityRowSchema,
  elapsedTime: z.number().nullable(),
  timezone: z.string().nullable(),
  /** The route, encoded (Google's polyline format); the window decodes it. */
  summaryPolyline: z.string().nullable(),
  stravaUrl: z.url(),
  detailState: z.enum(['fetched', 'waiting', 'unavailable']),
  detail: z
    .object({
      description: z.string().nullable(),
      calories: z.number().nullable(),
      gear: z.string().nullable(),
      polyline: z.string().nullable(),
      laps: z.array(lapSchema),
      /** Strava's splits by the kilometre (splits_metric)... */
      splits: z.array(lapSchema),
      /** ...and by the mile (splits_standard), which imperial units show. */
      splitsStandard: z.array(lapSchema),
      /** The device that recorded it, as Strava names it ("Garmin Forerunner 965"). */
      device: z.string().nullable(),
      /** Strava's best efforts (runs alone have them), in its order: shortest distance first. */
      bestEfforts: z.array(bestEffortSchema),
    })
    .nullable(),
});
export type ActivityView = z.infer<typeof activityViewSchema>;

// ---- the archive: import and export ----

export const importRequestSchema = z.object({ athleteId: athleteId.optional() }).strict();
export const importProgressSchema = z.object({
  phase: z.enum(['waiting', 'reading', 'joining', 'tracks', 'done']),
  done: count,
  total: count.nullable(),
});
const listed = <T extends z.ZodType>(item: T) => z.array(item).max(100);
export const importSummarySchema = z.object({
  athleteId,
  exportedAt: z.string(),
  rowsRead: count,
  matched: count,
  detailsFilled: count,
  detailsKept: count,
  detailsSkippedEdited: count.optional(),
  archiveOnlyAdded: count,
  archiveOnlyUpdated: count,
  archiveOnlyKept: count,
  tracksStored: count,
  tracksKept: count,
  filesWithoutPoints: count,
  filesUnreadable: count,
  /** The file's name inside the archive (activities/123.fit.gz), never a path on this computer. */
  unreadableFiles: listed(z.object({ activityId: z.number().int(), file: z.string(), reason: z.string() })),
  unknownColumns: listed(z.string()),
  /** All the unknown columns; unknownColumns names the first few. */
  unknownColumnCount: count.optional(),
  skippedRows: count,
  /** Rows of activities.csv left out, by their line number, and why. */
  skipped: listed(z.object({ row: z.number().int(), reason: z.string() })),
  fullScanDue: z.boolean(),
  /** Archive-only activities kept that Strava cannot be asked about without access to private activities. */
  privateUnconfirmable: count.optional(),
  /** Whether Splits may see private activities: unknown after a login with a refresh token. */
  privateAccess: privateAccessSchema.optional(),
  cancelled: z.boolean(),
});
export type ImportSummaryView = z.infer<typeof importSummarySchema>;

export const exportFormatSchema = z.enum(['csv', 'gpx', 'geojson']);
export const exportRequestSchema = z
  .object({
    format: exportFormatSchema,
    /** One activity, or the table as filtered (its page and size are ignored: every matching activity goes). */
    select: z.union([
      z.object({ activity: activityRefSchema }).strict(),
      z.object({ query: activityQuerySchema }).strict(),
    ]),
  })
  .strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;
export const exportResultSchema = z.object({
  format: exportFormatSchema,
  /** The chosen folder's own name (the window never sees a path); "Show the files" opens it. */
  folderName: z.string(),
  files: count,
  selected: count,
  exported: count,
  fromTrack: count,
  fromPolyline: count,
  /** Activities with no route, which got no GPX or GeoJSON file. */
  skipped: count,
  skippedNames: listed(z.string()),
  warnings: listed(z.string()),
});
export type ExportResultView = z.infer<typeof exportResultSchema>;

export const totalsQuerySchema = z
  .object({ athleteId: athleteId.optional(), year: z.number().int().min(1900).max(9999).optional() })
  .strict();
const bucket = { sport: z.string(), distance: z.number().min(0), movingTime: z.number().min(0), count };
export const totalsSchema = z.object({
  weeks: z.array(z.object({ start: z.string(), ...bucket })),
  months: z.array(z.object({ month: z.string(), ...bucket })),
  days: z.array(
    z.object({
      date: z.string(),
      distance: z.number().min(0),
      movingTime: z.number().min(0),
      count,
      sports: z.array(z.string()),
    }),
  ),
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
});
export type TotalsView = z.infer<typeof totalsSchema>;

// ---- accounts and credentials ----

export const accountViewSchema = z.object({
  athleteId,
  name: z.string(),
  state: z.enum(['connected', 'needs-login']),
  stateMessage: z.string().nullable(),
  /** Whether "Only Me" activities are granted (activity:read_all); null when unknown (a login with a refresh token). */
  privateActivities: z.boolean().nullable(),
  activityCount: count,
  connectedAt: epochMs,
  lastSyncAt: epochMs.nullable(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const vaultKindSchema = z.enum(['keychain', 'file']);

/** An athlete disconnected whose activities were kept: still browsable, by name (null: kept before names were). */
export const keptAthleteSchema = z.object({ athleteId, name: z.string().nullable(), activityCount: count });
export type KeptAthleteView = z.infer<typeof keptAthleteSchema>;

export const accountsSchema = z.object({
  accounts: z.array(accountViewSchema),
  kept: z.array(keptAthleteSchema),
  /** Which vault holds the tokens and the client secret. */
  vault: vaultKindSchema,
});

export const disconnectSchema = z.object({ athleteId, deleteData: z.boolean() }).strict();

export const credentialsViewSchema = z.object({
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  /** The environment's STRAVA_CLIENT_ID/SECRET win over the vault's. */
  source: z.enum(['env', 'vault']).nullable(),
  vault: vaultKindSchema,
});

export const credentialsCheckSchema = z.object({
  verdict: z.enum(['known', 'unknown-client', 'wrong-secret', 'inactive', 'unchecked']),
  message: z.string(),
});
export type CredentialsCheck = z.infer<typeof credentialsCheckSchema>;

// ---- history ----

export const historyQuerySchema = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    /** One athlete's runs (the window's athlete scope); every athlete's when left out. */
    athleteId: athleteId.optional(),
  })
  .strict();
