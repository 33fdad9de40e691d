import { StravaError } from '../strava/errors';
import type { SummaryActivity } from '../strava/schemas';
import type { CliIo, CliServices } from './cli-context';
import { activityLine, isoSeconds } from './format';

export async function statusCommand(services: CliServices, io: CliIo, json: boolean): Promise<number> {
  const { store, limiter } = services;
  const accounts = await Promise.all(
    store.accounts.list().map(async (a) => ({
      athleteId: a.athleteId,
      name: a.name,
      state: a.state,
      ...(a.stateMessage ? { stateMessage: a.stateMessage } : {}),
      lastSyncAt: store.syncState.get(a.athleteId).lastSyncAt,
      // Kept by every sync: loading 20,000 activities to count them made `status` slow.
      activityCount: store.syncState.get(a.athleteId).activityCount ?? (await store.activities(a.athleteId)).count,
    })),
  );
  const credentials = await services.credentials();
  const status = {
    rateLimit: limiter.status(),
    accounts,
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
    accounts.length === 0 ? 'No Strava account is connected: run `splits login`.' : 'Athletes:',
    ...accounts.map(
      (a) =>
        `  ${a.athleteId}  ${a.name}  ${a.state === 'connected' ? 'connected' : `NEEDS LOGIN: ${a.stateMessage ?? ''}`}  ` +
        `${a.activityCount} activities, last sync ${a.lastSyncAt ? isoSeconds(a.lastSyncAt) : 'never'}`,
    ),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

const secretsLine = (s: { vault: 'keychain' | 'file'; path: string | null }) =>
  s.vault === 'keychain' ? 'the system keychain' : `a private file (0600) at ${s.path ?? '?'}`;

export async function activitiesCommand(services: CliServices, io: CliIo, args: { athleteId: number | undefined; json: boolean }): Promise<number> {
  const { store } = services;
  const ids = args.athleteId !== undefined ? [args.athleteId] : store.accounts.list().map((a) => a.athleteId);
  if (args.athleteId !== undefined && !store.accounts.get(args.athleteId)) throw new StravaError('needs-login', `Athlete ${args.athleteId} is not connected.`);
  const rows: SummaryActivity[] = [];
  for (const id of ids) rows.push(...(await store.activities(id)).all());
  rows.sort((a, b) => (a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : b.id - a.id));
  if (args.json) io.out(`${JSON.stringify(rows)}\n`);
  else io.out(rows.length === 0 ? 'No activities stored yet: run `splits sync`.\n' : `${rows.map(activityLine).join('\n')}\n`);
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
    io.out(`${isoSeconds(r.startedAt)}  ${r.trigger.padEnd(10)} ${r.mode.padEnd(11)} athlete ${r.athleteId}  ${r.outcome}: ${counts}${r.error ? ` (${r.error.message})` : ''}\n`);
  }
  return 0;
}
