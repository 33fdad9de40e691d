import { createInterface } from 'node:readline';

/** Lines typed or piped in, one at a time, until closed or standard input ends. */
export interface LineReader {
  lines: AsyncIterable<string>;
  /** Asks for the next line (shows the prompt on a terminal; nothing on a pipe). */
  ask(): void;
  close(): void;
}

/**
 * Standard input line by line: on a terminal with a prompt on stderr (stdout stays the command's result, `--json`'s
 * included), on a pipe silently.
 */
export function stdinLines(prompt: string): LineReader {
  const tty = Boolean(process.stdin.isTTY);
  const rl = createInterface(
    tty
      ? { input: process.stdin, output: process.stderr, prompt, terminal: true }
      : { input: process.stdin, terminal: false },
  );
  // In raw mode the terminal sends Ctrl-C to readline as a key, not to the process as SIGINT; readline's own answer
  // is to close the prompt only, which left the login waiting minutes for a browser. Passed on as the signal it meant.
  if (tty)
    rl.on('SIGINT', () => {
      rl.close();
      process.kill(process.pid, 'SIGINT');
    });
  return {
    lines: rl,
    ask: () => (tty ? rl.prompt() : undefined),
    close: () => rl.close(),
  };
}
