/**
 * Only web pages go to the system browser: https anywhere, http on this computer alone (a Strava stand-in during
 * development). Anything else (file:, a custom scheme an installed program registered) is refused.
 */
export function browsable(url: string): string {
  const parsed = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return parsed.toString();
  throw new Error(`Splits opens web pages only, not ${parsed.protocol} addresses.`);
}
