// main says its warnings and errors on stderr (main/desktop/desktop-log.ts). A test that causes them on purpose keeps
// main's lines here, where it can read them, rather than printing them into a passing run as if something had gone
// wrong; a failing test shows them, since they may say why. Anything else written to stderr still shows.
import { beforeEach, onTestFailed, vi } from 'vitest';

/** Registers the hook for every test of the file; the returned getter gives the current test's kept lines. */
export function keepMainStderr(): () => string[] {
  let kept: string[] = [];
  beforeEach(() => {
    kept = [];
    const lines = kept;
    const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array) => boolean;
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const line = String(chunk);
      if (!line.includes(' [splits] ')) return write(chunk);
      lines.push(line);
      return true;
    });
    onTestFailed(() => void write(`main's stderr in this test:\n${lines.join('')}`));
    return () => quiet.mockRestore();
  });
  return () => kept;
}
