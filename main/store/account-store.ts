import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { openDocument, type ProblemReporter } from './json-document';

export const accountStateSchema = z.enum(['connected', 'needs-login']);

const accountSchema = z.object({
  athleteId: z.number().int().positive(),
  name: z.string(),
  scope: z.string(),
  state: accountStateSchema,
  /** Why a login is needed, in words for the person. */
  stateMessage: z.string().nullable(),
  connectedAt: z.number(),
});
export type Account = z.infer<typeof accountSchema>;

const fileSchema = z.object({ version: z.literal(1), accounts: z.array(accountSchema) });

/** The connected athletes (no tokens here: those live in a TokenVault). */
export class AccountStore {
  private constructor(private readonly doc: Low<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<AccountStore> {
    return new AccountStore(await openDocument(join(dataDir, 'accounts.json'), { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, accounts: [] }) }, report));
  }

  list(): Account[] {
    return this.doc.data.accounts.map((a) => ({ ...a }));
  }

  get(athleteId: number): Account | undefined {
    return this.doc.data.accounts.find((a) => a.athleteId === athleteId);
  }

  async save(account: Account): Promise<void> {
    const rest = this.doc.data.accounts.filter((a) => a.athleteId !== account.athleteId);
    this.doc.data.accounts = [...rest, account].sort((a, b) => a.connectedAt - b.connectedAt);
    await this.doc.write();
  }

  async setState(athleteId: number, state: Account['state'], message: string | null): Promise<void> {
    const account = this.get(athleteId);
    if (!account || (account.state === state && account.stateMessage === message)) return;
    account.state = state;
    account.stateMessage = message;
    await this.doc.write();
  }

  async remove(athleteId: number): Promise<void> {
    this.doc.data.accounts = this.doc.data.accounts.filter((a) => a.athleteId !== athleteId);
    await this.doc.write();
  }
}
