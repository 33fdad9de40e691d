/**
 * Coggan's Training Stress Score: an hour at FTP scores 100. TSS = hours × IF² × 100, where the intensity factor IF is
 * the normalized power over FTP. Null without an FTP, a normalized power or a moving time.
 */
export function powerTss(movingTimeS: number, normalizedWatts: number | null, ftpW: number | null): number | null {
  if (ftpW === null || ftpW <= 0 || normalizedWatts === null || normalizedWatts <= 0 || movingTimeS <= 0) return null;
  const intensity = normalizedWatts / ftpW;
  return (movingTimeS / 3_600) * intensity * intensity * 100;
}
