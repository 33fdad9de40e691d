// @vitest-environment jsdom
// Settings' Maps on the real desktop core and its settings file: Show maps asks once, in plain words naming who will
// see the routes, before anything is stored; the tile server is checked as it is typed, and another server turns
// maps off so that the person is asked again with its name.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app';
import { openDesktop } from '../../support/desktop-core';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe("Settings' maps", () => {
  const world = useWorld();
  afterEach(cleanup);

  it('asks before maps are on, stores nothing on "Not now", and a new tile server is asked about by its name', async () => {
    const w = await world();
    const app = await openDesktop(w, { settings: { syncAtLaunch: false, backgroundSync: false } });
    const uninstall = installBridge(app);
    const stored = async () =>
      JSON.parse(await readFile(join(w.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    try {
      await app.desktop.start();
      render(<App />);
      const user = userEvent.setup();
      await user.click(screen.getByRole('tab', { name: 'Settings' }));
      const view = screen.getByRole('tabpanel');
      const showMaps = (await within(view).findByRole('checkbox', { name: 'Show maps' })) as HTMLInputElement;
      expect(showMaps.checked).toBe(false);
      expect(await stored()).toMatchObject({ showMaps: false });

      await user.click(showMaps);
      const question = within(view).getByRole('group', { name: 'Allow maps?' });
      // Not ticked while asked: nothing is on until the person allows it.
      expect(showMaps.checked).toBe(false);
      expect(question.textContent).toContain(
        "Show maps: loads map images from OpenStreetMap's servers, which then see the areas of your routes.",
      );
      await user.click(within(question).getByRole('button', { name: 'Not now' }));
      expect(showMaps.checked).toBe(false);
      expect(await stored()).toMatchObject({ showMaps: false });

      await user.click(showMaps);
      await user.click(within(view).getByRole('button', { name: 'Allow maps' }));
      await expect.poll(async () => (await stored()).showMaps).toBe(true);
      expect(showMaps.checked).toBe(true);

      // A server by the rules or not: its words as typed, nothing sent.
      const server = within(view).getByLabelText('Tile server') as HTMLInputElement;
      await user.clear(server);
      await user.type(server, 'http://tiles.example.org/{{z}/{{x}/{{y}.png');
      expect(server.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(server.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toMatch(
        /Use https:\/\//,
      );
      await user.tab();
      expect(await stored()).toMatchObject({ tileServer: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });

      // Another server: stored, and maps off until the person allows that one, named.
      await user.clear(server);
      await user.type(server, 'https://tiles.example.org/{{z}/{{x}/{{y}.png{Enter}');
      await expect.poll(async () => (await stored()).tileServer).toBe('https://tiles.example.org/{z}/{x}/{y}.png');
      expect(await stored()).toMatchObject({ showMaps: false });
      await user.click(showMaps);
      expect(within(view).getByRole('group', { name: 'Allow maps?' }).textContent).toContain(
        'Show maps: loads map images from tiles.example.org, which then see the areas of your routes.',
      );
    } finally {
      uninstall();
      await app.close();
    }
  });
});
