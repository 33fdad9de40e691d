// `splits login --no-browser` at a terminal: the paste prompt reads the terminal in raw mode (line editing), where
// Ctrl-C arrives as a keystroke, not as a signal. It must still stop the login, as the words under the prompt promise.
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { bin } from '../../support/cli';
import { useWorld } from '../../support/splits';

const LONG = 60_000;
// util-linux `script` gives the command a pseudo-terminal, as a person's shell would.
const hasScript = spawnSync('script', ['--version']).status === 0;
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

describe('splits login --no-browser at a terminal', () => {
  const world = useWorld();
  // script and the login it runs are one process group of their own: ended whole, whatever the test saw.
  const groups: number[] = [];
  afterEach(() => {
    for (const pid of groups.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });

  it.skipIf(!hasScript)(
    'Ctrl-C at the paste prompt stops the login (it waited for the browser until the login timed out)',
    async () => {
      const w = await world({ clock: systemClock as never });
      const command = [process.execPath, bin, 'login', '--no-browser'].map(quoted).join(' ');
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb', ...w.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      groups.push(child.pid!);
      let screen = '';
      child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      for (let i = 0; i < 1500 && !screen.includes('Address the browser ended on: '); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(screen).toContain('Address the browser ended on: ');
      const port = Number(/127\.0\.0\.1:(\d+)\/callback/.exec(screen)![1]);

      child.stdin.write('\x03');
      // The login ends by the interrupt (script says 128 + SIGINT): it does not wait on for the browser.
      expect(await exited).toBe(130);
      // And its listener is gone with it.
      await expect(fetch(`http://127.0.0.1:${port}/callback`)).rejects.toThrow();
    },
    LONG,
  );
});
