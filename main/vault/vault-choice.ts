import { join } from 'node:path';
import { z } from 'zod';
import { SharedDocument, type DocumentSpec, type ProblemReporter } from '../store/json-document';
import { VaultUnavailableError, type PlainTextConsent, type VaultKind } from './secret-vault';

export const VAULT_CHOICE_FILE = 'vault.json';

const kindSchema = z.enum(['keychain', 'file']);

const fileSchema = z.object({
  version: z.literal(1),
  /** Null until the first process on the data folder chooses. */
  kind: kindSchema.nullable(),
  chosenAt: z.number().nullable(),
  /** When the person agreed to keep secrets in the plain file (the desktop app asks); null if nobody did. */
  plainTextConsentAt: z.number().nullable(),
  /**
   * Set while secrets move out of the keychain into the file (SPLITS_VAULT=file over an earlier keychain), so that a
   * move cut short is finished at the next start. A move out of the file needs no mark: the file is read at every start.
   */
  movingFrom: kindSchema.nullable(),
});
type ChoiceDocument = z.infer<typeof fileSchema>;

const SPEC: DocumentSpec<ChoiceDocument> = {
  schema: fileSchema,
  version: 1,
  empty: () => ({ version: 1 as const, kind: null, chosenAt: null, plainTextConsentAt: null, movingFrom: null }),
};

/**
 * Which vault holds a data folder's secrets, chosen once and kept in `vault.json` (no secret in it), so that every
 * process on the folder uses the same one, and a keychain that stops answering is said rather than silently replaced.
 * A corrupt file is set aside like the store's files, and the choice is made again.
 */
export class VaultChoice implements PlainTextConsent {
  private constructor(
    readonly path: string,
    private readonly doc: SharedDocument<ChoiceDocument>,
  ) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<VaultChoice> {
    const path = join(dataDir, VAULT_CHOICE_FILE);
    return new VaultChoice(path, await SharedDocument.open(path, SPEC, report));
  }

  get kind(): VaultKind | null {
    return this.doc.data.kind;
  }

  get chosenAt(): number | null {
    return this.doc.data.chosenAt;
  }

  get movingFrom(): VaultKind | null {
    return this.doc.data.movingFrom;
  }

  async record(kind: VaultKind, now: number, movingFrom: VaultKind | null = null): Promise<void> {
    await this.doc.change((data) => {
      data.kind = kind;
      data.chosenAt = now;
      data.movingFrom = movingFrom;
    });
  }

  async moveFinished(): Promise<void> {
    await this.doc.change((data) => {
      data.movingFrom = null;
    });
  }

  given(): boolean {
    return this.doc.data.plainTextConsentAt !== null;
  }

  async give(now: number = Date.now()): Promise<void> {
    await this.doc.change((data) => {
      if (data.kind === 'keychain') throw keychainChosenMeanwhile();
      data.plainTextConsentAt ??= now;
      // Agreeing to plain text is choosing the file (a start that found no keychain left the choice open).
      if (data.kind === null) {
        data.kind = 'file';
        data.chosenAt = now;
      }
    });
  }

  /** See PlainTextConsent.settle. */
  async settle(now: number = Date.now()): Promise<void> {
    await this.doc.change((data) => {
      if (data.kind === 'keychain') throw keychainChosenMeanwhile();
      if (data.kind === null) {
        data.kind = 'file';
        data.chosenAt = now;
      }
    });
  }
}

const keychainChosenMeanwhile = () =>
  new VaultUnavailableError(
    'Another Splits chose the system keychain for this data folder since this one started, so nothing was stored in the private file. ' +
      'Run the command again (or restart Splits): it will keep your secrets in the keychain.',
  );
