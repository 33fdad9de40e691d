// A module-resolution hook (node:module register) that answers 'electron' with ./electron-shim.mjs, for this process
// only. The real 'electron' package, imported from Node, is only the path of its binary.
const shim = new URL('./electron-shim.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: shim, shortCircuit: true };
  return next(specifier, context);
}
