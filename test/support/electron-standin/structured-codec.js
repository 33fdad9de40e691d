// What crosses between main (Node) and the preload's isolated world as text: a CDP binding carries a string, and
// Runtime.callFunctionOn only JSON. Electron's IPC carries structured clones, so this keeps what JSON would lose:
// undefined, NaN, Infinity, -0, bigint, Date, RegExp, Map, Set, Error, ArrayBuffer, typed arrays, holes and shared
// or circular references. A value that cannot be cloned (a function, a symbol) throws, as it does in Electron; callers
// clone first (structuredClone), so the error is the platform's own.
//
// Plain JavaScript read as text: evaluated in Node by web-contents.ts and in the page by the preload world, so both
// ends run the same code. It is an expression: `(structuredCodec)()` gives { encode, decode }.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- an expression the stand-in calls, see above
(function structuredCodec() {
  const TYPED = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
    'DataView',
  ];
  const bytesOut = (buffer, offset, length) => {
    let binary = '';
    for (const byte of new Uint8Array(buffer, offset, length)) binary += String.fromCharCode(byte);
    return btoa(binary);
  };
  const bytesIn = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;

  /** A JSON-safe tree: every object is a tagged record { '#': tag, ... }, so no value is mistaken for a tag. */
  function encode(value, seen = new Map()) {
    if (value === undefined) return { '#': 'u' };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number')
      return Number.isFinite(value) && !Object.is(value, -0)
        ? value
        : { '#': 'n', v: String(Object.is(value, -0) ? '-0' : value) };
    if (typeof value === 'bigint') return { '#': 'i', v: String(value) };
    if (typeof value !== 'object') throw new Error(`electron stand-in: a ${typeof value} cannot cross ipc`);
    if (seen.has(value)) return { '#': '@', v: seen.get(value) };
    const id = seen.size;
    seen.set(value, id);
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (tag === 'Date') return { '#': 'd', id, v: value.getTime() };
    if (tag === 'RegExp') return { '#': 'r', id, v: value.source, f: value.flags };
    if (tag === 'Error') return { '#': 'e', id, name: value.name, v: value.message, stack: value.stack };
    if (tag === 'ArrayBuffer') return { '#': 'b', id, v: bytesOut(value, 0, value.byteLength) };
    if (TYPED.includes(tag))
      return { '#': 't', id, k: tag, v: bytesOut(value.buffer, value.byteOffset, value.byteLength) };
    if (tag === 'Map') return { '#': 'm', id, v: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]) };
    if (tag === 'Set') return { '#': 's', id, v: [...value].map((v) => encode(v, seen)) };
    if (Array.isArray(value)) return { '#': 'a', id, v: Array.from(value, (v) => encode(v, seen)) };
    return { '#': 'o', id, v: Object.keys(value).map((k) => [k, encode(value[k], seen)]) };
  }

  function decode(tree, seen = new Map()) {
    if (tree === null || typeof tree !== 'object') return tree;
    const keep = (value) => (seen.set(tree.id, value), value);
    switch (tree['#']) {
      case 'u':
        return undefined;
      case 'n':
        return Number(tree.v);
      case 'i':
        return BigInt(tree.v);
      case '@':
        return seen.get(tree.v);
      case 'd':
        return keep(new Date(tree.v));
      case 'r':
        return keep(new RegExp(tree.v, tree.f));
      case 'e': {
        const error = keep(new Error(tree.v));
        error.name = tree.name;
        if (tree.stack !== undefined) error.stack = tree.stack;
        return error;
      }
      case 'b':
        return keep(bytesIn(tree.v));
      case 't':
        return keep(new globalThis[tree.k](bytesIn(tree.v)));
      case 'm': {
        const map = keep(new Map());
        for (const [k, v] of tree.v) map.set(decode(k, seen), decode(v, seen));
        return map;
      }
      case 's': {
        const set = keep(new Set());
        for (const v of tree.v) set.add(decode(v, seen));
        return set;
      }
      case 'a': {
        const array = keep([]);
        for (const v of tree.v) array.push(decode(v, seen));
        return array;
      }
      case 'o': {
        const object = keep({});
        // defineProperty, so that a key named __proto__ stays a key, as in a structured clone.
        for (const [k, v] of tree.v)
          Object.defineProperty(object, k, {
            value: decode(v, seen),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return object;
      }
      default:
        throw new Error(`electron stand-in: an ipc message holds an unknown tag ${JSON.stringify(tree['#'])}`);
    }
  }

  return { encode, decode };
});
