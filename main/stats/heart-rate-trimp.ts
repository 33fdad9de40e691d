/**
 * Banister's training impulse with the coefficients of his study of men (0.64 and 1.92): the app asks nobody's sex,
 * and these weigh hard efforts a little more than the women's (0.86 and 1.67), which is the safer side for fatigue.
 * TRIMP = minutes × x × 0.64 × e^(1.92 x), where x is the heart-rate reserve used: (average − resting) / (max −
 * resting), held between 0 and 1 (an average above the max set is a max set too low, not a bigger effort).
 */
export const TRIMP_A = 0.64;
export const TRIMP_B = 1.92;

export function heartRateTrimp(
  movingTimeS: number,
  averageHr: number | null,
  maxHr: number | null,
  restingHr: number | null,
): number | null {
  if (averageHr === null || maxHr === null || restingHr === null || maxHr <= restingHr || movingTimeS <= 0) return null;
  const reserve = Math.min(1, Math.max(0, (averageHr - restingHr) / (maxHr - restingHr)));
  return (movingTimeS / 60) * reserve * TRIMP_A * Math.exp(TRIMP_B * reserve);
}
