/* global window */
// Runs in the preload's isolated world (preload-world.ts), before any of the page's scripts, and only in the top frame
// (Electron runs the preload there alone by default). It is the `require('electron')` a sandboxed preload gets:
// contextBridge and ipcRenderer, wired to main through the CDP bindings named in `config`, which exist in this world
// alone. Plain JavaScript read as text, so that no transform adds helpers the page does not have.
//
// It is evaluated as an expression: `(installElectronShim)(config, contextBridgeEnd, structuredCodec, preloadFunction)`.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- an expression the stand-in calls, see above
(function installElectronShim(config, contextBridgeEnd, structuredCodec, runPreload) {
  if (window.top !== window) return;
  const codec = structuredCodec();
  const invokeBinding = window[config.invoke];
  const sendBinding = window[config.send];
  const openBinding = window[config.open];
  // The preload reaches main only through ipcRenderer, as in Electron.
  delete window[config.invoke];
  delete window[config.send];
  delete window[config.open];

  // window.open (from the page's world) and links that would open a window go to main's setWindowOpenHandler.
  const openWindow = (url, target, features) =>
    void openBinding(JSON.stringify([String(url), String(target), String(features)]));
  const bridge = contextBridgeEnd(config, 'isolated', (notice) => {
    if (notice && Array.isArray(notice.open)) openWindow(...notice.open);
  });
  const opensWindow = (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    if (!link || !(link.target === '_blank' || event.ctrlKey || event.shiftKey || event.metaKey || event.button === 1))
      return;
    event.preventDefault();
    openWindow(link.href, link.target, '');
  };
  window.addEventListener('click', opensWindow, true);
  window.addEventListener('auxclick', opensWindow, true);

  // Values cross as structured clones: a function or a DOM node fails here, as it does in Electron.
  const clone = (value) => structuredClone(value);

  /** Invokes main has not answered yet, by id: main's answer comes back through the settle hook. */
  const pending = new Map();
  let nextInvoke = 1;
  const listeners = new Map();
  const ipcRenderer = {
    invoke(channel, ...args) {
      const message = { id: nextInvoke++, channel: String(channel), args: codec.encode(clone(args)) };
      return new Promise((resolve, reject) => {
        pending.set(message.id, { channel: message.channel, resolve, reject });
        invokeBinding(JSON.stringify(message));
      });
    },
    send(channel, ...args) {
      sendBinding(JSON.stringify({ channel: String(channel), args: codec.encode(clone(args)) }));
    },
    sendSync(channel) {
      throw new Error(
        `electron stand-in: ipcRenderer.sendSync('${channel}') cannot be modelled (a CDP binding is asynchronous); use invoke`,
      );
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

  // Main calls these two (Runtime.callFunctionOn in this world): the names are random per window and hidden from
  // enumeration. deliver: webContents.send; answers how many listeners it reached.
  Object.defineProperty(window, config.deliver, {
    enumerable: false,
    value(text) {
      const { channel, args } = JSON.parse(text);
      const list = [...(listeners.get(channel) ?? [])];
      for (const entry of list) {
        if (entry.once) ipcRenderer.removeListener(channel, entry.listener);
        try {
          entry.listener({ sender: ipcRenderer, senderId: 0, ports: [] }, ...codec.decode(args));
        } catch (error) {
          // Uncaught in the renderer, as in Electron; the other listeners still hear the message.
          setTimeout(() => {
            throw error;
          });
        }
      }
      return list.length;
    },
  });
  // settle: main's answer to an invoke; Electron rejects with the error's text.
  Object.defineProperty(window, config.settle, {
    enumerable: false,
    value(text) {
      const { id, answer } = JSON.parse(text);
      const call = pending.get(id);
      pending.delete(id);
      if (!call) return;
      if (answer.ok) call.resolve(codec.decode(answer.value));
      else call.reject(new Error(`Error invoking remote method '${call.channel}': ${answer.error}`));
    },
  });

  const contextBridge = {
    exposeInMainWorld(key, api) {
      bridge.exposeInMainWorld(key, api);
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
  const process = {
    platform: config.platform,
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
    env: {},
    argv: [],
    versions: config.versions,
  };
  const module = { exports: {} };
  try {
    runPreload(require, module, module.exports, process, window);
  } catch (error) {
    // Electron prints a preload's failure in the window's console and goes on loading the page.
    window.console.error(`${config.preloadErrorTag} ${error && error.stack ? error.stack : error}`);
  }
});
