// `npm run demo`'s command line, as a person types it: a mistake is one line, the usage and exit 2, before anything is
// built or started (no stack trace after a build and a first sync); --help is the usage. The demo itself, through tsx
// as the npm script runs it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoOptions } from '../../../scripts/demo/options';
import { root } from '../../support/cli';

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts/demo/main.ts'), ...args], {
    cwd: root,
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('the demo’s command line', () => {
  it('refuses a mistake in one line with the usage, exit 2, having started nothing; --help is the usage', async () => {
    const [badPort, unknown, help] = await Promise.all([
      run(['--no-open', '--port', 'abc']),
      run(['--no-opne']),
      run(['--help']),
    ]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(
      /^npm run demo: --port takes a port number from 0 to 65535, not "abc"\.\nUsage: npm run demo/,
    );
    expect(badPort.stdout).toBe(''); // nothing built, nothing synced
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^npm run demo: unknown option "--no-opne"\.\n/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run demo \[-- --no-open\] \[--port N\]\n/);
  }, 90_000);

  it('reads the options it takes', () => {
    expect(demoOptions([])).toEqual({ help: false, open: true, port: undefined });
    expect(demoOptions(['--no-open', '--port', '0'])).toEqual({ help: false, open: false, port: 0 });
    expect(() => demoOptions(['--port', '70000'])).toThrow('--port takes a port number from 0 to 65535, not "70000"');
    expect(() => demoOptions(['extra'])).toThrow('the demo takes no arguments, only options');
    expect(() => demoOptions(['--port'])).toThrow('--port needs a value');
    expect(() => demoOptions(['--no-open=yes'])).toThrow('--no-open takes no value');
  });
});
