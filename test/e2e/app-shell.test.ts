import { describe, expect, it } from 'vitest';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { useWorld } from '../support/splits';

describe('the window, in Chromium', () => {
  const world = useWorld();

  it("renders the shell and reads the app's version through window.splits, with the CSP enforced", async () => {
    const calls: string[] = [];
    const app = await openDesktop(await world());
    const table = app.table;
    const traced = { ...table, 'app:info': () => (calls.push('app:info'), { name: 'Splits', version: '9.8.7' }) };
    const harness = await openRenderer(traced);
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      await harness.show();
      await page.getByRole('heading', { name: 'Splits' }).waitFor();
      await page.getByText('Version 9.8.7').waitFor();
      expect(calls).toEqual(expect.arrayContaining(['app:info']));
      // The renderer cannot reach the network on its own. Even its own origin, which serves this page, is out of reach: connect-src 'none'.
      const fetched = await page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'sent',
            (e: Error) => e.name,
          ),
        harness.url,
      );
      expect(fetched).toBe('TypeError');
      // Arguments are parsed at main's door: a bad call comes back as a value, not a throw.
      const bad = await page.evaluate(() =>
        (globalThis as unknown as { __splitsInvoke: (c: string, a: unknown[]) => Promise<unknown> }).__splitsInvoke(
          'app:info',
          [1, 2],
        ),
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const unknown = await page.evaluate(() =>
        (globalThis as unknown as { __splitsInvoke: (c: string, a: unknown[]) => Promise<unknown> }).__splitsInvoke(
          'fs:read',
          [],
        ),
      );
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
    }
  }, 60_000);

  it('without window.splits (a browser at `npm run dev`) says what the page needs, instead of a blank page', async () => {
    const app = await openDesktop(await world());
    const harness = await openRenderer(app.table, { bridge: false });
    try {
      const { page } = harness;
      await harness.show();
      await page.getByRole('heading', { name: "Splits' window needs the app around it" }).waitFor();
      await expect(page.locator('main').textContent()).resolves.toMatch(/npm run demo/);
      expect(harness.pageErrors).toEqual([]);
      expect(await page.evaluate(() => 'splits' in window)).toBe(false);
    } finally {
      await harness.close();
      await app.close();
    }
  }, 60_000);

  it('runs under its CSP without a violation: zod, which the window checks typing with, never reaches for eval', async () => {
    const app = await openDesktop(await world());
    const harness = await openRenderer(app.table);
    try {
      const { page } = harness;
      // Listening before the page's own script runs: zod makes its schemas as the modules load.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (globalThis as unknown as { __violations: string[] }).__violations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const refused: string[] = [];
      page.on(
        'console',
        (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && refused.push(m.text()),
      );
      await harness.show();
      await page.getByRole('heading', { name: 'Splits' }).waitFor();
      // The interval is checked as typed by the settings' own rule (common/sync-interval.ts, a zod schema).
      await page.getByRole('tab', { name: 'Settings' }).click();
      const interval = page.getByLabel('Sync every');
      await interval.fill('14');
      await interval.press('Enter');
      await page.getByText('At least 15 minutes').waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations)).toEqual([]);
      expect(refused).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
    }
  }, 60_000);
});
