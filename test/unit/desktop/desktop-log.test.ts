// The desktop app's log (main/desktop/desktop-log.ts) on real files: stderr always, main.log once the logs folder is
// known, both at one level; a logs folder that cannot be used leaves stderr working and says why.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP_LOG_FILE, desktopLog, desktopLogLevels } from '../../../main/desktop/desktop-log';
import { useTempDirs } from '../../support/temp-dirs';

const makeTempDir = useTempDirs('splits-desktop-log-');

describe('the desktop log', () => {
  it('writes stderr from the start and main.log from when the folder is known, at the same level', async () => {
    const stderr: string[] = [];
    const log = desktopLog({ file: 'info', stderr: 'info' }, (line) => stderr.push(line));
    log.logger.info('before the app was ready');
    const dir = join(await makeTempDir(), 'logs');
    log.openFile(dir);
    log.logger.debug('a debug line');
    log.logger.info('a sync ended');
    log.logger.error('a handler failed', { refresh_token: 'not-for-the-log' });
    const file = await readFile(join(dir, DESKTOP_LOG_FILE), 'utf8');
    expect(
      file
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^\S+ /, '')),
    ).toEqual(['info [splits] a sync ended', 'error [splits] a handler failed {"refresh_token":"[redacted]"}']);
    expect(stderr.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'info [splits] before the app was ready',
      'info [splits] a sync ended',
      'error [splits] a handler failed {"refresh_token":"[redacted]"}',
    ]);
  });

  it('debug goes to both with the debug level', async () => {
    const stderr: string[] = [];
    const log = desktopLog({ file: 'debug', stderr: 'debug' }, (line) => stderr.push(line));
    const dir = await makeTempDir();
    log.openFile(dir);
    log.logger.debug('a request');
    expect(await readFile(join(dir, DESKTOP_LOG_FILE), 'utf8')).toMatch(/ debug \[splits\] a request\n$/);
    expect(stderr).toEqual([expect.stringMatching(/ debug \[splits\] a request$/)]);
  });

  it('a logs folder that cannot be made leaves stderr, and says so there', async () => {
    const stderr: string[] = [];
    const log = desktopLog({ file: 'info', stderr: 'info' }, (line) => stderr.push(line));
    const blocker = join(await makeTempDir(), 'a-file');
    await writeFile(blocker, '');
    expect(() => log.openFile(join(blocker, 'logs'))).not.toThrow();
    log.logger.warn('still logged');
    expect(stderr[0]).toMatch(
      new RegExp(
        ` warn \\[splits\\] the log file could not be opened in ${join(blocker, 'logs')}: Splits logs to stderr alone .*ENOTDIR`,
      ),
    );
    expect(stderr[1]).toMatch(/ warn \[splits\] still logged$/);
    expect(stderr).toHaveLength(2);
  });

  it('keeps every sync in the file and only warnings on stderr, unless SPLITS_LOG_LEVEL names a level for both', async () => {
    expect(desktopLogLevels(undefined)).toEqual({ file: 'info', stderr: 'warn' });
    expect(desktopLogLevels('nonsense')).toEqual({ file: 'info', stderr: 'warn' });
    expect(desktopLogLevels('debug')).toEqual({ file: 'debug', stderr: 'debug' });
    expect(desktopLogLevels(' INFO ')).toEqual({ file: 'info', stderr: 'info' });
    const stderr: string[] = [];
    const log = desktopLog(desktopLogLevels(undefined), (line) => stderr.push(line));
    const dir = await makeTempDir();
    log.openFile(dir);
    log.logger.info('manual sync: Athlete 1001 synced');
    log.logger.warn('Strava did not answer');
    expect(await readFile(join(dir, DESKTOP_LOG_FILE), 'utf8')).toMatch(
      / info \[splits\] manual sync: Athlete 1001 synced\n.* warn \[splits\] Strava did not answer\n$/,
    );
    expect(stderr).toEqual([expect.stringMatching(/ warn \[splits\] Strava did not answer$/)]);
  });
});
