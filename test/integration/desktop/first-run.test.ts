import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncStateSchema } from '../../../preload/payloads';
import { eventContract } from '../../../preload/contract';
import { approveInBrowser } from '../../support/browser-login';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

describe('the desktop app, first run to first sync', () => {
  const world = useWorld();

  it('asks for the application, checks it with Strava, connects through the browser, syncs, and tells the window and the person', async () => {
    // The scheduler's timer waits for the test to move the clock.
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const seeded = w.sim.seedActivities(1001, 30);
    const app = await openDesktop(w, { credentials: 'none' });
    try {
      await app.desktop.start();
      expect(await app.invoke('app:ready')).toEqual({ ok: true, value: null });

      // Nothing set up yet: the tray and the window say what is missing, and Connect says what to do first.
      const fresh = await app.invoke('sync:state');
      expect(syncStateSchema.parse(fresh.value).attention.map((a) => a.code)).toEqual(['credentials-missing']);
      expect((await app.invoke('credentials:get')).value).toMatchObject({
        clientId: null,
        hasSecret: false,
        source: null,
        vault: 'file',
      });
      expect((await app.invoke('accounts:connect')).error).toMatchObject({ code: 'config' });

      // The guide's check: Strava says whether it knows the client, and which half is wrong.
      expect(
        (await app.invoke('credentials:check', { clientId: '999', clientSecret: w.sim.clientSecret })).value,
      ).toMatchObject({ verdict: 'unknown-client' });
      expect(
        (await app.invoke('credentials:check', { clientId: w.sim.clientId, clientSecret: 'not-the-secret' })).value,
      ).toMatchObject({ verdict: 'wrong-secret' });
      expect(
        (await app.invoke('credentials:check', { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret })).value,
      ).toMatchObject({ verdict: 'known' });
      // A refused pair is never stored.
      expect((await app.invoke('credentials:set', { clientId: '999', clientSecret: 'x' })).value).toMatchObject({
        verdict: 'unknown-client',
      });
      expect((await app.invoke('credentials:get')).value).toMatchObject({ hasSecret: false });

      // No keychain here (the file vault): the person is asked first, and a "no" stores nothing.
      app.ports.consentAnswers.push(false);
      expect(
        (await app.invoke('credentials:set', { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret })).error,
      ).toMatchObject({ code: 'consent-refused' });
      expect((await app.invoke('credentials:get')).value).toMatchObject({ hasSecret: false });
      app.ports.consentAnswers.push(true);
      expect(
        (await app.invoke('credentials:set', { clientId: w.sim.clientId, clientSecret: w.sim.clientSecret })).value,
      ).toMatchObject({ verdict: 'known' });
      expect(app.ports.consentAsked).toBe(2);
      expect((await app.invoke('credentials:get')).value).toEqual({
        clientId: w.sim.clientId,
        hasSecret: true,
        source: 'vault',
        vault: 'file',
      });
      // The secret itself never crosses, and its file is the owner's alone.
      expect(JSON.stringify(await app.invoke('credentials:get'))).not.toContain(w.sim.clientSecret);
      expect((await stat(join(w.dataDir, 'cli-tokens.json'))).mode & 0o777).toBe(0o600);

      // Connect: Strava's authorize page opens in the system browser; the athlete approves; the redirect lands on loopback.
      const connecting = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      const authorize = new URL(app.ports.opened[0]!);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${w.sim.oauthUrl}/authorize`);
      expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect(authorize.searchParams.get('scope')).toContain('activity:read_all');
      const browser = await approveInBrowser(authorize.toString());
      expect(browser.status).toBe(200);
      const connected = await connecting;
      expect(connected).toMatchObject({
        ok: true,
        value: { athleteId: 1001, state: 'connected', privateActivities: true },
      });

      // The new athlete's first sync starts by itself; the window hears it start, progress and finish.
      const firstSync = () =>
        app.events.findIndex(
          (e) => e.channel === 'sync:finished' && JSON.stringify(e.payload).includes('"athleteId":1001'),
        );
      await until(() => firstSync() >= 0, 'the first sync to finish');
      // From the first sync's start: the launch sync before it had no athlete to sync.
      const start = app.events.findLastIndex((e, i) => e.channel === 'sync:started' && i < firstSync());
      const channels = app.events.slice(start).map((e) => e.channel);
      expect(channels.indexOf('sync:started')).toBeLessThan(channels.indexOf('sync:progress'));
      expect(channels.indexOf('sync:progress')).toBeLessThan(channels.indexOf('sync:finished'));
      for (const event of app.events)
        expect(eventContract[event.channel].safeParse(event.payload).success, event.channel).toBe(true);
      const finished = eventContract['sync:finished'].parse(app.events[firstSync()]!.payload);
      expect(finished.summary.results).toMatchObject([{ athleteId: 1001, status: 'ok', newCount: 30 }]);
      expect(finished.state.state).toBe('idle');

      // The person hears of the new activities by name.
      const newest = app.ports.notifications.find((n) => n.body.startsWith('30 new:'));
      expect(newest?.body).toMatch(/^30 new: .+, .+, .+ and 27 more$/);
      expect(seeded.some((a) => newest!.body.includes(a.name))).toBe(true);

      const listed = await app.invoke('activities:query', { pageSize: 5 });
      expect(listed.value).toMatchObject({ total: 30 });
      const accounts = await app.invoke('accounts:list');
      expect(accounts.value).toMatchObject({ vault: 'file', accounts: [{ athleteId: 1001, activityCount: 30 }] });
    } finally {
      await app.close();
    }
  });

  it('a login the athlete declines, or with the activity box unticked, connects nobody and says why', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit' });
    try {
      await app.desktop.start();
      w.sim.authorization.deny = true;
      const declined = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      await approveInBrowser(app.ports.opened[0]!);
      expect((await declined).error).toMatchObject({
        code: 'needs-login',
        message: expect.stringContaining('declined'),
      });

      w.sim.authorization.deny = false;
      w.sim.authorization.grantScope = 'read';
      const unticked = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 2, 'the authorize page to open again');
      await approveInBrowser(app.ports.opened[1]!);
      expect((await unticked).error).toMatchObject({
        code: 'needs-login',
        message: expect.stringContaining('unticked'),
      });
      expect((await app.invoke('accounts:list')).value).toMatchObject({ accounts: [] });
    } finally {
      await app.close();
    }
  });
});
