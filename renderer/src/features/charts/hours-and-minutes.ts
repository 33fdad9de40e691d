import { integer } from '../../format/numbers';

/** 1,160 h 20 min: totals run past a day, so hours rather than a clock (the hours with the locale's separators). */
export function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${integer(Math.floor(minutes / 60))} h ${minutes % 60} min`;
}
