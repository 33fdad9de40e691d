// The store-files probe, shared by the short run in `npm test` (input-store-files.test.ts) and the long one
// (test/soak/input-store-files.soak.ts): one data folder as a real sync left it, mid full scan (so every kind of file
// is there), then, run after run, one of its files damaged in a copy of the folder, the copy opened and synced.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { loadConfig } from '../../../main/config';
import { silentLogger } from '../../../main/log';
import { createServices, type SplitsServices } from '../../../main/services';
import { openVault } from '../../../main/vault/open-vault';
import { NoKeychain } from '../../support/no-keychain';
import { storedSummaries, type World } from '../../support/splits';

/** Every kind of file the store keeps, by its path in the data folder (years filled in from the folder itself). */
export type FileKind =
  'accounts' | 'sync-state' | 'limiter' | 'history' | 'vault-choice' | 'tokens' | 'year' | 'details' | 'scan-log';

export type Damage =
  | { kind: 'truncated'; at: number }
  | { kind: 'random-bytes'; bytes: Uint8Array }
  | { kind: 'wrong-types'; pick: number; value: unknown }
  | { kind: 'other-json'; value: unknown }
  | { kind: 'older-schema'; version: unknown };

export const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('random-bytes' as const), bytes: fc.uint8Array({ maxLength: 400 }) }),
  fc.record({ kind: fc.constant('wrong-types' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('other-json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({
    kind: fc.constant('older-schema' as const),
    version: fc.constantFrom(0, -1, 0.5, '1', null, undefined, 1e9),
  }),
);

export const FILE_KINDS: readonly FileKind[] = [
  'accounts',
  'sync-state',
  'limiter',
  'history',
  'vault-choice',
  'tokens',
  'year',
  'details',
  'scan-log',
];
export const kindArb = fc.constantFrom<FileKind>(...FILE_KINDS);

/** Every node of a parsed JSON value, by path, so that a damage can replace any one of them. */
function nodes(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const here = [path];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => nodes(v, [...path, i])));
  if (value && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => nodes(v, [...path, k])));
  return here;
}

function replaceAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = replaceAt(copy[path[0]!], path.slice(1), value);
  return copy;
}

/** The damaged bytes of a file. */
export function damaged(original: Buffer, damage: Damage): Buffer {
  switch (damage.kind) {
    case 'truncated':
      return original.subarray(0, damage.at % Math.max(1, original.length));
    case 'random-bytes':
      return Buffer.from(damage.bytes);
    case 'other-json':
      return Buffer.from(JSON.stringify(damage.value) ?? 'null');
    case 'wrong-types': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(original.toString('utf8'));
      } catch {
        return Buffer.from(JSON.stringify(damage.value)); // the scan log is not JSON: a JSON value in its place
      }
      const all = nodes(parsed);
      return Buffer.from(JSON.stringify(replaceAt(parsed, all[damage.pick % all.length]!, damage.value)));
    }
    case 'older-schema': {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
      } catch {
        return Buffer.from(`${String(damage.version)}\n`);
      }
      return Buffer.from(JSON.stringify({ ...parsed, version: damage.version }));
    }
  }
}

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder (relative path → content hash). */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out.set(name, hash(await readFile(path)));
  }
  return out;
}

export interface GoodFolder {
  dir: string;
  files: Record<FileKind, string>;
  /** Each file kind's relative path → its good bytes. */
  bytes: Map<string, Buffer>;
}

/** Services on a data folder as the CLI opens them where no keychain answers: the vault choice, then the file. */
export function openOn(w: World, dataDir: string): Promise<SplitsServices> {
  return createServices({
    config: loadConfig({ ...w.env, SPLITS_DATA_DIR: dataDir, SPLITS_VAULT: '' }),
    clock: w.clock,
    logger: silentLogger,
    vault: (store) =>
      openVault({
        dataDir,
        forced: null,
        plainTextConsent: 'implicit',
        keychain: new NoKeychain(),
        report: (p) => store.problems.push(p),
        warn: () => undefined,
      }),
    timeoutMs: 2000,
    random: () => 0.5,
    sync: { betweenAthletesMs: 0 },
  });
}

/**
 * A data folder with every kind of file: a complete sync with details, then a full scan stopped after its first page
 * (its cursor in sync-state.json, the ids it listed in scan/1001.seen).
 */
export async function goodFolder(w: World): Promise<GoodFolder> {
  w.sim.seedActivities(1001, 450, { listHiddenShare: 0 });
  const first = await openOn(w, w.dataDir);
  await w.connect(first, 1001);
  // No tracks: they are not a kind of file probed here, and 450 track files copied and hashed twice a run were most
  // of the run's time.
  await first.engine.sync({ trigger: 'cli', tracks: false });
  w.clock.set(w.clock.now() + 25 * 3600_000);
  // Three pages into a scan: a damaged log must not let the resumed scan take those pages' activities for deletions.
  await first.engine.sync({ trigger: 'cli', full: true, perPage: 100, maxPages: 3, details: false, tracks: false });
  const names = await readdir(join(w.dataDir, 'activities', '1001'));
  const year = names.find((n) => /^\d{4}\.json$/.test(n))!;
  const details = names.find((n) => /^\d{4}\.details\.json$/.test(n))!;
  const files: Record<FileKind, string> = {
    accounts: 'accounts.json',
    'sync-state': 'sync-state.json',
    limiter: 'rate-limit.json',
    history: 'history.json',
    'vault-choice': 'vault.json',
    tokens: 'cli-tokens.json',
    year: join('activities', '1001', year),
    details: join('activities', '1001', details),
    'scan-log': join('scan', '1001.seen'),
  };
  const bytes = new Map<string, Buffer>();
  for (const path of Object.values(files)) bytes.set(path, await readFile(join(w.dataDir, path)));
  return { dir: w.dataDir, files, bytes };
}

/**
 * One run: the good folder copied, one file damaged, the copy opened (every document and the athlete's activities
 * loaded, the window's queries asked), then synced. What must hold: nothing throws; the damaged file either loads
 * or is set aside byte for byte with a message naming it; every other file is untouched by the opening; and the sync
 * brings back from Strava whatever it can (everything but the accounts and the tokens, which only a login restores).
 */
export async function probeOnce(
  w: World,
  good: GoodFolder,
  kind: FileKind,
  damage: Damage,
): Promise<{ setAside: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'splits-damaged-'));
  try {
    await cp(good.dir, dir, { recursive: true });
    const target = good.files[kind];
    const bad = damaged(good.bytes.get(target)!, damage);
    await writeFile(join(dir, target), bad);
    const before = await snapshot(dir);

    const splits = await openOn(w, dir);
    await splits.store.activities(1001);
    const what = `${kind} ${JSON.stringify(damage, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))}`;
    // The window's reads work over whatever loaded.
    for (const sort of ['start_date', 'distance', 'moving_time', 'elevation', 'name'] as const) {
      const page = await splits.store.query({ sort, search: 'a', pageSize: 500 });
      expect(page.items.length, what).toBeLessThanOrEqual(page.total);
    }
    await splits.store.totals();
    splits.limiter.status();
    splits.store.history.recent();

    const problems = splits.store.problems.filter((p) => p.file === join(dir, target));
    const after = await snapshot(dir);
    if (problems.length > 0) {
      expect(problems, what).toHaveLength(1);
      expect(problems[0]!.reason.length, what).toBeGreaterThan(0);
      expect(await readFile(problems[0]!.movedTo), what).toEqual(bad);
    }
    // No other file changed by opening: no good file was lost with the bad one. (The vault's choice is written again
    // when its file was set aside; a lost year is recorded in sync-state.json as a full scan owed.)
    for (const [name, h] of before) {
      if (name === target || name.includes('.corrupt-')) continue;
      if (kind === 'vault-choice' && name === 'vault.json') continue;
      if ((kind === 'year' || kind === 'details') && name === 'sync-state.json' && problems.length > 0) continue;
      expect(after.get(name), `${what}: ${name}`).toBe(h);
    }

    // The next sync brings back what Strava has: the scan the folder holds is resumed (or started again, when what it
    // needed was lost). The clock stays put: a refresh would rotate the token the good folder keeps for the next run.
    const report = await splits.engine.sync({ trigger: 'cli', tracks: false });
    const accounts = splits.store.accounts.list();
    if (kind === 'accounts' && accounts.length === 0) {
      expect(report.results, what).toEqual([]);
    } else if (kind === 'tokens' && report.results[0]?.status === 'needs-login') {
      expect(report.results[0]!.error?.message, what).toMatch(/log in/i);
    } else {
      expect(report.results[0], `${what}: ${JSON.stringify(report.results[0]?.error)}`).toMatchObject({ status: 'ok' });
      expect(await storedSummaries(splits, 1001), what).toEqual(w.sim.listableSummaries(1001));
    }
    // Activities are never lost to a damaged document that is not theirs.
    if (kind !== 'year')
      expect((await splits.store.activities(1001)).count, what).toBe(w.sim.listableSummaries(1001).length);
    return { setAside: problems.length > 0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
