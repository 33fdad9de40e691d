import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invokeChannels, invokeContract } from '../../../preload/contract';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

/** Every file under the data folder with its content's hash: "nothing changed" is this, before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile())
      out[name] = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
  }
  return out;
}

const hostile = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}, "athleteId": 1001}'),
    { constructor: { prototype: { polluted: true } } },
    { athleteId: -1, deleteData: true },
    { athleteId: 1001, deleteData: 'yes' },
    { athleteId: 2 ** 60, id: Number.NaN },
    { mode: 'full', athleteId: '1001' },
    { mode: 'rm -rf /' },
    { pageSize: 1e9 },
    { search: 'x'.repeat(100_000) },
    { sportTypes: Array.from({ length: 10_000 }, () => 'Run') },
    { clientId: '1; DROP TABLE', clientSecret: 'x' },
    { clientId: '4242', clientSecret: 'a b' },
    { syncIntervalMinutes: 0 },
    { syncIntervalMinutes: 1e12 },
    { units: 'furlongs' },
    { theme: '<script>' },
    { backgroundSync: 'false' },
    { unknownSetting: true },
    '../../etc/passwd',
    Number.POSITIVE_INFINITY,
  ),
);

describe('every IPC channel, fed hostile arguments against the real services', () => {
  const world = useWorld();

  it('answers a clear error, never crashes, never changes a file, and leaks nothing', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 20);
    const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      const before = await snapshot(w.dataDir);
      const requestsBefore = w.sim.apiRequests().length;

      // Every channel the contract declares, each fed its own share of hostile calls. The list comes from the contract,
      // so a channel added to it is fed without a change here, and the tally below proves each one was reached.
      const fed = new Map<string, number>();
      for (const channel of Object.keys(invokeContract)) {
        await fc.assert(
          fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 3 }), async (args) => {
            // One argument too many for the argumentless ones; wrong shapes for the others.
            const result = await app.invoke(channel, ...args);
            fed.set(channel, (fed.get(channel) ?? 0) + 1);
            if (result.ok) {
              // Only where an object with no usable field means "nothing asked for" (a Set is such an object) may the
              // call go through: a query with no filter, an empty settings change. Every channel that acts refuses.
              expect(
                ['activities:query', 'history:list', 'settings:set'],
                `${channel} accepted ${fc.stringify(args)}`,
              ).toContain(channel);
            } else {
              // 'unknown-channel' for a channel of the contract: main has no handler for it.
              expect(result.error!.code, `${channel} ${JSON.stringify(result.error)}`).not.toMatch(
                /^(internal|unknown-channel)$/,
              );
              expect(typeof result.error!.message).toBe('string');
              expect(result.error!.message).not.toContain(w.dataDir);
            }
          }),
          { numRuns: 15, seed: 2026 },
        );
      }
      expect([...fed.keys()].sort()).toEqual([...invokeChannels].sort());
      expect([...fed.values()].every((n) => n === 15)).toBe(true);
      // Unknown and malformed channel names.
      for (const channel of ['fs:read', '__proto__', 'constructor', 'sync:now:', '', 'toString']) {
        expect((await app.invoke(channel)).error?.code, channel).toBe('unknown-channel');
      }

      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await snapshot(w.dataDir)).toEqual(before);
      expect(w.sim.apiRequests().length).toBe(requestsBefore);
      expect((await app.invoke('settings:get')).value).toMatchObject({
        backgroundSync: false,
        syncIntervalMinutes: 60,
        units: 'metric',
      });
      expect((await app.invoke('activities:query', {})).value).toMatchObject({ total: 20 });
    } finally {
      await app.close();
    }
  }, 60_000);

  it('results are stripped to their contract: no token, secret or path ever crosses', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3);
    const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      const summary = await app.invoke('sync:now', { mode: 'quick' });
      const tokens = await app.services.vault.get(1001);
      const everything = JSON.stringify([
        summary,
        ...(await Promise.all(
          ['sync:state', 'limits:status', 'accounts:list', 'credentials:get', 'settings:get'].map((c) => app.invoke(c)),
        )),
        await app.invoke('history:list', {}),
        await app.invoke('activities:query', {}),
        await app.invoke('activities:get', {
          athleteId: 1001,
          id: (await app.services.store.activities(1001)).ids()[0],
        }),
        app.events,
      ]);
      for (const secret of [tokens!.accessToken, tokens!.refreshToken, w.sim.clientSecret, w.dataDir])
        expect(everything).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
