import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/config';
import { silentLogger } from '../../../main/log';
import { createServices } from '../../../main/services';
import { TokenFile } from '../../../main/vault/token-file';
import { storedSummaries, useWorld, type World } from '../../support/splits';

describe('lists Splits cannot take at their word', () => {
  const world = useWorld();

  it('sets aside the records it cannot store, keeps the good ones on the same page, and is not blocked by them later', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const [asString, tooBigId, noStart, numberName, hugeName] = [
      seeded[5]!,
      seeded[6]!,
      seeded[7]!,
      seeded[8]!,
      seeded[250]!,
    ];
    w.sim.editActivity(asString.id, { corrupt: { id: String(asString.id) } });
    w.sim.editActivity(tooBigId.id, { corrupt: { id: 2 ** 53 + 2 } });
    w.sim.editActivity(noStart.id, { corrupt: { start_date: undefined } });
    w.sim.editActivity(numberName.id, { corrupt: { name: 42 } });
    w.sim.editActivity(hugeName.id, { corrupt: { name: 'x'.repeat(3_000_000) } });
    const splits = await w.openConnected();

    const first = await splits.engine.sync({ trigger: 'cli', details: false, tracks: false });
    expect(first.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, newCount: 295 });
    const warnings = first.results[0]!.warnings.join('\n');
    for (const id of [noStart.id, numberName.id, hugeName.id]) expect(warnings).toContain(`activity ${id}`);
    expect(warnings).toMatch(/without a usable id/);
    expect(warnings).toMatch(/start_date/);
    expect(warnings).toMatch(/name: 3000000 characters/);
    const stored = await splits.store.activities(1001);
    expect(stored.get(seeded[4]!.id)).toBeDefined();
    expect(stored.get(noStart.id)).toBeUndefined();

    // The next syncs go past the same page; a stored activity whose record turns bad is not taken for deleted.
    w.sim.editActivity(seeded[100]!.id, { corrupt: { name: null } });
    const again = await splits.engine.sync({ trigger: 'cli', full: true, details: false, tracks: false });
    expect(again.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 0 });
    expect(stored.get(seeded[100]!.id)).toBeDefined();
  });

  it('a start date in the year 9999 does not push the quick pass past every new upload', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 50, { listHiddenShare: 0 });
    w.sim.addActivity(1001, { start: Date.UTC(9999, 0, 1) / 1000, name: 'A watch with a wrong clock' });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false, tracks: false });

    const upload = w.sim.addActivity(1001, { start: seeded[0]!.start + 3600, name: 'New upload' });
    w.clock.set(w.clock.now() + 3600_000);
    const report = await splits.engine.sync({ trigger: 'cli', details: false, tracks: false });
    expect(report.results[0]).toMatchObject({ mode: 'incremental', newCount: 1 });
    expect((await splits.store.activities(1001)).get(upload.id)?.name).toBe('New upload');
    const after = Number(w.sim.apiRequests('/athlete/activities').at(-1)!.query.after);
    expect(after).toBe(seeded[0]!.start - 7 * 86_400);
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });
});

describe('a list that never ends', () => {
  const world = useWorld();
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  /** A fake Strava whose every list page is full, with headers that claim limits without end. */
  async function endlessStrava(pageOf: (page: number) => number[]): Promise<{ url: string; requests: () => number }> {
    let requests = 0;
    server = createServer((req, res) => {
      requests++;
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
      const rows = pageOf(page).map((id) => ({
        id,
        name: `Run ${id}`,
        sport_type: 'Run',
        start_date: new Date(Date.UTC(2020, 0, 1) + id * 60_000).toISOString().replace('.000Z', 'Z'),
      }));
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-ratelimit-limit': '1000000,10000000',
        'x-ratelimit-usage': '1,1',
        'x-readratelimit-limit': '1000000,10000000',
        'x-readratelimit-usage': '1,1',
      });
      res.end(JSON.stringify(rows));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v3`, requests: () => requests };
  }

  async function openAgainst(w: World, apiUrl: string) {
    const services = await createServices({
      config: loadConfig({ ...w.env, STRAVA_API_URL: apiUrl }),
      clock: w.clock,
      logger: silentLogger,
      vault: (store) => TokenFile.open(w.dataDir, (p) => store.problems.push(p)),
      timeoutMs: 2000,
      sync: { betweenAthletesMs: 0 },
    });
    await w.connect(services, 1001);
    return services;
  }

  it('stops at a bound derived from what is stored, says why, deletes nothing, and does not scan it again in the next window', async () => {
    const w = await world();
    const strava = await endlessStrava((page) => Array.from({ length: 200 }, (_, i) => page * 200 + i + 1));
    const splits = await openAgainst(w, strava.url);

    const report = await splits.engine.sync({ trigger: 'cli', details: false, tracks: false });
    const result = report.results[0]!;
    expect(result.status).toBe('ok');
    expect(result.fullScanComplete).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/kept sending full pages past 50000 activities/);
    // 50,000 activities beyond an empty store: 250 pages, and the one that crossed the bound.
    expect(strava.requests()).toBe(251);
    expect(splits.store.syncState.get(1001)).toMatchObject({ fullScan: null });
    expect(splits.store.syncState.get(1001).lastFullScanAt).toBe(w.clock.now());

    w.clock.set(w.clock.now() + 15 * 60_000);
    const next = await splits.engine.sync({ trigger: 'background', details: false, tracks: false });
    expect(next.results[0]!.mode).toBe('incremental');
  });

  it('a scan cut into runs (by the rate limit, or --max-pages) does not start the bound again at each run', async () => {
    const w = await world();
    const strava = await endlessStrava((page) => Array.from({ length: 200 }, (_, i) => page * 200 + i + 1));
    const splits = await openAgainst(w, strava.url);
    const warnings: string[] = [];
    let runs = 0;
    while (!warnings.some((w) => /past 50000 activities/.test(w)) && runs < 6) {
      const result = (await splits.engine.sync({ trigger: 'cli', details: false, tracks: false, maxPages: 100 }))
        .results[0]!;
      warnings.push(...result.warnings);
      runs++;
    }
    // 250 pages of scan in all, resumed run after run; each resumed run's quick pass stops at its own, smaller bound.
    expect(runs).toBeLessThanOrEqual(4);
    expect(warnings.join(' ')).toMatch(/past 5000 activities/);
    expect(splits.store.syncState.get(1001).fullScan).toBeNull();
    w.clock.set(w.clock.now() + 60 * 60_000);
    expect((await splits.engine.sync({ trigger: 'background', details: false, tracks: false })).results[0]!.mode).toBe(
      'incremental',
    );
  });

  it('stops when pages repeat what was already listed', async () => {
    const w = await world();
    const strava = await endlessStrava(() => Array.from({ length: 200 }, (_, i) => i + 1));
    const splits = await openAgainst(w, strava.url);
    const report = await splits.engine.sync({ trigger: 'cli', details: false, tracks: false });
    expect(report.results[0]!.warnings.join(' ')).toMatch(/same activities page after page/);
    // Page 3 is the second in a row with nothing new; page 4, asked for ahead of it, may have gone out before it was
    // taken (main/sync/page-reader.ts), and nothing past it.
    expect(strava.requests()).toBeGreaterThanOrEqual(3);
    expect(strava.requests()).toBeLessThanOrEqual(4);
    expect((await splits.store.activities(1001)).count).toBe(200);
  });
});
