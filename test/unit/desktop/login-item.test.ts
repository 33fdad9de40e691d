import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDDEN_ARG, quoteExec, setLinuxAutostart } from '../../../main/desktop/login-item';
import { useTempDirs } from '../../support/temp-dirs';

describe('launch at login on Linux', () => {
  const freshDir = useTempDirs('splits-autostart-');

  it('writes an XDG autostart entry that starts Splits hidden, through the AppImage when there is one, and removes it', async () => {
    const config = await freshDir();
    const file = setLinuxAutostart(
      true,
      { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ann/Apps/Splits 1.0.AppImage' },
      '/tmp/.mount_x/splits',
    );
    expect(file).toBe(join(config, 'autostart', 'splits.desktop'));
    const entry = await readFile(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain(`Exec="/home/ann/Apps/Splits 1.0.AppImage" ${HIDDEN_ARG}`);
    setLinuxAutostart(false, { XDG_CONFIG_HOME: config });
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('quotes Exec by the desktop entry rules', () => {
    expect(quoteExec('/opt/Splits/splits')).toBe('/opt/Splits/splits');
    expect(quoteExec('/opt/100%/splits')).toBe('/opt/100%%/splits');
    // Inside quotes, " is escaped with a backslash, and the file's string escaping doubles every backslash.
    expect(quoteExec('/opt/a "b"/splits')).toBe('"/opt/a \\\\"b\\\\"/splits"');
  });
});
