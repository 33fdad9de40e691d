// The client id and secret checked as the person types, by the rule main's door applies (common/credentials.ts), in
// its words: nothing doomed is sent, and main checks again.
import type { z } from 'zod';
import { clientIdSchema, clientSecretSchema } from '../../../../common/credentials';

/** What is wrong with the client id, or null. Empty counts as wrong only once the person tried to send it. */
export const clientIdProblem = (text: string, attempted: boolean): string | null =>
  problem(clientIdSchema, text, attempted);

export const clientSecretProblem = (text: string, attempted: boolean): string | null =>
  problem(clientSecretSchema, text, attempted);

/** The first thing wrong (the checks are in the order the person would fix them), or null. */
function problem(rule: z.ZodType<string>, text: string, attempted: boolean): string | null {
  if (text.trim() === '' && !attempted) return null;
  const verdict = rule.safeParse(text);
  return verdict.success ? null : verdict.error.issues[0]!.message;
}
