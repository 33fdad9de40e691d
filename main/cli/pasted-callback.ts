import { LEFT_ASIDE, type LoopbackLogin } from '../accounts/loopback-login';
import type { CliIo } from './cli-context';

export const PASTE_PROMPT = 'Address the browser ended on: ';

/** What `login --no-browser` tells the person, once the address to open is on screen. */
export const pasteHelp = (redirectUri: string) =>
  `After you authorize, the browser goes to ${redirectUri}?state=... On this computer Splits takes it by itself. ` +
  `On another device that page does not load: copy its whole address from the address bar and paste it here, then press Enter.\n`;

/**
 * Takes the addresses pasted for a `login --no-browser` while the loopback listener still waits for the browser:
 * each goes through the login's own checks, and the first taken ends both. One left aside (another login's, or not
 * a callback at all) is said, and the next line is read. The address is never repeated nor logged: it holds the code.
 */
export function takePastedCallbacks(io: CliIo, login: LoopbackLogin): { stop: () => void } {
  const reader = io.readLines?.(PASTE_PROMPT);
  if (!reader) return { stop: () => undefined };
  void (async () => {
    reader.ask();
    for await (const line of reader.lines) {
      if (line.trim() === '') {
        reader.ask();
        continue;
      }
      const arrival = login.paste(line);
      // Taken (a code to exchange, or the refusal on Strava): the login's result says the rest.
      if (arrival === 'code' || arrival === 'declined') return;
      io.err(`${LEFT_ASIDE[arrival]}: ${pasteAdvice[arrival](login.redirectUri)}\n`);
      if (arrival === 'expired' || arrival === 'taken') return;
      reader.ask();
    }
  })()
    .catch(() => undefined) // standard input failing leaves the browser's way open
    .finally(() => reader.close());
  return { stop: () => reader.close() };
}

const pasteAdvice: Record<keyof typeof LEFT_ASIDE, (redirectUri: string) => string> = {
  foreign: () =>
    'it belongs to another login. Paste the address this login ended on, or stop with Ctrl-C and start the login again.',
  expired: () => 'Splits stopped waiting for it. Start the login again.',
  taken: () => 'Splits says below whether it is connected.',
  'not-a-callback': (redirectUri) => `paste the whole address that starts ${redirectUri}?state=`,
};
