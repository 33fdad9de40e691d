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
  return {
    lines: rl,
    ask: () => (tty ? rl.prompt() : undefined),
    close: () => rl.close(),
  };
}
