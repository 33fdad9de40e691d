// The Electron adapters' own rules, against a small hand-written fake of 'electron' (the real module needs its
// binary). The whole main process runs end to end in test/e2e/desktop-*.test.ts, on the typed stand-in.
import { afterAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ handlers: new Map<string, (...a: unknown[]) => unknown>() }));

vi.mock('electron', () => {
  const electron = {
    ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => fake.handlers.set(channel, fn) },
  };
  return { ...electron, default: electron };
});

// Test files share their worker (vitest.config.ts, isolate: false): the stand-in for 'electron' and the modules that
// took it go with this file, so no later file gets them.
afterAll(() => {
  vi.doUnmock('electron');
  vi.resetModules();
});

const { registerIpc, isTrustedSender, samePage } = await import('../../../main/desktop/electron/ipc-registry');
const { silentLogger } = await import('../../../main/log');
const { DOOR_SCRUB } = await import('../../../main/desktop/ipc-handlers');
const { PathScrubber } = await import('../../../main/desktop/without-paths');

const page = 'file:///opt/Splits/resources/app.asar/out/renderer/index.html';

describe('IPC senders', () => {
  const contents = { id: 1 };
  const top = { url: page, parent: null };
  const trusted = { contents: contents as never, url: page };

  it('answers our own window, from its top frame showing our page', () => {
    expect(isTrustedSender({ sender: contents as never, senderFrame: top as never }, trusted)).toBe(true);
    // The same page with a hash (the window's own routing) is still our page.
    expect(
      isTrustedSender(
        { sender: contents as never, senderFrame: { ...top, url: `${page}#/settings` } as never },
        trusted,
      ),
    ).toBe(true);
  });

  it('drops another webContents, a frame inside ours, another page in ours, and no window at all', () => {
    expect(isTrustedSender({ sender: { id: 2 } as never, senderFrame: top as never }, trusted)).toBe(false);
    expect(
      isTrustedSender({ sender: contents as never, senderFrame: { url: page, parent: top } as never }, trusted),
    ).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents as never, senderFrame: { url: 'https://evil.example/index.html', parent: null } as never },
        trusted,
      ),
    ).toBe(false);
    expect(
      isTrustedSender(
        { sender: contents as never, senderFrame: { url: 'file:///tmp/index.html', parent: null } as never },
        trusted,
      ),
    ).toBe(false);
    expect(isTrustedSender({ sender: contents as never, senderFrame: null as never }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: contents as never, senderFrame: top as never }, null)).toBe(false);
  });

  it('compares served pages (the dev server) by origin', () => {
    expect(samePage('http://localhost:5173/src/x', 'http://localhost:5173/')).toBe(true);
    expect(samePage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(samePage('not a url', page)).toBe(false);
  });

  it('a message from an unknown sender gets "forbidden" and reaches no handler', async () => {
    let called = false;
    const table = {
      'app:info': () => ((called = true), { name: 'Splits', version: '1' }),
      [DOOR_SCRUB]: new PathScrubber([]),
    } as never;
    registerIpc(table, () => trusted, silentLogger);
    const handle = fake.handlers.get('app:info')!;
    expect(await handle({ sender: { id: 3 }, senderFrame: top })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(called).toBe(false);
    expect(await handle({ sender: contents, senderFrame: top })).toEqual({
      ok: true,
      value: { name: 'Splits', version: '1' },
    });
    expect(called).toBe(true);
  });
});
