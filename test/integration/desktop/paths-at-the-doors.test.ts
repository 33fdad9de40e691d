// File paths stay in main: what leaves by the window's doors (IPC results and events) names no file under the data
// folder, wherever the person put it. Here the data folder is outside /home, /tmp, /var and the other usual places
// (SPLITS_DATA_DIR at a project's folder, a second disk), and messages name files in it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe("the window's doors, with the data folder outside the usual places", () => {
  const world = useWorld();
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('say a file of the data folder in words: in results (a state, an error) and in events', async () => {
    // The project's own git-ignored cache folder: a folder of the person's that is no temp or home folder here.
    await mkdir(join(root, 'node_modules', '.cache'), { recursive: true });
    const dataDir = await mkdtemp(join(root, 'node_modules', '.cache', 'splits-doors-'));
    made.push(dataDir);
    const base = await world({ clock: new FakeClock(undefined, 'manual') });
    const w = { ...base, dataDir, env: { ...base.env, SPLITS_DATA_DIR: dataDir } };
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      expect(app.services.config.dataDir).toBe(dataDir);
      await w.connect(app.services, 1001);
      await app.invoke('app:ready');
      // A reason kept in accounts.json that names a file of the data folder, as a vault's message does.
      const file = join(dataDir, 'cli-tokens.json');
      await app.services.store.accounts.setState(
        1001,
        'needs-login',
        `Keeping your Strava secrets in a private file (${file}) needs your consent first.`,
      );
      // A change of a setting tells the window the state (state:changed) and answers with the settings.
      await app.invoke('settings:set', { notifications: false });
      const state = await app.invoke('sync:state');
      const told = app.events.filter((e) => e.channel === 'state:changed').at(-1);
      expect(told).toBeDefined();
      for (const [door, value] of [
        ['sync:state', state],
        ['state:changed', told!.payload],
      ] as const) {
        const text = JSON.stringify(value);
        expect(text, door).not.toContain(dataDir);
        expect(text, door).toContain("a private file (a file in Splits' data folder) needs your consent");
      }

      // An export folder chosen inside the data folder, as the picker gave it (not tidied): refused, and the
      // refusal names the folder as the export resolved it, which the picker's words do not cover.
      app.ports.folderPicks.push(`${dataDir}/activities/../exports`);
      const refused = await app.invoke('archive:export', { format: 'csv', select: { query: {} } });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'export',
          message: expect.stringMatching(
            /^The export folder a file in Splits' data folder is inside Splits' data folder/,
          ),
        },
      });
      expect(JSON.stringify(refused)).not.toContain(dataDir);
    } finally {
      await app.close();
    }
  });
});
