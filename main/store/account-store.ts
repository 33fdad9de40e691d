import { join } from 'node:path';
import { z } from 'zod';
import { SharedDocument, type ProblemReporter } from './json-document';

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
  private constructor(private readonly doc: SharedDocument<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<AccountStore> {
    return new AccountStore(
      await SharedDocument.open(
        join(dataDir, 'accounts.json'),
        { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, accounts: [] }) },
        report,
      ),
    );
  }

  /** Reads the file again (another process, or a sync, may have changed it). */
  reload(): Promise<void> {
    return this.doc.reload();
  }

  list(): Account[] {
    return this.doc.data.accounts.map((a) => ({ ...a }));
  }

  get(athleteId: number): Account | undefined {
    const account = this.doc.data.accounts.find((a) => a.athleteId === athleteId);
    return account && { ...account };
  }

  async save(account: Account): Promise<void> {
    await this.doc.change((data) => {
      data.accounts = [...data.accounts.filter((a) => a.athleteId !== account.athleteId), account].sort(
        (a, b) => a.connectedAt - b.connectedAt,
      );
    });
  }

  async setState(athleteId: number, state: Account['state'], message: string | null): Promise<void> {
    const current = this.get(athleteId);
    if (!current || (current.state === state && current.stateMessage === message)) return;
    await this.doc.change((data) => {
      const account = data.accounts.find((a) => a.athleteId === athleteId);
      if (!account) return;
      account.state = state;
      account.stateMessage = message;
    });
  }

  async remove(athleteId: number): Promise<void> {
    await this.doc.change((data) => {
      data.accounts = data.accounts.filter((a) => a.athleteId !== athleteId);
    });
  }
}
