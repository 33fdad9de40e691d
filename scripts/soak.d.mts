// Types of scripts/soak.mjs for the test that runs it.
export interface SoakFigures {
  id: string;
  title: string;
  markdown: string;
}
export interface SoakRun {
  date: string;
  node: string;
  load: string;
  cores: number;
  passed: boolean;
}
export const BEGIN: string;
export const END: string;
export function readFigures(dir: string): Promise<SoakFigures[]>;
export function mergeFigures(doc: string, figures: SoakFigures[], run: SoakRun): string;
export function runSoak(options?: {
  args?: string[];
  doc?: string;
  /** Runs the long variants with this environment (SPLITS_SOAK_FIGURES set); resolves with the exit code. */
  runVariants?: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
  /** Where the report goes (each variant's figures, then whether the run passed); standard output by default. */
  out?: { write(text: string): unknown };
}): Promise<number>;
