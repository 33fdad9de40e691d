/* global window */
// Runs in the page, before any of its scripts (a Playwright init script), and only in the top frame (Electron runs
// the preload there alone by default). It is the `require('electron')` a sandboxed preload gets: contextBridge and
// ipcRenderer, wired to main through the Playwright bindings named in `config`. Plain JavaScript read as text, so that
// no transform adds helpers the page does not have.
//
// It is evaluated as an expression: `(installElectronShim)(config, preloadFunction)`.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- an expression the stand-in calls, see above
(function installElectronShim(config, runPreload) {
  if (window.top !== window) return;
  const invokeBinding = window[config.invoke];
  const sendBinding = window[config.send];
  const openBinding = window[config.open];
  // The page's own scripts must not reach ipc but through what the preload exposes.
  delete window[config.invoke];
  delete window[config.send];
  delete window[config.open];

  // window.open and links that would open a window go to main's setWindowOpenHandler, as in Electron. The stand-in
  // opens no child windows, so the page always gets null (what a denied window.open returns).
  const open = (url, target, features) => {
    void openBinding(new URL(String(url ?? ''), window.location.href).href, String(target ?? ''), String(features ?? ''));
    return null;
  };
  Object.defineProperty(window, 'open', { value: open, writable: false, configurable: false });
  const opensWindow = (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    if (!link || !(link.target === '_blank' || event.ctrlKey || event.shiftKey || event.metaKey || event.button === 1)) return;
    event.preventDefault();
    open(link.href, link.target, '');
  };
  window.addEventListener('click', opensWindow, true);
  window.addEventListener('auxclick', opensWindow, true);

  // Values cross as structured clones: a function or a DOM node fails here, as it does in Electron.
  const clone = (value) => structuredClone(value);

  const listeners = new Map();
  const ipcRenderer = {
    invoke(channel, ...args) {
      return invokeBinding(String(channel), clone(args)).then((answer) => {
        if (answer.ok) return answer.value;
        throw new Error(`Error invoking remote method '${channel}': ${answer.error}`);
      });
    },
    send(channel, ...args) {
      void sendBinding(String(channel), clone(args));
    },
    sendSync(channel) {
      throw new Error(`electron stand-in: ipcRenderer.sendSync('${channel}') cannot be modelled (a Playwright binding is asynchronous); use invoke`);
    },
    postMessage(channel) {
      throw new Error(`electron stand-in: ipcRenderer.postMessage('${channel}') is not modelled`);
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, []);
      listeners.get(channel).push({ listener, once: false });
      return ipcRenderer;
    },
    once(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, []);
      listeners.get(channel).push({ listener, once: true });
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      const list = listeners.get(channel) ?? [];
      const at = list.findIndex((l) => l.listener === listener);
      if (at >= 0) list.splice(at, 1);
      return ipcRenderer;
    },
    removeAllListeners(channel) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
    listenerCount(channel) {
      return (listeners.get(channel) ?? []).length;
    },
  };
  ipcRenderer.off = ipcRenderer.removeListener;
  ipcRenderer.addListener = ipcRenderer.on;

  // webContents.send lands here; the name is random per boot and the property hidden from enumeration.
  Object.defineProperty(window, config.deliver, {
    enumerable: false,
    value(channel, args) {
      const list = [...(listeners.get(channel) ?? [])];
      for (const entry of list) {
        if (entry.once) ipcRenderer.removeListener(channel, entry.listener);
        entry.listener({ sender: ipcRenderer, senderId: 0, ports: [] }, ...clone(args));
      }
      return list.length;
    },
  });

  // contextBridge copies what it exposes: objects become new frozen objects, functions proxies whose arguments and
  // results are cloned again, promises new promises. The page cannot reach the preload's own objects through them.
  const bridge = (value) => {
    if (typeof value === 'function') return (...args) => bridge(value(...args.map(bridge)));
    if (value instanceof Promise) return value.then(bridge);
    if (Array.isArray(value)) return Object.freeze(value.map(bridge));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const copy = {};
      for (const key of Object.keys(value)) copy[key] = bridge(value[key]);
      return Object.freeze(copy);
    }
    return value === null || typeof value !== 'object' ? value : clone(value);
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: bridge(api), enumerable: true, writable: false, configurable: false });
    },
    exposeInIsolatedWorld() {
      throw new Error('electron stand-in: contextBridge.exposeInIsolatedWorld is not modelled');
    },
    executeInMainWorld() {
      throw new Error('electron stand-in: contextBridge.executeInMainWorld is not modelled');
    },
  };

  const electron = { contextBridge, ipcRenderer };
  // A sandboxed preload may require 'electron' and a few polyfilled modules; here only 'electron', loudly otherwise.
  const require = (id) => {
    if (id === 'electron' || id === 'electron/renderer') return electron;
    throw new Error(`electron stand-in: a sandboxed preload cannot require '${id}' (only 'electron' is modelled)`);
  };
  const process = { platform: config.platform, type: 'renderer', sandboxed: true, contextIsolated: true, env: {}, argv: [], versions: config.versions };
  const module = { exports: {} };
  try {
    runPreload(require, module, module.exports, process, window);
  } catch (error) {
    // Electron prints a preload's failure in the window's console and goes on loading the page.
    window.console.error(`${config.preloadErrorTag} ${error && error.stack ? error.stack : error}`);
  }
});
