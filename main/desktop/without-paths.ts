import { realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';

/** What a file path becomes in a message for the window. */
const A_FILE = "a file in Splits' data folder";

/** The rest of a path, to the end of its word. */
const REST = '[^\\s()"\'`,;]*';

/** Where a root named alone ends: the end of its word, or a sentence's punctuation. */
const END = '$|[\\s()"\'`,;]|[.:]+(?:$|[\\s()"\'`,;])';

/** A path from the home folder (~/), a drive or a share, at the start of a word: a file, wherever it is. */
const ALWAYS_A_FILE = new RegExp(`(?<=^|[\\s("'])(?:~/|[A-Za-z]:\\\\|\\\\\\\\)${REST}`, 'g');

/**
 * File paths stay in main (docs/architecture.md): at the doors to the window (IPC results and events), a path under
 * one of the known roots (the data folder, the home folder, the temp folder, the app's own folders) is said as "a file
 * in Splits' data folder". A path from the root under none of them is left: it is not a file of this person's
 * (`/athlete/activities` is Strava's API, `/usr/lib` is the system's), and a path Splits was given to read or write
 * elsewhere (an archive, an export folder) is named in words where the message is made. A path from `~`, a drive or
 * a share is a file whatever its root.
 */
export class PathScrubber {
  /** A path under one of the roots, at the start of a word; a root may hold spaces ("/Volumes/Backup Disk"). */
  private readonly underARoot: RegExp | null;

  constructor(roots: readonly string[]) {
    // Only roots from "/" are asked about (a drive's or a share's paths are files anyway), and "/" itself is none:
    // every API path is under it. The longest first: a folder inside another is said as itself.
    const posix = [...new Set(roots.map((root) => root.replace(/\/+$/, '')).filter((root) => root.startsWith('/')))];
    const alternatives = posix
      .sort((a, b) => b.length - a.length)
      .map((root) => root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.underARoot =
      alternatives.length === 0
        ? null
        : new RegExp(`(?<=^|[\\s("'])(?:${alternatives.join('|')})(?:/${REST})?(?=${END})`, 'g');
  }

  /** The message with the files under the known roots (and on a drive, a share, or from ~/) said in words. */
  text(message: string): string {
    if (!/[/\\]/.test(message)) return message;
    const inWords = (path: string) => `${A_FILE}${/[.:]+$/.exec(path)?.[0] ?? ''}`;
    const rooted = this.underARoot ? message.replace(this.underARoot, inWords) : message;
    return rooted.replace(ALWAYS_A_FILE, inWords);
  }

  /** A value as it leaves by a door: every string in it scrubbed (plain data: what the contract's schemas parsed). */
  value<T>(value: T): T {
    return scrubbed(value, (text) => this.text(text)) as T;
  }
}

/**
 * The roots a desktop's messages may name files under: its data folder, the person's home and temp folders, and the
 * app's own folders (where it is installed, its logs), each also as the file system resolves it (macOS's /var is
 * /private/var).
 */
export function knownRoots(dataDir: string, appFolders: readonly string[] = []): string[] {
  const roots = [dataDir, homedir(), tmpdir(), ...appFolders];
  return roots.flatMap((root) => [root, resolved(root)]).filter((root): root is string => root !== null);
}

function resolved(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

function scrubbed(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, text));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, text)]));
  return value;
}
