import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The long variants (`npm run test:soak`) each record what they measured here; the soak runner gathers these files
// into docs/reliability.md once every variant has run. Outside a soak run (no SPLITS_SOAK_FIGURES) nothing is kept.

export interface SoakFigures {
  /** A stable id, also the file name: 'crash-cli', 'faults-full-sync', ... */
  id: string;
  /** The heading in docs/reliability.md. */
  title: string;
  /** Markdown: a table or a list of what was measured, and whether each target was met. */
  markdown: string;
}

export async function recordSoakFigures(figures: SoakFigures): Promise<void> {
  const dir = process.env.SPLITS_SOAK_FIGURES;
  if (!dir) return;
  if (!/^[a-z0-9-]+$/.test(figures.id))
    throw new Error(`soak figure id "${figures.id}" must be lower-case words joined by -`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${figures.id}.json`), `${JSON.stringify(figures)}\n`);
}
