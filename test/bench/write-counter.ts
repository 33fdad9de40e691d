// Counts the bytes this process writes to files, whichever API writes them: the store's atomic writes go through
// FileHandle.writeFile, an append-only log through FileHandle.appendFile, and a future change may use fs.appendFile
// or a sync call. Counting is armed around the step being measured only, so the benchmark's own files (the floor's
// and the peer's JSON) and tsx's compile cache never count.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

let armed = false;
let bytes = 0;
let writes = 0;

function sizeOf(data: unknown, encoding?: unknown): number {
  if (typeof data === 'string')
    return Buffer.byteLength(data, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, d) => sum + sizeOf(d), 0); // writev
  return 0;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Wraps obj[name] so that each call counts sizeOf(args[dataAt]). Skips stdout and stderr (fds 1 and 2). */
function count(obj: object, name: string, dataAt: number): void {
  const target = obj as Record<string, AnyFn>;
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function (this: unknown, ...args: unknown[]) {
    if (armed && !(dataAt > 0 && (args[0] === 1 || args[0] === 2))) {
      bytes += sizeOf(
        args[dataAt],
        typeof args[dataAt + 1] === 'object'
          ? (args[dataAt + 1] as { encoding?: unknown } | null)?.encoding
          : args[dataAt + 1],
      );
      writes++;
    }
    return original.apply(this, args);
  };
}

let installed = false;

/** Installs the hooks once. Node's own modules call their internal functions, so nothing is counted twice. */
export async function installWriteCounter(): Promise<void> {
  if (installed) return;
  installed = true;
  const probe = await fsp.open(process.execPath, 'r');
  const handleProto = Object.getPrototypeOf(probe) as object;
  await probe.close();
  for (const name of ['writeFile', 'appendFile', 'write', 'writev']) count(handleProto, name, 0);
  for (const name of ['writeFile', 'appendFile']) count(fsp, name, 1);
  for (const name of [
    'writeFile',
    'appendFile',
    'writeFileSync',
    'appendFileSync',
    'write',
    'writeSync',
    'writev',
    'writevSync',
  ])
    count(fs, name, 1);
  // `import { writeFile } from 'node:fs/promises'` binds to the ES module's exports: bring them in line.
  syncBuiltinESMExports();
}

/** Runs step with counting armed; returns its result and the bytes and write calls it made. */
export async function countWrites<T>(step: () => Promise<T>): Promise<{ result: T; bytes: number; writes: number }> {
  bytes = 0;
  writes = 0;
  armed = true;
  try {
    const result = await step();
    return { result, bytes, writes };
  } finally {
    armed = false;
  }
}
