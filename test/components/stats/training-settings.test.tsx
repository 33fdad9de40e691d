// @vitest-environment jsdom
// The training figures in Settings, on the real desktop core and its settings file: each checked as typed by
// common/'s rules (nothing invalid is sent or stored), a valid one stored on Enter, an empty one cleared; and the
// Statistics view counts its loads from the figures given.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

const ATHLETE = 1001;

describe('the training figures in Settings', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('refuses what the rules refuse, stores what they take, and the statistics follow them', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(ATHLETE, 40);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    const uninstall = installBridge(app);
    const settingsFile = join(w.dataDir, 'settings.json');
    const training = async () =>
      (JSON.parse(await readFile(settingsFile, 'utf8')) as { training?: Record<string, number | null> }).training;
    try {
      await w.connect(app.services, ATHLETE);
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      render(<App />);
      const user = userEvent.setup();

      // No heart-rate figures: no activity's load comes from heart rate.
      await user.click(await screen.findByRole('tab', { name: 'Statistics' }));
      const sources = async () =>
        /heart rate (\d+)/.exec((await screen.findByRole('region', { name: 'Fitness and form' })).textContent!)![1];
      expect(await sources()).toBe('0');

      await user.click(screen.getByRole('tab', { name: 'Settings' }));
      const view = screen.getByRole('tabpanel');
      const field = (name: string) => within(view).getByLabelText(name) as HTMLInputElement;
      const message = (input: HTMLInputElement) =>
        document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
      const before = await readFile(settingsFile, 'utf8');

      // Out of range, not a number, not a pace: the rule's words beside the field, and nothing stored.
      const ftp = field('FTP');
      await user.type(ftp, '2500{Enter}');
      expect(ftp.getAttribute('aria-invalid')).toBe('true');
      expect(message(ftp)).toBe('FTP (watts) is at most 700');
      await user.clear(ftp);
      await user.type(ftp, '25o{Enter}');
      expect(message(ftp)).toBe('FTP is a whole number');
      const pace = field('Threshold run pace');
      await user.type(pace, '4:3{Enter}');
      expect(message(pace)).toBe('Threshold run pace is minutes and seconds per km, like 4:30');
      expect(await readFile(settingsFile, 'utf8')).toBe(before);

      // Valid ones, sent on Enter: stored in the file.
      await user.clear(ftp);
      await user.type(ftp, '250{Enter}');
      await user.clear(pace);
      await user.type(pace, '4:30{Enter}');
      await user.type(field('Max heart rate'), '185{Enter}');
      await vi.waitFor(async () =>
        expect(await training()).toEqual({ ftpW: 250, maxHr: 185, restingHr: null, thresholdRunPaceSPerKm: 270 }),
      );
      // A max heart rate at or below the resting one is refused as the rules say, and not stored.
      const resting = field('Resting heart rate');
      await user.type(resting, '115{Enter}');
      await vi.waitFor(async () => expect((await training())?.restingHr).toBe(115));
      const max = field('Max heart rate');
      await user.clear(max);
      await user.type(max, '110{Enter}');
      expect(message(max)).toBe(
        'Resting heart rate (115) must be below max heart rate (110): set the lower one first, or both together',
      );
      expect((await training())?.maxHr).toBe(185);
      await user.clear(resting);
      await user.type(resting, '50{Enter}');
      await vi.waitFor(async () => expect((await training())?.restingHr).toBe(50));
      // An empty field clears its figure.
      await user.clear(ftp);
      await user.type(ftp, '{Enter}');
      await vi.waitFor(async () => expect((await training())?.ftpW).toBeNull());

      // With max and resting heart rate, the activities with a heart rate get their load from it.
      await user.click(screen.getByRole('tab', { name: 'Statistics' }));
      const answer = (await app.invoke('stats:get', { athleteId: ATHLETE })).value as {
        athletes: Array<{ fitness: { loadSources: { heartRate: number } } }>;
      };
      const fromHeart = answer.athletes[0]!.fitness.loadSources.heartRate;
      expect(fromHeart).toBeGreaterThan(0);
      await vi.waitFor(async () => expect(await sources()).toBe(String(fromHeart)));
      // Figures changed elsewhere (the settings file, another window) while the view is open: it works them out again.
      const cleared = { ftpW: null, maxHr: null, restingHr: null, thresholdRunPaceSPerKm: 270 };
      expect((await app.invoke('settings:set', { training: cleared })).ok).toBe(true);
      await vi.waitFor(async () => expect(await sources()).toBe('0'));
    } finally {
      uninstall();
      await app.close();
    }
  }, 120_000);
});
