// settings.json that is a link (a dotfiles tool's, another application's config) is never followed: electron-store
// would read that file, then write and chmod it through the link. The settings store on conf (electron-store's core,
// which reads and writes the file as it does), real files and symlinks.
import { chmod, lstat, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsSetAside } from '../../../main/desktop/settings-store';
import { openSettings, SETTINGS_ASIDE } from '../../support/settings-file';
import { DEFAULT_SETTINGS } from '../../../preload/payloads';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-settings-link-');

describe('settings.json that is a link', () => {
  it('is set aside (the link itself) at the first read and before a change; the file it points to keeps its bytes and mode', async () => {
    const dir = await freshDir();
    const other = join(await freshDir(), 'other-app.json');
    const text = JSON.stringify({ theme: 'dark', units: 'imperial', apiKey: 'other-app-secret-key' });
    await writeFile(other, text);
    await chmod(other, 0o644);
    const expectUntouched = async () => {
      expect(await readFile(other, 'utf8')).toBe(text);
      expect((await stat(other)).mode & 0o777).toBe(0o644);
    };
    const settingsFile = join(dir, 'settings.json');
    await symlink(other, settingsFile);

    const settings = openSettings(dir);
    const told: SettingsSetAside[] = [];
    settings.onSetAside((s) => told.push(s));
    // A change as the first thing: electron-store would read the other file, then write and chmod it through the link.
    // What the other file says (dark, imperial) was not read.
    const changed = settings.set({ syncIntervalMinutes: 30 });
    await expectUntouched();
    expect(changed).toEqual({ ...DEFAULT_SETTINGS, syncIntervalMinutes: 30 });
    const own = await lstat(settingsFile);
    expect(own.isFile()).toBe(true);
    expect(own.mode & 0o777).toBe(0o600);
    expect(told).toEqual([
      {
        aside: expect.stringMatching(SETTINGS_ASIDE),
        reason: expect.stringMatching(/^it is a link, which Splits never follows in its data folder/),
      },
    ]);
    expect(JSON.stringify(told)).not.toMatch(/other-app|dark|imperial/);
    expect(await readlink(told[0]!.aside!)).toBe(other);
    expect(settings.get().syncIntervalMinutes).toBe(30);

    // A link put in while Splits runs is not written through by the next change either.
    await rm(settingsFile);
    await symlink(other, settingsFile);
    expect(settings.set({ notifications: false })).toMatchObject({ notifications: false, theme: 'system' });
    expect((await lstat(settingsFile)).isFile()).toBe(true);
    expect(told).toHaveLength(2);
    expect((await readdir(dir)).filter((n) => n.startsWith('settings.corrupt-'))).toHaveLength(2);
    await expectUntouched();
  });
});
