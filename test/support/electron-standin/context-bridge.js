/* global window, document */
// One end of contextBridge: the preload's isolated world holds one, the page's main world the other. The two worlds
// share the DOM but no JavaScript object, as in Electron with contextIsolation: a CustomEvent dispatched on the
// document reaches the listeners of both, and Chromium hands its detail to the other world as a structured clone.
// Calls are synchronous (dispatchEvent runs the other world's listener at once, which answers before it returns), so
// an exposed function returns its result as contextBridge's does.
//
// What crosses is copied as contextBridge copies it: a plain object becomes a new frozen object, an array a frozen
// array, a function a proxy whose arguments and result are copied again, a promise a new promise; anything else is a
// structured clone (a DOM node or a class instance with methods fails, as in Electron). Neither world ever holds an
// object of the other, so the page cannot reach the preload's ipcRenderer, require or variables through the bridge.
//
// Plain JavaScript read as text, evaluated as an expression: `(contextBridgeEnd)(config, side, onNotice)`, where
// config.events names the event each side listens on (random per window) and onNotice takes what the other side
// notifies (the main world's window.open). Returns { exposeInMainWorld, notify }.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- an expression the stand-in calls, see above
(function contextBridgeEnd(config, side, onNotice) {
  const mine = config.events[side];
  const theirs = config.events[side === 'main' ? 'isolated' : 'main'];
  // Taken before any page script runs: a page that patches the DOM's prototypes cannot listen in or break the bridge.
  const doc = document;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Custom = CustomEvent;
  const post = (message) => void dispatch.call(doc, new Custom(theirs, { detail: message }));

  /** This world's functions the other world holds proxies of, by id. */
  const functions = new Map();
  /** The other world's promises this world handed out copies of: their resolve and reject, by the other's id. */
  const promises = new Map();
  let nextId = 1;
  /** The answer to the request in flight; requests nest when a called function calls back across. */
  let answer = null;

  function encode(value) {
    if (typeof value === 'function') {
      const id = nextId++;
      functions.set(id, value);
      return { f: id };
    }
    if (value instanceof Promise) {
      const id = nextId++;
      value.then(
        (v) => post({ type: 'settle', id, ok: true, value: encode(v) }),
        (e) => post({ type: 'settle', id, ok: false, value: encodeError(e) }),
      );
      return { p: id };
    }
    if (Array.isArray(value)) return { a: value.map(encode) };
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
      return { o: Object.keys(value).map((k) => [k, encode(value[k])]) };
    return { v: value === null || typeof value !== 'object' ? value : structuredClone(value) };
  }

  /** A thrown value crosses as itself when it can (an Error is cloneable), as its text otherwise. */
  function encodeError(error) {
    try {
      return encode(error);
    } catch {
      return { v: new Error(String(error)) };
    }
  }

  function decode(tree) {
    if ('f' in tree) return (...args) => request({ type: 'call', id: tree.f, args: encode(args) });
    if ('p' in tree) return new Promise((resolve, reject) => promises.set(tree.p, { resolve, reject }));
    if ('a' in tree) return Object.freeze(tree.a.map(decode));
    if ('o' in tree) {
      const copy = {};
      for (const [k, v] of tree.o)
        Object.defineProperty(copy, k, { value: decode(v), enumerable: true, writable: true, configurable: true });
      return Object.freeze(copy);
    }
    return tree.v;
  }

  /** Posts a request and returns the other world's answer, which it gave before dispatchEvent returned. */
  function request(message) {
    const outer = answer;
    answer = null;
    post(message);
    const got = answer;
    answer = outer;
    if (!got)
      throw new Error(
        `electron stand-in: contextBridge's ${side === 'main' ? 'isolated' : 'main'}-world end did not answer (it is installed with each document, before the page's scripts)`,
      );
    if (!got.ok) throw decode(got.value);
    return decode(got.value);
  }

  function respond(work) {
    try {
      post({ type: 'answer', ok: true, value: encode(work()) });
    } catch (error) {
      post({ type: 'answer', ok: false, value: encodeError(error) });
    }
  }

  const expose = (key, value) => {
    if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
    Object.defineProperty(window, key, { value, enumerable: true, writable: false, configurable: false });
  };

  doc.addEventListener(mine, (event) => {
    const message = event.detail;
    switch (message.type) {
      case 'call':
        return respond(() => functions.get(message.id)(...decode(message.args)));
      case 'answer':
        answer = message;
        return;
      case 'settle': {
        const pending = promises.get(message.id);
        promises.delete(message.id);
        return message.ok ? pending.resolve(decode(message.value)) : pending.reject(decode(message.value));
      }
      case 'expose':
        // Only the main world takes exposures: the page's window is where contextBridge puts them.
        if (side === 'main') respond(() => expose(message.key, decode(message.value)));
        return;
      case 'notice':
        return onNotice(message.data);
    }
  });

  return {
    exposeInMainWorld(key, api) {
      request({ type: 'expose', key: String(key), value: encode(api) });
    },
    notify(data) {
      post({ type: 'notice', data });
    },
  };
});
