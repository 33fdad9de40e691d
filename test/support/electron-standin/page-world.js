/* global window */
// Runs in the page's main world before its scripts, in the top frame only: what Electron itself does there, never the
// preload. It holds contextBridge's receiving end (context-bridge.js), where exposeInMainWorld puts the preload's API,
// and sends window.open to main's setWindowOpenHandler through the preload's world, as Electron's window.open goes to
// main. Nothing of ipc is here: the page's world holds no binding, no ipcRenderer and no require.
//
// Evaluated as an expression: `(installPageWorld)(config, contextBridgeEnd)`.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- an expression the stand-in calls, see above
(function installPageWorld(config, contextBridgeEnd) {
  if (window.top !== window) return;
  const bridge = contextBridgeEnd(config, 'main', () => {});
  // The stand-in opens no child windows, so the page always gets null (what a denied window.open returns).
  const open = (url, target, features) => {
    bridge.notify({
      open: [new URL(String(url ?? ''), window.location.href).href, String(target ?? ''), String(features ?? '')],
    });
    return null;
  };
  Object.defineProperty(window, 'open', { value: open, writable: false, configurable: false });
});
