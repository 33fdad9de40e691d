import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../preload/payloads';
import { parseInterval } from '../../../renderer/src/features/settings/interval-rule';

// The settings view checks the interval as typed with a rule of its own (the renderer has no zod): it must accept
// exactly what main's settings schema accepts.
describe("the settings view's interval rule agrees with main's schema", () => {
  const schema = settingsSchema.shape.syncIntervalMinutes;
  it('for any text typed', () => {
    const typed = fc.oneof(fc.integer({ min: -100, max: 3000 }).map(String), fc.double({ min: 0, max: 2000, noNaN: true }).map(String), fc.string({ maxLength: 6 }), fc.constantFrom('1e2', '0x20', ' 30 ', '30.0', '-0'));
    fc.assert(
      fc.property(typed, (text) => {
        const parsed = parseInterval(text);
        // What the field would send, had the rule let it: the number the person typed.
        const accepted = schema.safeParse(text.trim() === '' ? Number.NaN : Number(text)).success;
        expect('minutes' in parsed).toBe(accepted);
        if ('minutes' in parsed) expect(schema.parse(parsed.minutes)).toBe(parsed.minutes);
      }),
    );
  });
  it('the bounds themselves', () => {
    for (const minutes of [14, 15, 1440, 1441]) expect('minutes' in parseInterval(String(minutes))).toBe(schema.safeParse(minutes).success);
  });
});
