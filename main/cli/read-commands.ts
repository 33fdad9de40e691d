import type { SyncRun } from '../../common/sync-run';
import { StravaError } from '../strava/errors';
import { outcomeWords, withLogin } from '../sync/sync-result-line';
import type { SummaryActivity } from '../strava/schemas';
import type { CliIo, CliServices } from './cli-context';
import { activityLine, isoSeconds } from './format';
import { storedAthletes } from '../store/stored-athletes';

export async function statusCommand(services: CliServices, io: CliIo, json: boolean): Promise<number> {
  const { store, limiter } = services;
  const connected = store.accounts.list();
  const count = async (athleteId: number) =>
    // Kept by every sync: loading 20,000 activities to count them made `status` slow.
    store.syncState.get(athleteId).activityCount ?? (await store.activities(athleteId)).count;
  const accounts = await Promise.all(
    connected.map(async (a) => {
      // The account may say connected while the vault lost its tokens (a vault file set aside, a keychain reset):
      // nothing can sync until the athlete logs in again, so that is the state shown.
      const noTokens = a.state === 'connected' && (await services.vault.get(a.athleteId)) === null;
      const state = noTokens ? ('needs-login' as const) : a.state;
      const stateMessage = noTokens
        ? `Splits has no tokens for this athlete any more: log in again with \`${io.self} login\`.`
        : a.stateMessage;
      const lastSyncAt = store.syncState.get(a.athleteId).lastSyncAt;
      return {
        athleteId: a.athleteId,
        name: a.name,
        state,
        ...(stateMessage ? { stateMessage } : {}),
        lastSyncAt,
        activityCount: await count(a.athleteId),
        ...unfinishedRun(store.history.recent(1, a.athleteId)[0], lastSyncAt),
      };
    }),
  );
  // Logged out, activities kept: readable until `forget`.
  const stored = (await storedAthletes(store.dataDir)).filter((id) => !connected.some((a) => a.athleteId === id));
  const loggedOut = await Promise.all(
    stored.map(async (athleteId) => ({
      athleteId,
      state: 'logged-out' as const,
      activityCount: await count(athleteId),
    })),
  );
  const credentials = await services.credentials();
  const status = {
    rateLimit: limiter.status(),
    accounts,
    ...(loggedOut.length > 0 ? { loggedOut } : {}),
    dataDir: store.dataDir,
    // Which vault holds the tokens and the client secret (never the secrets themselves).
    secrets: { vault: services.vault.kind, path: services.vault.location },
    clientCredentials: credentials && { clientId: credentials.clientId, source: credentials.source },
  };
  if (json) {
    io.out(`${JSON.stringify(status)}\n`);
    return 0;
  }
  const { overall, read } = status.rateLimit;
  const lines = [
    `Data folder: ${status.dataDir}`,
    `Secrets: ${secretsLine(status.secrets)}`,
    `Strava application: ${credentials ? `client ${credentials.clientId}, from ${credentials.source === 'env' ? 'the environment' : 'the vault'}` : 'not set (set STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET, or enter them in the Splits app)'}`,
    `Rate limit, reads: ${read.requests15min}/${read.limit15min} this 15 minutes (resets in ${read.reset15minSeconds} s), ${read.requestsDay}/${read.limitDay} today`,
    `Rate limit, all:   ${overall.requests15min}/${overall.limit15min} this 15 minutes, ${overall.requestsDay}/${overall.limitDay} today`,
    accounts.length === 0 ? `No Strava account is connected: run \`${io.self} login\`.` : 'Athletes:',
    ...accounts.map(
      (a) =>
        `  ${a.athleteId}  ${a.name}  ${a.state === 'connected' ? 'connected' : `${outcomeWords('needs-login')}: ${withLogin(a.stateMessage ?? '', `${io.self} login`)}`}  ` +
        `${a.activityCount} activities, ${lastSyncWords(a)}`,
    ),
    ...(loggedOut.length > 0 ? ['Logged out, activities kept on this computer:'] : []),
    ...loggedOut.map(
      (a) =>
        `  ${a.athleteId}  ${a.activityCount} activities (\`${io.self} activities --athlete ${a.athleteId}\` shows them, \`${io.self} forget ${a.athleteId}\` deletes them)`,
    ),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

/** The athlete's latest run when it ended without completing after the last sync that did (stopped, or failed). */
function unfinishedRun(run: SyncRun | undefined, lastSyncAt: number | null): { lastRun?: SyncRun } {
  return run && run.outcome !== 'ok' && run.endedAt > (lastSyncAt ?? 0) ? { lastRun: run } : {};
}

/**
 * When the athlete last synced, and what a later sync that did not complete kept: a sync stopped by Ctrl-C keeps what
 * it received, so "never" alone would hide activities that are there.
 */
function lastSyncWords(a: { lastSyncAt: number | null; lastRun?: SyncRun }): string {
  const last = `last sync ${a.lastSyncAt ? isoSeconds(a.lastSyncAt) : 'never completed'}`;
  const run = a.lastRun;
  if (!run) return last;
  const kept = `${run.syncedCount} received, ${run.newCount} new, kept`;
  return `${last}; the sync at ${isoSeconds(run.endedAt)} ${outcomeWords(run.outcome)} (${kept})`;
}

const secretsLine = (s: { vault: 'keychain' | 'file'; path: string | null }) =>
  s.vault === 'keychain' ? 'the system keychain' : `a private file (0600) at ${s.path ?? '?'}`;

/**
 * The athletes a command reading the store shows: the one asked for, or all. Connected athletes and those logged out
 * whose activities were kept: stored data stays readable.
 */
export async function athletesShown(
  services: CliServices,
  io: CliIo,
  athleteId: number | undefined,
): Promise<number[]> {
  const { store } = services;
  const known = [
    ...new Set([...store.accounts.list().map((a) => a.athleteId), ...(await storedAthletes(store.dataDir))]),
  ];
  if (athleteId !== undefined && !known.includes(athleteId)) {
    throw new StravaError(
      'needs-login',
      `Athlete ${athleteId} is not connected and has no activities stored here. Run \`${io.self} login\` to connect them.`,
    );
  }
  return athleteId !== undefined ? [athleteId] : known;
}

export async function activitiesCommand(
  services: CliServices,
  io: CliIo,
  args: { athleteId: number | undefined; json: boolean },
): Promise<number> {
  const { store } = services;
  const ids = await athletesShown(services, io, args.athleteId);
  const rows: SummaryActivity[] = [];
  for (const id of ids) rows.push(...(await store.activities(id)).all());
  rows.sort((a, b) => (a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : b.id - a.id));
  if (args.json) io.out(`${JSON.stringify(rows)}\n`);
  else
    io.out(
      rows.length === 0
        ? `No activities stored yet: run \`${io.self} sync\`.\n`
        : `${rows.map(activityLine).join('\n')}\n`,
    );
  return 0;
}

export async function historyCommand(services: CliServices, io: CliIo, json: boolean): Promise<number> {
  const runs = services.store.history.recent(json ? 1000 : 30);
  if (json) {
    io.out(`${JSON.stringify(runs)}\n`);
    return 0;
  }
  if (runs.length === 0) io.out('No sync has run yet.\n');
  for (const r of runs) {
    const counts = `${r.newCount} new, ${r.updatedCount} updated, ${r.deletedCount} deleted, ${r.detailsFetched} details, ${r.requests} requests`;
    const why = r.error
      ? ` (${r.outcome === 'needs-login' ? withLogin(r.error.message, `${io.self} login`) : r.error.message})`
      : '';
    io.out(
      `${isoSeconds(r.startedAt)}  ${r.trigger.padEnd(10)} ${r.mode.padEnd(11)} athlete ${r.athleteId}  ${outcomeWords(r.outcome)}: ${counts}${why}\n`,
    );
  }
  return 0;
}
