import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientIdSchema, clientSecretSchema } from '../../../common/credentials';
import { credentialsInputSchema } from '../../../preload/payloads';
import { clientIdProblem, clientSecretProblem } from '../../../renderer/src/features/guide/credentials-rules';

// The guide checks as the person types by the one rule main's door applies (common/credentials.ts). These hold the rule
// itself (what a Strava client id and secret look like), the words of each refusal, and that main's door says the same.
describe('the credential rules', () => {
  const space = fc.constantFrom(' ', '\t', '\n');
  const pad = (text: fc.Arbitrary<string>) =>
    fc
      .tuple(fc.array(space, { maxLength: 2 }), text, fc.array(space, { maxLength: 2 }))
      .map(([a, t, b]) => a.join('') + t + b.join(''));

  it("are main's door's", () => {
    expect(credentialsInputSchema.shape.clientId).toBe(clientIdSchema);
    expect(credentialsInputSchema.shape.clientSecret).toBe(clientSecretSchema);
  });

  it('the client id: 1 to 12 digits, spaces around it ignored', () => {
    fc.assert(
      fc.property(pad(fc.stringMatching(/^\d{1,12}$/)), (text) => {
        expect(clientIdProblem(text, true)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(pad(fc.stringMatching(/^\d{13,20}$/)), (text) => {
        expect(clientIdProblem(text, true)).toBe('That is longer than any Strava Client ID: copy the number alone.');
      }),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{0,6}$/),
        fc.stringMatching(/^[^\d\s]$/),
        fc.stringMatching(/^\d{0,12}$/),
        (a, odd, b) => {
          expect(clientIdProblem(a + odd + b, true)).toBe(
            'The Client ID is digits only, the number shown on strava.com/settings/api.',
          );
        },
      ),
    );
    expect(clientIdProblem('12 34', true)).toBe(
      'The Client ID is digits only, the number shown on strava.com/settings/api.',
    );
    expect(clientIdProblem(' ', true)).toBe('Enter the Client ID: the number shown on strava.com/settings/api.');
  });

  it('the client secret: 1 to 200 characters without spaces, spaces around it ignored', () => {
    const secret = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(pad(secret(1, 200)), (text) => {
        expect(clientSecretProblem(text, true)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(pad(secret(201, 260)), (text) => {
        expect(clientSecretProblem(text, true)).toBe(
          'That is longer than any Strava Client Secret: copy the secret alone.',
        );
      }),
    );
    fc.assert(
      fc.property(secret(1, 100), space, secret(1, 150), (a, s, b) => {
        expect(clientSecretProblem(a + s + b, true)).toBe('A Client Secret has no spaces: copy the secret alone.');
      }),
    );
    expect(clientSecretProblem('\t', true)).toBe(
      'Enter the Client Secret shown (after "show") on strava.com/settings/api.',
    );
  });

  it("main's door refuses with the guide's words", () => {
    const pairs: Array<[string, string]> = [
      ['12a', 'abc'],
      ['1234567890123', 'abc'],
      ['', 'abc'],
      ['123', 'ab cd'],
      ['123', 'x'.repeat(201)],
      ['123', ' '],
    ];
    for (const [clientId, clientSecret] of pairs) {
      const refused = credentialsInputSchema.safeParse({ clientId, clientSecret });
      expect(refused.success, `${clientId} / ${clientSecret}`).toBe(false);
      expect(refused.error!.issues[0]!.message).toBe(
        clientIdProblem(clientId, true) ?? clientSecretProblem(clientSecret, true),
      );
    }
  });

  it('an empty field is not an error until the person tries to send it', () => {
    expect(clientIdProblem('', false)).toBeNull();
    expect(clientIdProblem('', true)).not.toBeNull();
    expect(clientSecretProblem('  ', false)).toBeNull();
    expect(clientSecretProblem('  ', true)).not.toBeNull();
  });
});
