// @vitest-environment jsdom
import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { AccountsView } from '../../../renderer/src/features/accounts/accounts-view';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { openDesktop } from '../../support/desktop-core';
import { useTempDirs } from '../../support/temp-dirs';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { byName, newestFirst, openBrowser } from '../activities/activities-world';

describe('the Strava archive in the window', () => {
  const world = useWorld();
  const tempDir = useTempDirs('splits-archive-window-');
  afterEach(cleanup);

  it('imports the archive main picked and says what it did; a file that is not an archive gets its plain message', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 12);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    const dir = await tempDir();
    // Two more activities than Strava lists: the archive has them alone.
    const extra = [
      { ...seeded[0]!, id: seeded[0]!.id + 1_000_000, name: 'Before Splits' },
      { ...seeded[1]!, id: seeded[1]!.id + 1_000_000, name: 'Also before' },
    ];
    await writeArchive(join(dir, 'export.zip'), {
      athleteId: 1001,
      activities: fromSimulator([...seeded, ...extra], (_a, i) =>
        i < 3 ? { format: 'fit' as const, points: 60 } : undefined,
      ),
    });
    const uninstall = installBridge(app);
    try {
      await app.desktop.start();
      render(
        <LiveProvider>
          <AccountsView />
        </LiveProvider>,
      );
      const user = userEvent.setup();
      const section = await screen.findByRole('region', { name: 'Strava archive' });
      expect(within(section).getByText(/Request your archive/)).toBeTruthy();

      app.ports.archivePicks.push(join(dir, 'export.zip'));
      await user.click(within(section).getByRole('button', { name: 'Import Strava archive…' }));
      const done = await within(section).findByRole('list', { name: 'What the import did' }, { timeout: 10_000 });
      const lines = within(done)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
      expect(lines[0]).toBe('14 activities in the archive, 12 of them already here.');
      expect(lines).toContain(
        '2 activities only the archive has, added until the next sync confirms them with Strava.',
      );
      expect(lines.some((l) => /^3 recorded tracks stored/.test(l!))).toBe(true);
      expect(lines).toContain(
        'The next sync lists your whole history once, to confirm the activities only the archive had.',
      );
      expect((await app.invoke('activities:query', {})).value).toMatchObject({ total: 14 });

      await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'notes.zip'), 'plain text, not a zip'));
      app.ports.archivePicks.push(join(dir, 'notes.zip'));
      await user.click(within(section).getByRole('button', { name: 'Import Strava archive…' }));
      const alert = await within(section).findByRole('alert');
      expect(alert.textContent).toMatch(/zip/i);
      expect(alert.textContent).not.toContain(dir);
    } finally {
      uninstall();
      await app.close();
    }
  });

  it('exports one activity as GPX into the folder main picked, and shows the files', async () => {
    const b = await openBrowser(world, 30);
    try {
      const newest = [...b.truth].sort(newestFirst);
      const routed = newest.slice(0, 12).findIndex((a) => a.map.summary_polyline !== '');
      const row = () =>
        within(screen.getByRole('grid', { name: 'Activities' }))
          .getAllByRole('row')
          .find((r) => r.getAttribute('aria-rowindex') === String(routed + 2))!;
      await vi.waitFor(() => expect(within(row()).getAllByRole('gridcell')[1]!.textContent).toBe(newest[routed]!.name));
      const user = userEvent.setup();
      await user.click(row());
      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      const group = await within(panel).findByRole('group', { name: 'Export this activity' });
      const out = await tempDir();
      b.app.ports.folderPicks.push(out);
      await user.click(within(group).getByRole('button', { name: 'Export…' }));
      const status = await within(group).findByText(
        /^Wrote 1 GPX file \(0 from recorded tracks, 1 from Strava's route outline\)/,
      );
      expect(status.textContent).toContain(`“${out.split('/').pop()}”`);
      expect((await readdir(out)).filter((f) => f.endsWith('.gpx'))).toHaveLength(1);
      await user.click(within(group).getByRole('button', { name: 'Show the files' }));
      await vi.waitFor(() => expect(b.app.ports.revealed).toEqual([out]));
    } finally {
      await b.close();
    }
  });

  it('exports the table as filtered, every matching activity and no other, as CSV', async () => {
    const b = await openBrowser(world, 80);
    try {
      const user = userEvent.setup();
      const needle = b.truth[0]!.name.split(' ')[0]!;
      const matching = b.truth.filter(byName(needle));
      await user.type(await screen.findByLabelText('Search by name'), needle);
      await vi.waitFor(() =>
        expect(document.querySelector('.activity-count')!.textContent).toMatch(
          new RegExp(`^${matching.length} of ${b.truth.length}`),
        ),
      );
      const group = screen.getByRole('group', { name: 'Export the activities shown' });
      const out = await tempDir();
      b.app.ports.folderPicks.push(out);
      await user.click(within(group).getByRole('button', { name: 'Export…' }));
      await within(group).findByText(new RegExp(`^Wrote ${matching.length} activit(y|ies) in one CSV file`));
      const [file] = await readdir(out);
      const rows = parse(await readFile(join(out, file!), 'utf8'), { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows.map((r) => r.Name).sort()).toEqual(matching.map((a) => a.name).sort());
    } finally {
      await b.close();
    }
  });
});
