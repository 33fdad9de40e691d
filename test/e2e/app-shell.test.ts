import { describe, expect, it } from 'vitest';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { useWorld } from '../support/splits';

describe('the window, in Chromium', () => {
  const world = useWorld();

  it('renders the shell and reads the app\'s version through window.splits, with the CSP enforced', async () => {
    const calls: string[] = [];
    const app = await openDesktop(await world());
    const table = app.table;
    const traced = { ...table, 'app:info': () => (calls.push('app:info'), { name: 'Splits', version: '9.8.7' }) };
    const harness = await openRenderer(traced);
    try {
      const { page } = harness;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(harness.url);
      await page.getByRole('heading', { name: 'Splits' }).waitFor();
      await page.getByText('Version 9.8.7').waitFor();
      expect(calls).toEqual(expect.arrayContaining(['app:info']));
      // The renderer cannot reach the network on its own. Even its own origin, which serves this page, is out of reach: connect-src 'none'.
      const fetched = await page.evaluate((url) => fetch(url).then(() => 'sent', (e: Error) => e.name), harness.url);
      expect(fetched).toBe('TypeError');
      // Arguments are parsed at main's door: a bad call comes back as a value, not a throw.
      const bad = await page.evaluate(() => (globalThis as unknown as { __splitsInvoke: (c: string, a: unknown[]) => Promise<unknown> }).__splitsInvoke('app:info', [1, 2]));
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const unknown = await page.evaluate(() => (globalThis as unknown as { __splitsInvoke: (c: string, a: unknown[]) => Promise<unknown> }).__splitsInvoke('fs:read', []));
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(errors).toEqual([]);
      await page.screenshot({ path: '/tmp/splits-shell.png' });
    } finally {
      await harness.close();
      await app.close();
    }
  }, 60_000);
});
