import { readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { SettingsError } from '../../../main/desktop/settings-error';
import { SettingsStore } from '../../../main/desktop/settings-store';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../preload/payloads';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { damageArb, damaged } from './input-store-files';

vi.mock('electron', async () => (await import('../../support/electron-for-settings')).electronForSettings());

const freshDir = useTempDirs('splits-settings-input-');
const KEYS = Object.keys(DEFAULT_SETTINGS);

/** A change of settings: real names and made-up ones, with values of every type and out of every range. */
const patchArb = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom('dataDir', '__proto__', 'constructor', 'SYNC_INTERVAL_MINUTES') }), fc.oneof(
    fc.constantFrom(true, false, 'true', 0, 1, 14, 15, 60, 1440, 1441, -60, 30.5, 1e308, Number.NaN, Number.POSITIVE_INFINITY, null, 'metric', 'imperial', 'furlongs', 'system', 'dark', '<script>', [], {}),
    fc.anything({ maxDepth: 1 }),
  ), { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);

describe('hostile input: settings', () => {
  it('the settings store takes a change only when every value in it is good; a refused one has a message naming the setting and writes nothing', async () => {
    const dir = await freshDir();
    const settings = SettingsStore.open(dir);
    settings.set({ syncIntervalMinutes: 30 });
    const file = join(dir, 'settings.json');
    let refused = 0;
    fc.assert(
      fc.property(patchArb, (patch) => {
        const before = readFileBytes(file);
        const was = settings.get();
        const valid = settingsPatchSchema.safeParse(patch);
        if (valid.success) {
          // A key given as undefined changes nothing.
          const given = Object.fromEntries(Object.entries(valid.data).filter(([, v]) => v !== undefined));
          expect(settings.set(patch)).toEqual({ ...was, ...given });
          expect(settingsSchema.parse(JSON.parse(readFileBytes(file)))).toEqual({ ...was, ...given });
          return;
        }
        refused++;
        let error: unknown;
        try {
          settings.set(patch);
        } catch (e) {
          error = e;
        }
        expect(error, fc.stringify(patch)).toBeInstanceOf(SettingsError);
        const message = (error as Error).message;
        // The message names what is wrong: a setting by name, or that a change is an object of settings.
        const named = valid.error.issues.map((i) => (i.code === 'unrecognized_keys' ? 'no setting named' : String(i.path[0] ?? '')));
        expect(named.some((n) => n !== '' && message.includes(n)) || /object|expected/i.test(message), `${fc.stringify(patch)}: ${message}`).toBe(true);
        expect(readFileBytes(file), fc.stringify(patch)).toBe(before);
        expect(settings.get()).toEqual(was);
      }),
      { numRuns: 400, seed: 1013 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('a damaged settings file loads or is set aside with a message, and the settings in force are always whole and valid', async () => {
    const dir = await freshDir();
    SettingsStore.open(dir).set({ syncIntervalMinutes: 90, units: 'imperial', theme: 'dark' });
    const good = await readFile(join(dir, 'settings.json'));
    await fc.assert(
      fc.asyncProperty(damageArb, async (damage) => {
        const bad = damaged(good, damage);
        await writeFile(join(dir, 'settings.json'), bad);
        const problems: string[] = [];
        const settings = SettingsStore.open(dir, (m) => problems.push(m));
        const now = settings.get();
        expect(settingsSchema.parse(now)).toEqual(now);
        if (problems.length > 0) {
          expect(problems[0]).toMatch(/settings file could not be read .* set aside as .*settings\.corrupt-\d+\.json/);
          const aside = /set aside as (\S+\.json)/.exec(problems[0]!)![1]!;
          expect(await readFile(aside)).toEqual(bad);
          expect(now).toEqual(DEFAULT_SETTINGS);
        }
        // Whatever was read, the store takes a good change afterwards.
        expect(settings.set({ notifications: false }).notifications).toBe(false);
        for (const name of await readdir(dir)) if (name.includes('.corrupt-')) await rm(join(dir, name));
      }),
      { numRuns: 40, seed: 1014 },
    );
  });

  const world = useWorld();

  it('settings:set from the window: a refused change answers a message, announces nothing, and stores nothing', async () => {
    // A key the window sends as undefined (structured clones keep it) once reached electron-store and came back 'internal'.
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
    try {
      await app.invoke('app:ready');
      const file = join(w.dataDir, 'settings.json');
      await fc.assert(
        fc.asyncProperty(fc.oneof(patchArb, fc.constantFrom({ backgroundSync: undefined }, { units: undefined, theme: 'dark' })), async (patch) => {
          const before = await readFile(file, 'utf8');
          const events = app.events.length;
          const result = await app.invoke('settings:set', patch);
          if (settingsPatchSchema.safeParse(patch).success) {
            expect(result.ok, fc.stringify(patch)).toBe(true);
            return;
          }
          expect(result.ok, fc.stringify(patch)).toBe(false);
          expect(result.error!.code).not.toBe('internal');
          expect(result.error!.message.length).toBeGreaterThan(0);
          expect(await readFile(file, 'utf8')).toBe(before);
          expect(app.events.slice(events).filter((e) => e.channel === 'settings:changed')).toEqual([]);
        }),
        { numRuns: 150, seed: 1015 },
      );
      // What is in force is what the window reads.
      expect((await app.invoke('settings:get')).value).toEqual(JSON.parse(await readFile(file, 'utf8')));
    } finally {
      await app.close();
    }
  });
});

const readFileBytes = (path: string) => readFileSync(path, 'utf8');
