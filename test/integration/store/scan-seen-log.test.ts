import { appendFile, chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanSeenLog } from '../../../main/store/scan-seen-log';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-seen-');

describe("a full scan's log of listed ids", () => {
  it('reads back what was appended, across instances, and is gone once cleared', async () => {
    const dir = await freshDir();
    await ScanSeenLog.for(dir, 1001, null).append([1, 2, 3]);
    await ScanSeenLog.for(dir, 1001, null).append([]);
    await ScanSeenLog.for(dir, 1001, null).append([4]);
    expect([...(await ScanSeenLog.for(dir, 1001, null).read())].sort()).toEqual([1, 2, 3, 4]);
    expect(await ScanSeenLog.for(dir, 1002, null).read()).toEqual(new Set());
    await ScanSeenLog.for(dir, 1001, null).clear();
    expect(await ScanSeenLog.for(dir, 1001, null).read()).toEqual(new Set());
  });

  it('an id torn by a crash mid-append never runs into the next one', async () => {
    const dir = await freshDir();
    const log = ScanSeenLog.for(dir, 1001, null);
    await log.append([111]);
    await appendFile(log.path, '\n2222'); // killed halfway through writing 22222
    await log.append([333]);
    const ids = await log.read();
    expect(ids.has(333)).toBe(true);
    expect(ids.has(2222333)).toBe(false);
    expect(ids.has(111)).toBe(true);
  });

  it('is private: the folder 0700 (tightened if it was looser) and the file 0600', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'scan'), { mode: 0o755 });
    await chmod(join(dir, 'scan'), 0o755);
    const log = ScanSeenLog.for(dir, 1001, null);
    await log.append([1]);
    expect((await stat(join(dir, 'scan'))).mode & 0o777).toBe(0o700);
    expect((await stat(log.path)).mode & 0o777).toBe(0o600);
  });
});
