import { join } from 'node:path';
import { z } from 'zod';
import type { StravaTokens, TokenVault } from '../strava/token-keeper';
import { SharedDocument, type ProblemReporter } from './json-document';

const tokensSchema = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1), expiresAt: z.number().int() });
const fileSchema = z.object({ version: z.literal(1), tokens: z.record(z.string(), tokensSchema) });

export const TOKEN_FILE = 'cli-tokens.json';

/**
 * The CLI's tokens: a file readable by its owner alone (0600), written atomically. (The desktop app keeps its own
 * tokens encrypted with the operating system's keychain.)
 */
export class TokenFile implements TokenVault {
  private constructor(
    readonly path: string,
    private readonly doc: SharedDocument<z.infer<typeof fileSchema>>,
  ) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<TokenFile> {
    const path = join(dataDir, TOKEN_FILE);
    return new TokenFile(path, await SharedDocument.open(path, { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, tokens: {} }), mode: 0o600 }, report));
  }

  async get(athleteId: number): Promise<StravaTokens | null> {
    const t = this.doc.data.tokens[String(athleteId)];
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
}
