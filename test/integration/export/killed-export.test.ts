// What an export killed mid-write leaves in the person's folder, and what the next export to that folder removes.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledChild } from '../../support/bundled-child';
import { root, runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { exportWorld } from './export-world';

const child = join(root, 'test/support/export-writer-child.ts');

/** A real process writing `name` into `folder` through the export's own writer, stopped halfway: its pid. */
async function writerHalfway(folder: string, name: string): Promise<ChildProcess> {
  const writer = spawn(process.execPath, [await bundledChild(child), folder, name], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  writer.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    writer.stdout!.on('data', (d: Buffer) => (out += d.toString()).includes('writing\n') && resolve());
    writer.once('exit', (code) => reject(new Error(`the writer exited (${code}) before writing: ${out}`)));
  });
  return writer;
}

async function killed(writer: ChildProcess): Promise<number> {
  const exited = new Promise((r) => writer.once('exit', r));
  writer.kill('SIGKILL');
  await exited;
  return writer.pid!;
}

const temps = async (folder: string) => (await readdir(folder)).filter((n) => n.endsWith('.tmp')).sort();

describe('an export killed mid-write', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-killed-export-');

  it("leaves temp files that the next export to the folder removes: only its own, only a dead or old writer's, never a link", async () => {
    const x = await exportWorld(world, { count: 3 });
    const out = await temp();
    const elsewhere = await temp();
    const gpx = '2024-05-01-123-morning-run.gpx';

    // Two exports killed halfway (SIGKILL: no clean-up of their own), and one still writing.
    const deadCsv = await killed(await writerHalfway(out, 'activities.csv'));
    const deadGpx = await killed(await writerHalfway(out, gpx));
    const live = await writerHalfway(out, 'activities.csv');
    try {
      const left = await temps(out);
      expect(left).toEqual(
        [`.${gpx}.${deadGpx}.0.tmp`, `.activities.csv.${deadCsv}.0.tmp`, `.activities.csv.${live.pid}.0.tmp`].sort(),
      );

      // An old temp file of a pid that runs (reused since): no live write's.
      const old = `.activities.csv.${live.pid}.7.tmp`;
      await writeFile(join(out, old), 'half');
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await utimes(join(out, old), twoMinutesAgo, twoMinutesAgo);
      // What is not an export's own temp file: another program's of a like pattern, a link, a folder.
      const others = `.notes.txt.${deadCsv}.0.tmp`;
      await writeFile(join(out, others), 'theirs');
      const link = `.activities.csv.${deadCsv}.9.tmp`;
      await writeFile(join(elsewhere, 'target.txt'), 'kept');
      await symlink(join(elsewhere, 'target.txt'), join(out, link));
      const folder = `.${gpx}.${deadGpx}.3.tmp`;
      await mkdir(join(out, folder));

      const run = await runCli(['export', '--format', 'csv', '--out', out], x.w.env);
      expect(run.code, run.stderr).toBe(0);
      expect(await temps(out)).toEqual([folder, link, others, `.activities.csv.${live.pid}.0.tmp`].sort());
      expect((await readdir(out)).filter((n) => !n.startsWith('.'))).toEqual(['activities.csv']);
      expect((await lstat(join(out, link))).isSymbolicLink()).toBe(true);
      expect(await readFile(join(elsewhere, 'target.txt'), 'utf8')).toBe('kept');
      expect(await readFile(join(out, others), 'utf8')).toBe('theirs');
      expect(live.exitCode).toBeNull();
    } finally {
      await killed(live);
    }
  }, 60_000);
});
