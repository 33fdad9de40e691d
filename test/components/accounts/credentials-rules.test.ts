import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialsInputSchema } from '../../../preload/payloads';
import { clientIdProblem, clientSecretProblem } from '../../../renderer/src/features/guide/credentials-rules';

// The guide checks as the person types with rules of its own (the renderer has no zod): they must accept exactly what
// main's door accepts, or the guide would refuse good credentials or send doomed ones.
describe("the guide's credential rules agree with main's schema", () => {
  const idSchema = credentialsInputSchema.shape.clientId;
  const secretSchema = credentialsInputSchema.shape.clientSecret;
  const idLike = fc.oneof(fc.stringMatching(/^\s?\d{0,14}\s?$/), fc.string({ maxLength: 16 }));
  const secretLike = fc.oneof(fc.stringMatching(/^\s?[0-9a-f]{0,40}( [0-9a-f]{1,4})?\s?$/), fc.string({ maxLength: 210 }), fc.stringMatching(/^[a-z]{190,210}$/));

  it('the client id', () => {
    fc.assert(
      fc.property(idLike, (text) => {
        expect(clientIdProblem(text, true) === null).toBe(idSchema.safeParse(text).success);
      }),
    );
  });

  it('the client secret', () => {
    fc.assert(
      fc.property(secretLike, (text) => {
        expect(clientSecretProblem(text, true) === null).toBe(secretSchema.safeParse(text).success);
      }),
    );
  });

  it('an empty field is not an error until the person tries to send it', () => {
    expect(clientIdProblem('', false)).toBeNull();
    expect(clientIdProblem('', true)).not.toBeNull();
    expect(clientSecretProblem('  ', false)).toBeNull();
    expect(clientSecretProblem('  ', true)).not.toBeNull();
  });
});
