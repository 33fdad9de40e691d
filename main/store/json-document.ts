import { rename } from 'node:fs/promises';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { AtomicJsonFile } from './atomic-json-file';

/** A file that could not be read and was moved aside; the person is told and the data comes back from Strava. */
export interface StoreProblem {
  file: string;
  movedTo: string;
  reason: string;
  at: number;
}

export type ProblemReporter = (problem: StoreProblem) => void;

export interface DocumentSpec<T extends { version: number }> {
  schema: z.ZodType<T>;
  version: number;
  empty: () => T;
  /** Upgrades an older file, one version at a time; absent while there is only version 1. */
  migrations?: Record<number, (older: Record<string, unknown>) => Record<string, unknown>>;
  mode?: number;
}

/**
 * Opens a lowdb document: missing means empty; unreadable or invalid means moved aside as
 * `<name>.corrupt-<timestamp>.json`, reported, and started empty. Nothing is silently dropped.
 */
export async function openDocument<T extends { version: number }>(
  path: string,
  spec: DocumentSpec<T>,
  report: ProblemReporter,
  now: () => number = Date.now,
): Promise<Low<T>> {
  const adapter = new AtomicJsonFile<T>(path, spec.mode);
  let data: T | null = null;
  try {
    const raw = (await adapter.read()) as unknown;
    if (raw !== null) data = parse(raw, spec);
  } catch (error) {
    const at = now();
    const movedTo = path.replace(/\.json$/, '') + `.corrupt-${new Date(at).toISOString().replace(/[:.]/g, '-')}.json`;
    await rename(path, movedTo);
    report({ file: path, movedTo, reason: error instanceof Error ? error.message : String(error), at });
  }
  const db = new Low<T>(adapter, spec.empty());
  db.data = data ?? spec.empty();
  return db;
}

function parse<T extends { version: number }>(raw: unknown, spec: DocumentSpec<T>): T {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
  let doc = raw as Record<string, unknown>;
  const version = typeof doc.version === 'number' ? doc.version : 0;
  if (version > spec.version) throw new Error(`written by a newer Splits (version ${version})`);
  for (let v = version; v < spec.version; v++) {
    const step = spec.migrations?.[v];
    if (!step) throw new Error(`no migration from version ${v}`);
    doc = { ...step(doc), version: v + 1 };
  }
  const result = spec.schema.safeParse(doc);
  if (!result.success) throw new Error(`invalid: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return result.data;
}

/**
 * A document that other processes write too (accounts, the CLI's tokens: a login does not wait for a sync's lock).
 * Every change reads the file afresh, applies itself and writes, so it never writes back a stale copy.
 */
export class SharedDocument<T extends { version: number }> {
  private constructor(
    private readonly path: string,
    private readonly spec: DocumentSpec<T>,
    private readonly report: ProblemReporter,
    private doc: Low<T>,
  ) {}

  static async open<T extends { version: number }>(path: string, spec: DocumentSpec<T>, report: ProblemReporter): Promise<SharedDocument<T>> {
    return new SharedDocument(path, spec, report, await openDocument(path, spec, report));
  }

  get data(): T {
    return this.doc.data;
  }

  async change(apply: (data: T) => void): Promise<void> {
    this.doc = await openDocument(this.path, this.spec, this.report);
    apply(this.doc.data);
    await this.doc.write();
  }
}
