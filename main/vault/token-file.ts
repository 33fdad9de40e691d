import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { StravaTokens } from '../strava/token-keeper';
import {
  clientCredentialsSchema,
  PlainTextConsentNeededError,
  tokensSchema,
  type ClientCredentials,
  type PlainTextConsent,
  type SecretVault,
} from './secret-vault';
import { fileIdentity, type FileIdentity } from './file-identity';
import { whileVaultLocked } from './vault-lock';
import { SharedDocument, type DocumentSpec, type ProblemReporter } from '../store/json-document';

const fileSchema = z.object({
  version: z.literal(2),
  tokens: z.record(z.string(), tokensSchema),
  /** The Strava application's client id and secret, entered once (in the desktop app) for every process. */
  client: clientCredentialsSchema.nullable(),
});
type TokenDocument = z.infer<typeof fileSchema>;

const SPEC: DocumentSpec<TokenDocument> = {
  schema: fileSchema,
  version: 2,
  empty: () => ({ version: 2 as const, tokens: {}, client: null }),
  mode: 0o600,
};

export const TOKEN_FILE = 'cli-tokens.json';

/** A file opened by itself (the CLI, tests) may take new secrets: the CLI consents implicitly. */
const IMPLICIT_CONSENT: PlainTextConsent = { given: () => true, give: async () => undefined };

/**
 * The file vault: tokens and client credentials in a file readable by its owner alone (0600), written atomically,
 * shared by every process on the data folder (`splits sync`, `splits watch`, the desktop app). Used where no system
 * keychain answers (main/vault/open-vault.ts), and read by the move into the keychain. Every read asks the file:
 * another process may have rotated the refresh token since, and Strava kills the old one at once. What the file held
 * is read again only when the file at the path is another (main/vault/file-identity.ts): a sync asks for the access
 * token before every request, and a read of the file waits behind the store's writes in libuv's threadpool.
 */
export class TokenFile implements SecretVault {
  readonly kind = 'file' as const;
  /** What the file held when last read, and the identity the file had just before that read. */
  private lastRead: { identity: FileIdentity; data: TokenDocument } | null = null;

  private constructor(
    readonly path: string,
    private readonly report: ProblemReporter,
    private readonly doc: SharedDocument<TokenDocument>,
    private readonly consent: PlainTextConsent,
  ) {}

  static async open(
    dataDir: string,
    report: ProblemReporter,
    consent: PlainTextConsent = IMPLICIT_CONSENT,
  ): Promise<TokenFile> {
    const path = join(dataDir, TOKEN_FILE);
    return new TokenFile(path, report, await SharedDocument.open(path, SPEC, report), consent);
  }

  get location(): string {
    return this.path;
  }

  async get(athleteId: number): Promise<StravaTokens | null> {
    const t = (await this.fresh()).tokens[String(athleteId)];
    return t ? { ...t } : null;
  }

  async athletes(): Promise<number[]> {
    return Object.keys((await this.fresh()).tokens)
      .map(Number)
      .filter(Number.isSafeInteger);
  }

  async set(athleteId: number, tokens: StravaTokens): Promise<void> {
    if (!(await this.get(athleteId))) {
      this.requireConsent();
      await this.consent.settle?.();
    }
    await this.change((data) => {
      // A refresh replaces tokens already here; only a new sign-in needs consent (refusing a refresh would lose the
      // token Strava just rotated).
      if (!data.tokens[String(athleteId)]) this.requireConsent();
      data.tokens[String(athleteId)] = { ...tokens };
    });
  }

  async delete(athleteId: number): Promise<void> {
    await this.change((data) => {
      delete data.tokens[String(athleteId)];
    });
  }

  async getCredentials(): Promise<ClientCredentials | null> {
    const client = (await this.fresh()).client;
    return client ? { ...client } : null;
  }

  async setCredentials(credentials: ClientCredentials): Promise<void> {
    const parsed = clientCredentialsSchema.parse(credentials);
    this.requireConsent();
    await this.consent.settle?.();
    await this.change((data) => {
      this.requireConsent();
      data.client = parsed;
    });
  }

  async deleteCredentials(): Promise<void> {
    await this.change((data) => {
      data.client = null;
    });
  }

  /** One refresh at a time across processes, under the data folder's vault lock (main/vault/vault-lock.ts). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return whileVaultLocked(dirname(this.path), task);
  }

  needsPlainTextConsent(): boolean {
    return !this.consent.given();
  }

  consentToPlainText(): Promise<void> {
    return this.consent.give();
  }

  /**
   * The file's content now. The identity is taken before the read: a file replaced between the two pairs the older
   * identity with the newer content, and the next look finds another identity and reads again. Never the reverse,
   * which would keep an older content under the identity of the file that replaced it.
   */
  private async fresh(): Promise<TokenDocument> {
    const identity = fileIdentity(this.path);
    if (identity !== null && this.lastRead?.identity === identity) return this.lastRead.data;
    const data = (await SharedDocument.open(this.path, SPEC, this.report)).data;
    // Without an identity (no file, a link, a path that cannot be looked at) every call reads, as before: the read
    // says what is wrong. A damaged file is moved aside by its read, and the next call finds none.
    this.lastRead = identity === null ? null : { identity, data };
    return data;
  }

  /**
   * Writes through the shared document, then forgets what was read: the file renamed into place is new anyway, and
   * the next read costs one file read after a change (a refresh, a login), not one a request.
   */
  private async change(apply: (data: TokenDocument) => void): Promise<void> {
    try {
      await this.doc.change(apply);
    } finally {
      this.lastRead = null;
    }
  }

  private requireConsent(): void {
    if (!this.consent.given()) throw new PlainTextConsentNeededError(this.path);
  }
}
