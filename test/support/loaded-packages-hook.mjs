// A module hook (node:module's register) that tells the process which modules it resolved: a test's child learns which
// packages the app loaded, and when (test/support/idle-packages-child.ts).
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}
