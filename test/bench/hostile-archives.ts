// `npm run bench:archives`: hostile archives through `splits import`, a real process whose peak RSS rss-probe.mjs
// reads. Each archive is made on the fly (a few kilobytes to megabytes of zip), imported into a data folder of its
// own, and reported with its time, peak RSS and outcome; then Ctrl-C is sent in each phase of an import and the time
// to the process's exit is measured. The table goes to stdout and into docs/reliability.md between its markers.
// Targets (issue 15): below 1 GB of RSS whatever an archive up to 256 MB holds; Ctrl-C ends an import within 2 s.
//
//   npm run bench:archives              every archive (some ten minutes)
//   BENCH_QUICK=1 npm run bench:archives    the small ones: a smoke run of the benchmark itself
//   BENCH_ONLY=photos npm run bench:archives   the archives and phases whose name matches (the document is left alone)
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock } from '../../main/clock';
import { MAX_ROWS } from '../../main/archive/activities-csv';
import { buildCli } from '../../scripts/build-cli.mjs';
import {
  activitiesCsv,
  ENGLISH_HEADER,
  englishDate,
  fromSimulator,
  type ArchiveSpec,
} from '../support/archive-fixture';
import {
  csvOfColumns,
  csvOfRows,
  fitOfRecords,
  gpxOfPoints,
  repeated,
  tcxOfElements,
  writeHostileArchive,
  writeManyEntriesZip,
  type HostileEntry,
} from '../support/hostile-archives';
import { progress, round, stopwatch } from './stats';
import { ATHLETE, UNLIMITED, openSplits, startSim } from './world';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'splits.js');
const probe = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;
const quick = process.env.BENCH_QUICK === '1';
const MB = 1024 * 1024;
/** Rows of the large archives: some 1.2 KB each, just under the 128 MB activities.csv Splits reads. */
const LARGE = 100_000;

interface Run {
  code: number | null;
  seconds: number;
  rssMb: number;
  stdout: string;
  stderr: string;
  /** From Ctrl-C to the exit, s. */
  cancelSeconds: number | null;
}

/** `splits import PATH`; with `cancel`, SIGINT once stderr shows `after` (or at once), `delayMs` later. */
function importProcess(
  env: Record<string, string>,
  zip: string,
  cancel?: { after: string | null; delayMs: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const elapsed = stopwatch();
    const child = spawn(process.execPath, ['--import', probe, bin, 'import', zip], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sentAt: number | null = null;
    let armed = false;
    const arm = () => {
      if (!cancel || armed || (cancel.after !== null && !stderr.includes(cancel.after))) return;
      armed = true;
      setTimeout(() => {
        sentAt = elapsed();
        child.kill('SIGINT');
      }, cancel.delayMs);
    };
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      arm();
    });
    arm();
    child.on('error', reject);
    child.on('exit', (code) => {
      const kb = /bench-max-rss-kb=(\d+)/.exec(stderr);
      const seconds = elapsed();
      resolve({
        code,
        seconds: round(seconds / 1000, 2),
        rssMb: kb ? round(Number(kb[1]) / 1024, 0) : NaN,
        stdout,
        stderr: stderr.replace(/\n?bench-max-rss-kb=\d+\n/, ''),
        cancelSeconds: sentAt === null ? null : round((seconds - sentAt) / 1000, 2),
      });
    });
  });
}

/** The outcome in a few words: the exit code and what Splits said first. */
function outcome(run: Run): string {
  const said =
    run.code === 0
      ? run.stdout
          .split('\n')
          .filter((l) => /could not read|activity \d+|skipped/.test(l))
          .slice(0, 2)
          .join(' ') || run.stdout.split('\n')[0]!
      : (run.stderr.split('\n').filter((l) => l.startsWith('splits:'))[0] ?? run.stderr.trim().split('\n').pop()!);
  const words = said.replace(/\s+/g, ' ').trim();
  return `exit ${run.code}: ${words.length > 160 ? `${words.slice(0, 157)}...` : words}`;
}

interface HostileArchive {
  name: string;
  /** The entries besides activities.csv (which `rows` makes unless an entry is activities.csv). */
  entries: (ids: number[]) => HostileEntry[];
  /** File names of the seeded activities' rows, by index. */
  files?: (id: number, i: number) => string | undefined;
  /** Entries by the hundred thousand: written by writeManyEntriesZip, stored, each empty. */
  many?: (i: number) => string;
  count?: number;
  quick?: boolean;
}

const ARCHIVES: HostileArchive[] = [
  {
    name: 'FIT: 64 million empty records (a record definition with no fields, then one-byte messages)',
    entries: ([a]) => [{ name: `activities/${a}.fit.gz`, data: fitOfRecords(quick ? 4 * MB : 64 * MB), gzip: true }],
    files: (id, i) => (i === 0 ? `activities/${id}.fit.gz` : undefined),
  },
  {
    name: 'FIT: three tracks of 13 million timestamps each',
    entries: (ids) =>
      ids.slice(0, 3).map((id) => ({
        name: `activities/${id}.fit.gz`,
        data: fitOfRecords(quick ? 500_000 : 13_000_000, { timestamps: true }),
        gzip: true,
      })),
    files: (id, i) => (i < 3 ? `activities/${id}.fit.gz` : undefined),
  },
  {
    name: 'GPX: 1.6 million points (64 MB)',
    entries: ([a]) => [{ name: `activities/${a}.gpx.gz`, data: gpxOfPoints(quick ? 300_000 : 1_600_000), gzip: true }],
    files: (id, i) => (i === 0 ? `activities/${id}.gpx.gz` : undefined),
  },
  {
    name: 'GPX: a gzip bomb (1 GB of spaces)',
    entries: ([a]) => [
      {
        name: `activities/${a}.gpx.gz`,
        data: repeated(Buffer.from('<gpx>'), Buffer.alloc(MB, 0x20), quick ? 80 : 1024),
        gzip: true,
      },
    ],
    files: (id, i) => (i === 0 ? `activities/${id}.gpx.gz` : undefined),
  },
  {
    name: 'TCX: 10 million empty elements in one point',
    entries: ([a]) => [
      { name: `activities/${a}.tcx.gz`, data: tcxOfElements(quick ? 1_000_000 : 10_000_000), gzip: true },
    ],
    files: (id, i) => (i === 0 ? `activities/${id}.tcx.gz` : undefined),
  },
  {
    name: 'activities.csv: 16 MB of one-cell rows',
    entries: () => [{ name: 'activities.csv', data: csvOfRows(8 * MB) }],
    quick: true,
  },
  {
    name: 'activities.csv: 127 MB of one-cell rows',
    entries: () => [{ name: 'activities.csv', data: csvOfRows(((quick ? 32 : 127) * MB) / 2) }],
  },
  {
    name: 'activities.csv: a header of 137,000 columns',
    entries: () => [{ name: 'activities.csv', data: csvOfColumns(137_000, 'Mystery') }],
    quick: true,
  },
  {
    name: 'activities.csv: 110,000 repeats of "Distance"',
    entries: () => [{ name: 'activities.csv', data: csvOfColumns(110_000) }],
    quick: true,
  },
  {
    name: 'profile.csv: a first line of 1.5 GiB',
    entries: () => [
      {
        name: 'profile.csv',
        data: repeated(Buffer.from('Athlete ID,'), Buffer.alloc(MB, 0x78), quick ? 64 : 1536, Buffer.from('\n1001\n')),
      },
    ],
  },
  {
    name: 'zip: a million photos beside the activities',
    entries: () => [],
    many: (i) => `media/${i}.jpg`,
    count: quick ? 50_000 : 1_000_000,
  },
  {
    name: 'zip: 200,001 activity files',
    entries: () => [],
    many: (i) => `activities/${i}.gpx`,
    count: quick ? 20_000 : MAX_ROWS + 1,
  },
  {
    name: 'A large real-looking archive: 100,000 activities only the archive has, 1 KB of description each (108 MB of CSV)',
    entries: () => [{ name: 'activities.csv', data: largeCsv(quick ? 20_000 : LARGE) }],
  },
  {
    name: 'The same, its rows in no order (each year file touched throughout)',
    entries: () => [{ name: 'activities.csv', data: largeCsv(quick ? 20_000 : LARGE, true) }],
  },
  {
    name: 'The same, an emoji in each description (two bytes a character in memory)',
    entries: () => [{ name: 'activities.csv', data: largeCsv(quick ? 20_000 : LARGE, false, true) }],
  },
];

/** activities.csv and profile.csv of the spec, then `count` empty entries named by `name`. */
function* manyEntries(
  spec: ArchiveSpec,
  name: (i: number) => string,
  count: number,
): Iterable<{ name: string; data: Buffer }> {
  yield { name: 'activities.csv', data: Buffer.from(activitiesCsv(spec)) };
  yield { name: 'profile.csv', data: Buffer.from(`Athlete ID\n${spec.athleteId}\n`) };
  for (let i = 0; i < count; i++) yield { name: name(i), data: Buffer.alloc(0) };
}

/** activities.csv of `count` archive-only activities with long descriptions, streamed. */
function largeCsv(count: number, shuffled = false, emoji = false): Readable {
  const start = Date.UTC(2001, 0, 1) / 1000;
  const description = `"${emoji ? '🏃 ' : ''}${'Steady miles along the river, then hills. '.repeat(24)}"`;
  const cells = (i: number) => {
    const row = ENGLISH_HEADER.map(() => '');
    row[0] = String(50_000_000 + i);
    row[1] = `"${englishDate(start + i * 3_600)}"`;
    row[2] = `Run ${i}`;
    row[3] = 'Run';
    row[4] = description;
    row[5] = '3600';
    row[17] = '10000.0';
    return `${row.join(',')}\n`;
  };
  let i = 0;
  // Shuffled by a fixed stride coprime with the count: every row once, the years interleaved.
  const stride = 7_919;
  return repeatedRows(`${ENGLISH_HEADER.join(',')}\n`, () =>
    i < count ? cells(shuffled ? (i++ * stride) % count : i++) : null,
  );
}

/** A header, then rows from `next` until it gives null, in chunks of about a megabyte. */
function repeatedRows(head: string, next: () => string | null): Readable {
  let first = true;
  return new Readable({
    read() {
      if (first) {
        first = false;
        this.push(head);
        return;
      }
      let chunk = '';
      for (let row = next(); row !== null; row = next()) {
        chunk += row;
        if (chunk.length > MB) break;
      }
      this.push(chunk === '' ? null : chunk);
    },
  });
}

interface Figure {
  name: string;
  zipMb: number;
  run: Run;
}

async function main(): Promise<void> {
  await buildCli({ quiet: true });
  const sim = await startSim(3, { clock: systemClock, limits: UNLIMITED });
  const seeded = sim.activitiesOf(ATHLETE);
  const ids = seeded.map((a) => a.id);
  const dir = await mkdtemp(join(tmpdir(), 'splits-bench-hostile-'));
  const figures: Figure[] = [];
  const cancels: Array<{ phase: string; run: Run }> = [];
  try {
    const fresh = async () => {
      const splits = await openSplits(sim, systemClock);
      const synced = await splits.services.engine.sync({ trigger: 'cli', details: false });
      if (synced.results[0]?.status !== 'ok') throw new Error('the sync before the import failed');
      return splits;
    };
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
    for (const archive of ARCHIVES.filter((a) => (!quick || a.quick !== false) && (!only || only.test(a.name)))) {
      const zip = join(dir, 'export.zip');
      const made = stopwatch();
      const filesOf = archive.files;
      const spec = {
        activities: fromSimulator(
          seeded,
          filesOf
            ? (a, i) => {
                const name = filesOf(a.id, i);
                return name ? { name, bytes: Buffer.alloc(0) } : undefined;
              }
            : undefined,
        ),
        athleteId: ATHLETE,
      };
      if (archive.many) await writeManyEntriesZip(zip, manyEntries(spec, archive.many, archive.count ?? 0));
      else await writeHostileArchive(zip, archive.entries(ids), spec);
      const zipMb = round((await stat(zip)).size / MB, 2);
      progress(`${archive.name}: ${zipMb} MB of zip, made in ${round(made() / 1000, 1)} s`);
      const splits = await fresh();
      const run = await importProcess(splits.env, zip);
      progress(`  ${run.seconds} s, ${run.rssMb} MB peak RSS; ${outcome(run)}`);
      figures.push({ name: archive.name, zipMb, run });
      await splits.dispose();
    }

    // Ctrl-C in each phase, on archives long enough in that phase.
    const phases: Array<{
      phase: string;
      entries: HostileEntry[];
      files?: (id: number, i: number) => string | undefined;
      after: string | null;
      delayMs: number;
    }> = [
      { phase: 'reading the zip (a million entries)', entries: [], after: null, delayMs: 400 },
      {
        phase: 'reading activities.csv (108 MB)',
        entries: [{ name: 'activities.csv', data: largeCsv(quick ? 40_000 : LARGE) }],
        after: 'Reading activities.csv...',
        delayMs: 300,
      },
      {
        phase: 'writing the activities (100,000 archive-only)',
        entries: [{ name: 'activities.csv', data: largeCsv(quick ? 40_000 : LARGE) }],
        after: 'Filling details...',
        delayMs: 200,
      },
      {
        phase: 'decoding tracks (FIT files of 190,000 points)',
        entries: ids.map((id) => ({
          name: `activities/${id}.fit.gz`,
          data: fitOfRecords(190_000, { timestamps: true }),
          gzip: true,
        })),
        files: (id) => `activities/${id}.fit.gz`,
        after: 'Reading original files...',
        delayMs: 300,
      },
    ];
    for (const p of phases.filter((c) => !only || only.test(c.phase))) {
      const zip = join(dir, 'cancel.zip');
      const filesOf = p.files;
      const spec = {
        activities: fromSimulator(
          seeded,
          filesOf ? (a, i) => ({ name: filesOf(a.id, i)!, bytes: Buffer.alloc(0) }) : undefined,
        ),
        athleteId: ATHLETE,
      };
      if (p.after === null)
        await writeManyEntriesZip(
          zip,
          manyEntries(spec, (i) => `media/${i}.jpg`, quick ? 100_000 : 1_000_000),
        );
      else await writeHostileArchive(zip, p.entries, spec);
      const splits = await fresh();
      const run = await importProcess(splits.env, zip, { after: p.after, delayMs: p.delayMs });
      progress(`Ctrl-C while ${p.phase}: exit ${run.code} ${run.cancelSeconds} s after it; ${outcome(run)}`);
      cancels.push({ phase: p.phase, run });
      await splits.dispose();
    }
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const markdown = report(figures, cancels);
  process.stdout.write(markdown);
  if (!quick && !process.env.BENCH_ONLY) await writeIntoDoc(markdown);
}

const BEGIN = '<!-- hostile-archives:begin -->';
const END = '<!-- hostile-archives:end -->';

function report(figures: Figure[], cancels: Array<{ phase: string; run: Run }>): string {
  const date = new Date().toISOString().slice(0, 10);
  const maxRss = Math.max(...figures.map((f) => f.run.rssMb));
  const maxCancel = Math.max(...cancels.map((c) => c.run.cancelSeconds ?? Infinity));
  const lines = [
    `_${date}, Node ${process.version}, load average ${round(loadavg()[0]!, 1)} on ${cpus().length} cores${quick ? ', quick sizes' : ''}. Peak RSS at most ${maxRss} MB (target below 1,024: ${maxRss < 1024 ? 'met' : 'NOT met'}); Ctrl-C ends an import within ${maxCancel} s (target 2 s: ${maxCancel <= 2 ? 'met' : 'NOT met'})._`,
    '',
    '| Archive | Zip | Time | Peak RSS | Outcome |',
    '|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.zipMb} MB | ${f.run.seconds} s | ${f.run.rssMb} MB | ${outcome(f.run).replace(/\|/g, '\\|')} |`,
    ),
    '',
    '| Ctrl-C while | Exit | From Ctrl-C to exit |',
    '|---|---|---|',
    ...cancels.map((c) => `| ${c.phase} | ${c.run.code} | ${c.run.cancelSeconds} s |`),
    '',
  ];
  return `${lines.join('\n')}`;
}

async function writeIntoDoc(markdown: string): Promise<void> {
  const path = join(root, 'docs', 'reliability.md');
  const doc = await readFile(path, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/reliability.md has no ${BEGIN} ... ${END}`);
  await writeFile(path, `${doc.slice(0, begin)}${BEGIN}\n${markdown}${doc.slice(end)}`);
}

await main();
