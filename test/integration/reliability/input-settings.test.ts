import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../../main/desktop/settings-error';
import type { SettingsSetAside } from '../../../main/desktop/settings-store';
import { openSettings, SETTINGS_ASIDE } from '../../support/settings-file';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../preload/payloads';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { damageArb, damaged } from './input-store-files';

const freshDir = useTempDirs('splits-settings-input-');
const KEYS = Object.keys(DEFAULT_SETTINGS);
/** Why a settings file was set aside, as Splits words it: a fault, or a setting (or the file) and a rule. */
const OWN_WORDS = new RegExp(
  `^(it is not valid JSON|it could not be read( \\(E[A-Z]+\\))?|(the file|${KEYS.join('|')}):? [a-z][^"{}\\[\\]]*)$`,
);

/** A change of settings: real names and made-up ones, with values of every type and out of every range. */
const patchArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...KEYS) },
        { weight: 1, arbitrary: fc.constantFrom('dataDir', '__proto__', 'constructor', 'SYNC_INTERVAL_MINUTES') },
      ),
      fc.oneof(
        fc.constantFrom(
          true,
          false,
          'true',
          0,
          1,
          14,
          15,
          60,
          1440,
          1441,
          -60,
          30.5,
          1e308,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          null,
          'metric',
          'imperial',
          'furlongs',
          'system',
          'dark',
          '<script>',
          [],
          {},
        ),
        fc.anything({ maxDepth: 1 }),
      ),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);

describe('hostile input: settings', () => {
  it('the settings store takes a change only when every value in it is good; a refused one has a message naming the setting and writes nothing', async () => {
    const dir = await freshDir();
    const settings = openSettings(dir);
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
        const named = valid.error.issues.map((i) =>
          i.code === 'unrecognized_keys' ? 'no setting named' : String(i.path[0] ?? ''),
        );
        expect(
          named.some((n) => n !== '' && message.includes(n)) || /object|expected/i.test(message),
          `${fc.stringify(patch)}: ${message}`,
        ).toBe(true);
        expect(readFileBytes(file), fc.stringify(patch)).toBe(before);
        expect(settings.get()).toEqual(was);
      }),
      { numRuns: 400, seed: 1013 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('a damaged settings file loads or is set aside with a message, and the settings in force are always whole and valid', async () => {
    const dir = await freshDir();
    openSettings(dir).set({ syncIntervalMinutes: 90, units: 'imperial', theme: 'dark' });
    const good = await readFile(join(dir, 'settings.json'));
    await fc.assert(
      fc.asyncProperty(damageArb, async (damage) => {
        const bad = damaged(good, damage);
        await writeFile(join(dir, 'settings.json'), bad);
        const problems: SettingsSetAside[] = [];
        const settings = openSettings(dir);
        settings.onSetAside((p) => problems.push(p));
        const now = settings.get();
        expect(settingsSchema.parse(now)).toEqual(now);
        if (problems.length > 0) {
          expect(problems).toEqual([{ aside: expect.stringMatching(SETTINGS_ASIDE), reason: expect.any(String) }]);
          expect(await readFile(problems[0]!.aside!)).toEqual(bad);
          // What was wrong in Splits' own words (a setting's name and its rule), never anything the file holds.
          for (const part of problems[0]!.reason.split('; ')) expect(part).toMatch(OWN_WORDS);
          expect(now).toEqual(DEFAULT_SETTINGS);
        }
        // Whatever was read, the store takes a good change afterwards.
        expect(settings.set({ notifications: false }).notifications).toBe(false);
        for (const name of await readdir(dir)) if (name.includes('.corrupt-')) await rm(join(dir, name));
      }),
      { numRuns: 40, seed: 1014 },
    );
  });

  it('a bad settings file that cannot be moved aside stays as it is: the defaults apply, nothing is written over it, it is told once, and a fixed file is read again', async () => {
    // A folder whose path leaves room for settings.json but not for settings.corrupt-<time>.json (Linux: 4,096 bytes):
    // the rename fails as it does where another program holds the file (Windows) or the folder refuses.
    let dir = await freshDir();
    while (dir.length < 4070) dir = join(dir, 'x'.repeat(Math.min(200, 4070 - dir.length - 1)));
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'settings.json');
    const bad = '{"syncIntervalMinutes":5}';
    await writeFile(file, bad);
    const settings = openSettings(dir);
    const told: SettingsSetAside[] = [];
    settings.onSetAside((p) => told.push(p));

    for (let i = 0; i < 3; i++) expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(told).toEqual([{ aside: null, reason: 'syncIntervalMinutes must be >= 15' }]);
    expect(() => settings.set({ theme: 'dark' })).toThrow(SettingsError);
    expect(() => settings.set({ theme: 'dark' })).toThrow(
      /could not be moved aside, so nothing was changed\. Fix or remove settings\.json/,
    );
    expect(await readFile(file, 'utf8')).toBe(bad);
    expect(told).toHaveLength(1);

    // Fixed by hand (every setting given: electron-store would add the missing ones, and cannot write here either).
    await writeFile(file, JSON.stringify({ ...DEFAULT_SETTINGS, syncIntervalMinutes: 45 }));
    expect(settings.get().syncIntervalMinutes).toBe(45);
    // Broken again: a new fault, told again.
    await writeFile(file, bad);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(told).toHaveLength(2);
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
        fc.asyncProperty(
          fc.oneof(patchArb, fc.constantFrom({ backgroundSync: undefined }, { units: undefined, theme: 'dark' })),
          async (patch) => {
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
          },
        ),
        { numRuns: 150, seed: 1015 },
      );
      // What is in force is what the window reads.
      expect((await app.invoke('settings:get')).value).toEqual(JSON.parse(await readFile(file, 'utf8')));
    } finally {
      await app.close();
    }
  });

  it('a bad settings file found at start is set aside the same way, and told once', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    await writeFile(join(w.dataDir, 'settings.json'), '{"syncIntervalMinutes":5,"units":"imperial"}');
    const app = await openDesktop(w, { vault: 'implicit' });
    try {
      await app.desktop.start();
      expect(await app.invoke('settings:get')).toEqual({ ok: true, value: DEFAULT_SETTINGS });
      expect((await readdir(w.dataDir)).filter((name) => name.startsWith('settings.corrupt-'))).toHaveLength(1);
      await until(() => app.ports.notifications.length > 0, 'the notice');
      expect(app.ports.notifications).toEqual([
        {
          title: 'Splits went back to its default settings',
          body: expect.stringMatching(
            /^Your settings file could not be used \(syncIntervalMinutes must be >= 15\)\. It is kept as settings\.corrupt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json in Splits' data folder/,
          ),
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('settings.json edited by hand while the app runs: the window gets the defaults, never internal; the file is kept aside; the person is told once per file', async () => {
    // {"syncIntervalMinutes":5} once made settings:get, settings:set and sync:state answer 'internal' until a restart.
    const clock = new FakeClock(undefined, 'manual');
    const w = await world({ clock });
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncIntervalMinutes: 30, units: 'imperial', syncAtLaunch: false },
    });
    try {
      await app.desktop.start();
      await app.invoke('app:ready');
      expect(app.desktop.state().backgroundSync.nextAt).toBe(clock.now() + 30 * 60_000);
      const file = join(w.dataDir, 'settings.json');
      const bad = '{"syncIntervalMinutes":5}';
      await writeFile(file, bad);

      expect(await app.invoke('settings:get')).toEqual({ ok: true, value: DEFAULT_SETTINGS });
      expect(await app.invoke('sync:state')).toMatchObject({ ok: true, value: { backgroundSync: { enabled: true } } });
      expect(await app.invoke('settings:set', { theme: 'dark' })).toEqual({
        ok: true,
        value: { ...DEFAULT_SETTINGS, theme: 'dark' },
      });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });

      // Kept aside byte for byte, under the name a bad file found at start gets.
      const aside = (await readdir(w.dataDir)).filter((name) => name.startsWith('settings.corrupt-'));
      expect(aside).toEqual([expect.stringMatching(SETTINGS_ASIDE)]);
      expect(await readFile(join(w.dataDir, aside[0]!), 'utf8')).toBe(bad);

      // The defaults are in force everywhere: the timer runs on the default hour again, and the window hears them.
      await until(
        () => app.desktop.state().backgroundSync.nextAt === clock.now() + 60 * 60_000,
        'the timer on the default interval',
      );
      expect(app.events.filter((e) => e.channel === 'settings:changed').map((e) => e.payload)).toContainEqual(
        DEFAULT_SETTINGS,
      );

      // Told once, naming the file set aside and what was wrong, but neither the folder's path nor the file's content.
      const told = () => app.ports.notifications.filter((n) => /settings/i.test(n.title));
      expect(told()).toEqual([{ title: expect.any(String), body: expect.stringContaining(aside[0]!) }]);
      expect(told()[0]!.body).toMatch(/syncIntervalMinutes/);
      expect(told()[0]!.body).not.toContain(w.dataDir);
      for (let i = 0; i < 5; i++) {
        expect((await app.invoke('settings:get')).ok).toBe(true);
        expect((await app.invoke('sync:state')).ok).toBe(true);
      }
      expect(told()).toHaveLength(1);

      // Another bad edit is another file: kept aside beside the first, and told.
      // JSON.parse's own message would quote the file ("Unexpected token 'd', \"{\"theme\": dark}\" is not valid JSON").
      await writeFile(file, '{"theme": dark}');
      expect(await app.invoke('settings:get')).toEqual({ ok: true, value: DEFAULT_SETTINGS });
      expect((await readdir(w.dataDir)).filter((name) => name.startsWith('settings.corrupt-'))).toHaveLength(2);
      await until(() => told().length === 2, 'the second notice');
      expect(told()[1]!.body).toMatch(/not valid JSON/);
      expect(told()[1]!.body).not.toContain('dark');
    } finally {
      await app.close();
    }
  });
});

const readFileBytes = (path: string) => readFileSync(path, 'utf8');
