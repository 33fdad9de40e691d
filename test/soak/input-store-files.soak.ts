import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useWorld } from '../support/splits';
import { damageArb, goodFolder, kindArb, probeOnce, type FileKind } from '../integration/reliability/input-store-files';
import { recordSoakFigures } from './figures';

const RUNS = 400;

describe('soak: hostile input, every kind of store file', () => {
  const world = useWorld();

  it(
    `${RUNS} damaged files: each loads or is set aside, the others stay, and the next sync restores what Strava has`,
    async () => {
      const w = await world({ limits: { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 } });
      const good = await goodFolder(w);
      const tally = new Map<FileKind, { setAside: number; loaded: number }>();
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(kindArb, damageArb, async (kind, damage) => {
          const { setAside } = await probeOnce(w, good, kind, damage);
          const t = tally.get(kind) ?? { setAside: 0, loaded: 0 };
          t[setAside ? 'setAside' : 'loaded']++;
          tally.set(kind, t);
        }),
        { numRuns: RUNS, seed: 20261129 },
      );
      expect(tally.size).toBe(9);
      const rows = [...tally]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, t]) => `| ${kind} | ${t.setAside + t.loaded} | ${t.setAside} | ${t.loaded} |`);
      await recordSoakFigures({
        id: 'input-store-files',
        title: 'Hostile input: store files',
        markdown: [
          `${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(0)} s (fast-check, seed 20261129): truncated, random bytes, a node replaced by a value of another type, other JSON, an older or odd schema version. No crash; every file set aside was kept byte for byte with a message; no other file changed; after each the next sync left the store equal to Strava (the accounts and tokens excepted: a login restores those).`,
          '',
          '| File | Runs | Set aside | Loaded as is |',
          '| --- | --- | --- | --- |',
          ...rows,
        ].join('\n'),
      });
    },
    60 * 60_000,
  );
});
