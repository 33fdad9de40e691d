import { describe, expect, it } from 'vitest';
import { getJson, useSimulator } from '../../support/sim';

type Summary = { id: number; start_date: string; private: boolean; visibility: string };

describe('simulator API', () => {
  const start = useSimulator();

  it("serves the athlete, and 401 with Strava's body without a token or with a token in the query string", async () => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    const me = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(me.body).toMatchObject({ id: 1001, firstname: 'Ada' });
    expect((await getJson(`${sim.apiUrl}/athlete`)).status).toBe(401);
    const inQuery = await getJson(`${sim.apiUrl}/athlete?access_token=${t.access_token}`);
    expect(inQuery.status).toBe(401);
  });

  it('pages newest first, up to 200 a page, with short pages before the end and an empty page past it', async () => {
    const { sim } = await start();
    sim.seedActivities(1001, 650, { listHiddenShare: 0.02 });
    const t = sim.grantTokens(1001);
    const pages: Summary[][] = [];
    for (let page = 1; ; page++) {
      const res = await getJson(`${sim.apiUrl}/athlete/activities?per_page=500&page=${page}`, t.access_token);
      expect(res.status).toBe(200);
      const rows = res.body as Summary[];
      pages.push(rows);
      if (rows.length === 0) break;
    }
    expect(pages).toHaveLength(5); // 200+200+200+50, then the empty page
    expect(pages.slice(0, 3).some((p) => p.length < 200)).toBe(true); // short but not the last
    const all = pages.flat();
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    expect(all.map((a) => a.id).sort()).toEqual(
      sim
        .listableSummaries(1001)
        .map((a) => a.id)
        .sort(),
    );
    const starts = all.map((a) => Date.parse(a.start_date));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('filters by before and after, oldest first with after', async () => {
    const { sim } = await start();
    const seeded = sim.seedActivities(1001, 100, { listHiddenShare: 0 });
    const t = sim.grantTokens(1001);
    const pivot = seeded[40]!.start;
    const after = (await getJson(`${sim.apiUrl}/athlete/activities?after=${pivot}&per_page=200`, t.access_token))
      .body as Summary[];
    expect(after.length).toBeGreaterThan(30);
    expect(after.every((a) => Date.parse(a.start_date) / 1000 > pivot)).toBe(true);
    const starts = after.map((a) => Date.parse(a.start_date));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const before = (await getJson(`${sim.apiUrl}/athlete/activities?before=${pivot}&per_page=200`, t.access_token))
      .body as Summary[];
    expect(before.every((a) => Date.parse(a.start_date) / 1000 < pivot)).toBe(true);
    expect(after.length + before.length).toBeLessThanOrEqual(100);
    expect((await getJson(`${sim.apiUrl}/athlete/activities?after=yesterday`, t.access_token)).status).toBe(400);
  });

  it('hides "Only Me" activities without activity:read_all, and lists nothing without an activity scope', async () => {
    const { sim } = await start();
    sim.seedActivities(1001, 120, { privateShare: 0.2, listHiddenShare: 0 });
    const all = (
      await getJson(
        `${sim.apiUrl}/athlete/activities?per_page=200`,
        sim.grantTokens(1001, 'read,activity:read_all').access_token,
      )
    ).body as Summary[];
    const some = (
      await getJson(
        `${sim.apiUrl}/athlete/activities?per_page=200`,
        sim.grantTokens(1001, 'read,activity:read').access_token,
      )
    ).body as Summary[];
    expect(all.some((a) => a.visibility === 'only_me' && a.private)).toBe(true);
    expect(some.some((a) => a.visibility === 'only_me')).toBe(false);
    expect(some.length).toBe(all.filter((a) => a.visibility !== 'only_me').length);
    const none = await getJson(`${sim.apiUrl}/athlete/activities`, sim.grantTokens(1001, 'read').access_token);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ errors: [{ field: 'activity:read_permission', code: 'missing' }] });
  });

  it("serves one activity in detail, 404 for another athlete's or a missing one", async () => {
    const { sim } = await start();
    sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
    const [mine] = sim.seedActivities(1001, 3);
    const [theirs] = sim.seedActivities(2002, 3);
    const t = sim.grantTokens(1001);
    const detail = await getJson(`${sim.apiUrl}/activities/${mine!.id}`, t.access_token);
    expect(detail.body).toMatchObject({
      id: mine!.id,
      resource_state: 3,
      laps: expect.any(Array),
      map: { polyline: expect.any(String) },
    });
    expect((await getJson(`${sim.apiUrl}/activities/${theirs!.id}`, t.access_token)).status).toBe(404);
    const missing = await getJson(`${sim.apiUrl}/activities/1`, t.access_token);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'Record Not Found' });
  });

  it('reflects additions, edits, deletions and late uploads', async () => {
    const { sim } = await start();
    const seeded = sim.seedActivities(1001, 10, { listHiddenShare: 0, privateShare: 0 });
    const t = sim.grantTokens(1001);
    const list = async () =>
      (await getJson(`${sim.apiUrl}/athlete/activities?per_page=200`, t.access_token)).body as Array<
        Summary & { name: string }
      >;
    sim.editActivity(seeded[0]!.id, { name: 'Renamed' });
    sim.deleteActivity(seeded[1]!.id);
    const late = sim.addActivity(1001, { start: seeded[9]!.start - 86400 });
    const rows = await list();
    expect(rows.find((a) => a.id === seeded[0]!.id)?.name).toBe('Renamed');
    expect(rows.some((a) => a.id === seeded[1]!.id)).toBe(false);
    expect(rows.at(-1)?.id).toBe(late.id); // oldest start, newest id
    expect(late.id).toBeGreaterThan(Math.max(...seeded.map((a) => a.id)));
  });

  it('keeps a request log that tests can assert on', async () => {
    const { sim, clock } = await start();
    const t = sim.grantTokens(1001);
    clock.advance(5000);
    await getJson(`${sim.apiUrl}/athlete/activities?page=2&per_page=50`, t.access_token);
    const [entry] = sim.apiRequests('/athlete/activities');
    expect(entry).toMatchObject({
      method: 'GET',
      status: 200,
      athleteId: 1001,
      query: { page: '2', per_page: '50' },
      authorizationHeader: true,
      at: clock.now(),
    });
  });
});
