import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useWorld } from '../../support/splits';
import { damageArb, goodFolder, kindArb, probeOnce, type FileKind } from './input-store-files';

const LIMITS = { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 };

describe('hostile input: every kind of store file, damaged', () => {
  const world = useWorld();

  it('each kind truncated, of the wrong types, random bytes, or of an older schema: it loads or is set aside, and the sync brings back the rest', async () => {
    const w = await world({ limits: LIMITS });
    const good = await goodFolder(w);
    const seen = new Map<FileKind, { setAside: number; loaded: number }>();
    await fc.assert(
      fc.asyncProperty(kindArb, damageArb, async (kind, damage) => {
        const { setAside } = await probeOnce(w, good, kind, damage);
        const tally = seen.get(kind) ?? { setAside: 0, loaded: 0 };
        tally[setAside ? 'setAside' : 'loaded']++;
        seen.set(kind, tally);
      }),
      { numRuns: 45, seed: 10 },
    );
    // Every kind met a damage that had to be set aside: the property did not pass by loading everything.
    expect([...seen.keys()].sort()).toEqual(['accounts', 'details', 'history', 'limiter', 'scan-log', 'sync-state', 'tokens', 'vault-choice', 'year']);
  }, 240_000);
});
