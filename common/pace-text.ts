// A pace as a person types and reads it: "4:30" is 4 minutes 30 seconds (per km). One rule for the window's training
// settings (and any other place that takes a typed pace), so "4:30" means the same everywhere.

/** Seconds from "M:SS" (1 or 2 digits of minutes, 2 of seconds below 60); null when the text is not such a pace. */
export function paceSeconds(text: string): number | null {
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "4:30" from 270 seconds. */
export function paceText(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
