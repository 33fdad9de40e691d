// `npm run bench`: speed and memory of the engine and the store at the scale of a long Strava history.
// Measured here, never asserted in tests: these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtemp, open as openFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../main/config';
import { silentLogger } from '../../main/log';
import { createServices } from '../../main/services';
import { SplitsStore } from '../../main/store/splits-store';
import { TokenFile } from '../../main/store/token-file';
import { StravaSimulator } from '../strava-sim';
import { FakeClock } from '../support/fake-clock';

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 20_000);
const rows: Array<[string, string]> = [];
const record = (what: string, value: string) => {
  rows.push([what, value]);
  process.stderr.write(`  ${what}: ${value}\n`);
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Size of every file under dir, by path, with its mtime: what a step rewrote is what changed. */
async function snapshot(dir: string): Promise<Map<string, { size: number; mtime: number }>> {
  const out = new Map<string, { size: number; mtime: number }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const s = await stat(path);
    out.set(path, { size: s.size, mtime: s.mtimeMs });
  }
  return out;
}

function rewritten(before: Map<string, { size: number; mtime: number }>, after: Map<string, { size: number; mtime: number }>) {
  let files = 0;
  let bytes = 0;
  for (const [path, s] of after) {
    const b = before.get(path);
    if (!b || b.mtime !== s.mtime) {
      files++;
      bytes += s.size;
    }
  }
  return `${files} files, ${mb(bytes)}`;
}

// Every byte the store writes goes through FileHandle.writeFile (atomic writes): count them, here only.
let bytesWritten = 0;
let filesWritten = 0;
{
  const probe = await openFile(process.execPath, 'r');
  const proto = Object.getPrototypeOf(probe) as { writeFile: (data: string | Uint8Array, ...rest: unknown[]) => Promise<void> };
  await probe.close();
  const original = proto.writeFile;
  proto.writeFile = function (this: unknown, data: string | Uint8Array, ...rest: unknown[]) {
    bytesWritten += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    filesWritten++;
    return original.call(this, data, ...rest);
  };
}
const writes = () => {
  const line = `${filesWritten} file writes, ${mb(bytesWritten)} in all`;
  bytesWritten = 0;
  filesWritten = 0;
  return line;
};

const clock = new FakeClock();
const sim = await new StravaSimulator({ clock, limits: { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 } }).start();
const dataDir = await mkdtemp(join(tmpdir(), 'splits-bench-'));
try {
  sim.seedActivities(1001, ACTIVITIES);
  const env = { SPLITS_DATA_DIR: dataDir, STRAVA_API_URL: sim.apiUrl, STRAVA_OAUTH_URL: sim.oauthUrl, STRAVA_CLIENT_ID: sim.clientId, STRAVA_CLIENT_SECRET: sim.clientSecret };
  const open = () => createServices({ config: loadConfig(env), clock, logger: silentLogger, vault: (store) => TokenFile.open(dataDir, (p) => store.problems.push(p)) });
  const splits = await open();
  const t = sim.grantTokens(1001);
  await splits.vault.set(1001, { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: t.expires_at });
  await splits.store.accounts.save({ athleteId: 1001, name: 'Bench', scope: 'read,activity:read_all', state: 'connected', stateMessage: null, connectedAt: clock.now() });

  process.stderr.write(`Splits benchmark: ${ACTIVITIES} activities, Node ${process.version}\n`);
  let before = await snapshot(dataDir);
  let start = process.hrtime.bigint();
  const first = await splits.engine.sync({ trigger: 'cli', details: false });
  record('first full sync (summaries)', `${ms(start).toFixed(0)} ms, ${first.results[0]!.requests} requests`);
  let after = await snapshot(dataDir);
  record('  written by it', `${writes()}; ${rewritten(before, after)} changed on disk`);
  record('  heap after it', mb(process.memoryUsage().heapUsed));
  record('  rss after it', mb(process.memoryUsage().rss));

  clock.set(clock.now() + 3600_000);
  before = after;
  start = process.hrtime.bigint();
  const quiet = await splits.engine.sync({ trigger: 'cli', details: false });
  record('incremental sync, nothing new', `${ms(start).toFixed(0)} ms, ${quiet.results[0]!.requests} requests`);
  after = await snapshot(dataDir);
  record('  written by it', `${writes()}; ${rewritten(before, after)} changed on disk`);

  sim.addActivity(1001, { name: 'One more' });
  clock.set(clock.now() + 3600_000);
  before = after;
  start = process.hrtime.bigint();
  await splits.engine.sync({ trigger: 'cli', details: false });
  record('incremental sync, one new', `${ms(start).toFixed(0)} ms`);
  after = await snapshot(dataDir);
  record('  written by it', `${writes()}; ${rewritten(before, after)} changed on disk`);

  start = process.hrtime.bigint();
  const detailed = await splits.engine.sync({ trigger: 'manual', details: true });
  record('detail backfill, 2,000 activities', `${ms(start).toFixed(0)} ms, ${detailed.results[0]!.detailsFetched} details`);
  record('  written by it', writes());

  start = process.hrtime.bigint();
  const reopened = await SplitsStore.open(dataDir);
  const loaded = await reopened.activities(1001);
  record('open the store and load every activity', `${ms(start).toFixed(0)} ms (${loaded.count} activities)`);

  const queries: Array<[string, Parameters<typeof reopened.query>[0]]> = [
    ['query: newest page of 50', { page: 1, pageSize: 50 }],
    ['query: rides by distance', { sportTypes: ['Ride'], sort: 'distance', pageSize: 50 }],
    ['query: search "run" in 2024', { search: 'run', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 11, 31), pageSize: 50 }],
  ];
  for (const [name, query] of queries) {
    start = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) await reopened.query(query);
    record(name, `${(ms(start) / 20).toFixed(1)} ms each`);
  }

  const bin = fileURLToPath(new URL('../../bin/splits.js', import.meta.url));
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'status', '--json'], { env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    cold.push(ms(s));
  }
  record('CLI `status --json`, cold start', `${(cold.reduce((a, b) => a + b) / cold.length).toFixed(0)} ms (mean of 5)`);
} finally {
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
}

process.stdout.write(`\n| measure | result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);
