import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { z } from 'zod';
import { StravaError } from '../strava/errors';
import type { StravaTokens, TokenVault } from '../strava/token-keeper';
import { SharedDocument, type DocumentSpec, type ProblemReporter } from './json-document';

const tokensSchema = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1), expiresAt: z.number().int() });
const fileSchema = z.object({ version: z.literal(1), tokens: z.record(z.string(), tokensSchema) });
type TokenDocument = z.infer<typeof fileSchema>;

const SPEC: DocumentSpec<TokenDocument> = { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, tokens: {} }), mode: 0o600 };

export const TOKEN_FILE = 'cli-tokens.json';

/**
 * How long a refresh may wait for another process's: longer than one token request can take (its 30 s time-out, never
 * retried) plus the lock's staleness, after which a crashed holder's lock is taken over.
 */
const LOCK_STALE_MS = 10_000;
const LOCK_RETRIES = { retries: 120, factor: 1.3, minTimeout: 25, maxTimeout: 500, randomize: true };

/**
 * The CLI's tokens: a file readable by its owner alone (0600), written atomically, shared by every process on the data
 * folder (`splits sync`, `splits watch`, the desktop app). Every read goes to the file: another process may have
 * rotated the refresh token since, and Strava kills the old one at once. (The desktop app keeps its own tokens
 * encrypted with the operating system's keychain.)
 */
export class TokenFile implements TokenVault {
  private constructor(
    readonly path: string,
    private readonly report: ProblemReporter,
    private readonly doc: SharedDocument<TokenDocument>,
  ) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<TokenFile> {
    const path = join(dataDir, TOKEN_FILE);
    return new TokenFile(path, report, await SharedDocument.open(path, SPEC, report));
  }

  async get(athleteId: number): Promise<StravaTokens | null> {
    const fresh = await SharedDocument.open(this.path, SPEC, this.report);
    const t = fresh.data.tokens[String(athleteId)];
    return t ? { ...t } : null;
  }

  async set(athleteId: number, tokens: StravaTokens): Promise<void> {
    await this.doc.change((data) => {
      data.tokens[String(athleteId)] = { ...tokens };
    });
  }

  async delete(athleteId: number): Promise<void> {
    await this.doc.change((data) => {
      delete data.tokens[String(athleteId)];
    });
  }

  /**
   * One refresh at a time across processes: a lock beside the file (`cli-tokens.json.lock`, proper-lockfile: atomic
   * mkdir, mtime kept fresh, stale by age), so two processes never spend the same refresh token.
   */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    let release: () => Promise<void>;
    try {
      release = await lock(this.path, {
        realpath: false,
        lockfilePath: `${this.path}.lock`,
        stale: LOCK_STALE_MS,
        retries: LOCK_RETRIES,
        // Losing the lock mid-refresh is survivable: a refresh Strava then rejects re-reads the file before anyone
        // is asked to log in. The default would throw from a timer and end the process.
        onCompromised: () => undefined,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      throw new StravaError('unreachable', 'Another Splits process has been renewing the Strava sign-in for over a minute. Splits tries again at the next sync.', {
        reason: 'token-lock-busy',
      });
    }
    try {
      return await task();
    } finally {
      await release().catch(() => undefined); // already released when compromised
    }
  }
}
