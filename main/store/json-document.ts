import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { lock } from 'proper-lockfile';
import type { z } from 'zod';
import { AtomicJsonFile } from './atomic-json-file';
import { LINK_REASON, LinkInDataFolderError, setAside } from './no-follow';
import { PRIVATE_FOLDER_MODE } from './private-files';
import { issuesWithoutContent } from './problem-reasons';
import type { WriteFence } from './write-fence';

/** A file that could not be read and was moved aside; the person is told and the data comes back from Strava. */
export interface StoreProblem {
  file: string;
  movedTo: string;
  reason: string;
  at: number;
}

export type ProblemReporter = (problem: StoreProblem) => void;

/**
 * Checks a parsed document and returns it typed, or throws an Error naming what is wrong. A zod schema, or for large
 * documents that only Splits writes, a cheaper hand-written check of their envelope.
 */
export type DocumentCheck<T> = z.ZodType<T> | ((doc: Record<string, unknown>) => T);

export interface DocumentSpec<T extends { version: number }> {
  schema: DocumentCheck<T>;
  version: number;
  empty: () => T;
  /** Upgrades an older file, one version at a time; absent while there is only version 1. */
  migrations?: Record<number, (older: Record<string, unknown>) => Record<string, unknown>>;
  /** The file's mode; private (0600) unless said otherwise. */
  mode?: number;
}

/**
 * Opens a lowdb document: missing means empty. A file that is not JSON, or fails its migration or schema, is corrupt:
 * moved aside as `<name>.corrupt-<timestamp>.json`, reported, and started empty; so is a link in its place (the link
 * moved, never what it points to, which is neither read nor changed). A file that cannot be read at all (permissions,
 * a disk error) is not corrupt: StoreFileUnreadableError propagates and the file stays where it is. A report never
 * quotes what the file holds.
 */
export async function openDocument<T extends { version: number }>(
  path: string,
  spec: DocumentSpec<T>,
  report: ProblemReporter,
  /**
   * The data folder's write fence, or null for a file it does not stop: shared documents (every change takes a lock
   * of its own), the limiter's state, the window's seen marks.
   */
  fence: WriteFence | null,
  now: () => number = Date.now,
): Promise<Low<T>> {
  const adapter = new AtomicJsonFile<T>(path, fence, spec.mode);
  const setAsideFor = async (reason: string) => {
    const at = now();
    report({ file: path, movedTo: await setAside(path, at), reason, at });
  };
  let text: string | null = null;
  try {
    text = await adapter.readText();
  } catch (error) {
    if (!(error instanceof LinkInDataFolderError)) throw error;
    await setAsideFor(LINK_REASON);
  }
  let data: T | null = null;
  if (text !== null) {
    try {
      data = parse(text, spec);
    } catch (error) {
      await setAsideFor(error instanceof Error ? error.message : String(error));
    }
  }
  const db = new Low<T>(adapter, spec.empty());
  db.data = data ?? spec.empty();
  return db;
}

function parse<T extends { version: number }>(text: string, spec: DocumentSpec<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the file's first bytes: another application's secrets, through a link.
    throw new Error('not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
  let doc = raw as Record<string, unknown>;
  const version = typeof doc.version === 'number' ? doc.version : 0;
  if (version > spec.version) throw new Error(`written by a newer Splits (version ${version})`);
  for (let v = version; v < spec.version; v++) {
    const step = spec.migrations?.[v];
    if (!step) throw new Error(`no migration from version ${v}`);
    doc = { ...step(doc), version: v + 1 };
  }
  if (typeof spec.schema === 'function') return spec.schema(doc);
  const result = spec.schema.safeParse(doc);
  if (!result.success)
    throw new Error(`invalid: ${issuesWithoutContent(spec.schema, result.error.issues.slice(0, 3))}`);
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

  static async open<T extends { version: number }>(
    path: string,
    spec: DocumentSpec<T>,
    report: ProblemReporter,
  ): Promise<SharedDocument<T>> {
    return new SharedDocument(path, spec, report, await openDocument(path, spec, report, null));
  }

  get data(): T {
    return this.doc.data;
  }

  /**
   * Reads, changes and writes the file as one step: one at a time in this process (a login finishing while a sync
   * records an account's state), and under a lock beside the file across processes (`<file>.write.lock`), so that
   * no change is written over by another made from an older copy (a rotated refresh token, above all).
   */
  async change(apply: (data: T) => void): Promise<void> {
    return this.queued(() => this.changeLocked(apply));
  }

  /**
   * Reads the file again, in turn with this process's changes: a read that started before a change and ended after
   * it would otherwise put the older copy back in memory.
   */
  reload(): Promise<void> {
    return this.queued(async () => {
      this.doc = await openDocument(this.path, this.spec, this.report, null);
    });
  }

  private queued(task: () => Promise<void>): Promise<void> {
    const previous = changing.get(this.path) ?? Promise.resolve();
    const mine = previous.then(task);
    const settled = mine.catch(() => undefined);
    changing.set(this.path, settled);
    void settled.then(() => changing.get(this.path) === settled && changing.delete(this.path));
    return mine;
  }

  private async changeLocked(apply: (data: T) => void): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // Keyed apart from the file's own path: proper-lockfile keeps one lock per key in a process, and a token refresh
    // holds a lock keyed on the token file while it saves the new tokens through here.
    let lost: Error | null = null;
    const release = await lock(`${this.path}.write`, {
      lockfilePath: `${this.path}.write.lock`,
      realpath: false,
      stale: 10_000,
      retries: CHANGE_LOCK_RETRIES,
      // Never thrown from proper-lockfile's timer, which would end the process: this change is refused instead.
      onCompromised: (error) => void (lost = error),
    });
    try {
      this.doc = await openDocument(this.path, this.spec, this.report, null);
      apply(this.doc.data);
      if (lost)
        throw new Error(`Splits lost its lock on ${this.path} while changing it; nothing was written. Try again.`);
      await this.doc.write();
    } finally {
      await release().catch(() => undefined);
    }
  }
}

/** The change in flight for each shared file in this process. */
const changing = new Map<string, Promise<void>>();
/** A change holds the lock for milliseconds: wait up to about ten seconds for another process's. */
const CHANGE_LOCK_RETRIES = { retries: 200, factor: 1.1, minTimeout: 5, maxTimeout: 100 };
