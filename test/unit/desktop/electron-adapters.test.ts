// The Electron adapters against a small hand-written fake of 'electron' (the real module needs its binary).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class FakeContents {
    listeners = new Map<string, Listener>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
  }
  class FakeWindow {
    static created: FakeWindow[] = [];
    webContents = new FakeContents();
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.created.push(this);
    }
    once() {
      return this;
    }
    loadFile(path: string) {
      this.loaded = path;
      return Promise.resolve();
    }
  }
  const handlers = new Map<string, Listener>();
  const opened: string[] = [];
  return { FakeContents, FakeWindow, handlers, opened };
});

vi.mock('electron', () => {
  const electron = {
    BrowserWindow: fake.FakeWindow,
    shell: { openExternal: (url: string) => (fake.opened.push(url), Promise.resolve()) },
    ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => fake.handlers.set(channel, fn) },
  };
  return { ...electron, default: electron };
});

const { createMainWindow, lockDown } = await import('../../../main/desktop/main-window');
const { registerIpc } = await import('../../../main/desktop/ipc-registry');
const { createHandlers } = await import('../../../main/desktop/ipc-handlers');

describe('the hardened window', () => {
  beforeEach(() => {
    fake.FakeWindow.created.length = 0;
    fake.opened.length = 0;
  });

  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    createMainWindow('/app/out');
    const [win] = fake.FakeWindow.created;
    expect(win!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/out/preload/index.cjs' });
    expect(win!.loaded).toBe('/app/out/renderer/index.html');
  });

  it('denies navigation and new windows; only http(s) links go to the system browser', () => {
    const contents = new fake.FakeContents();
    lockDown(contents as never);
    let prevented = false;
    contents.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(contents.openHandler!({ url: 'https://www.strava.com/activities/1' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://www.strava.com/activities/1']);
  });
});

describe('IPC registration', () => {
  it('answers our own window only, and parses arguments at the door', async () => {
    const ours = {};
    registerIpc(createHandlers({ appInfo: { name: 'Splits', version: '1.2.3' } }), () => ours as never);
    const handle = fake.handlers.get('app:info')!;
    expect(await handle({ sender: ours })).toEqual({ ok: true, value: { name: 'Splits', version: '1.2.3' } });
    expect(await handle({ sender: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ sender: ours }, 'unexpected')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
