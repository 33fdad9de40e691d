/**
 * Sport colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), whose eight colours stay
 * apart under the common colour-vision deficiencies. A sport's colour is fixed by its name, never by what else is
 * shown: Ride is the same colour for one athlete or all, in any year or range. Each theme orders the palette by
 * contrast with its own background, and the sports people do most (COMMON_SPORTS' first five) get the fills that
 * stand out most; every band is still outlined in the text colour wherever it is drawn (swatch and bar), so none
 * relies on its fill alone to be seen.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#e69f00',
  skyBlue: '#56b4e9',
  bluishGreen: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  reddishPurple: '#cc79a7',
} as const;

export type Theme = 'light' | 'dark';

const { black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple } = OKABE_ITO;

/** Highest contrast with the theme's background first (light: #ffffff, dark: #1c1c1e in styles.css). */
const BY_THEME: Record<Theme, readonly string[]> = {
  light: [black, blue, vermillion, bluishGreen, reddishPurple, skyBlue, orange, yellow],
  dark: [yellow, orange, skyBlue, reddishPurple, bluishGreen, vermillion, blue, black],
};

/**
 * Strava's most recorded sport types, most common first: each takes the palette's place of its own index, so these
 * eight never share a colour. As many as the palette has colours.
 */
export const COMMON_SPORTS = [
  'Ride',
  'Run',
  'Walk',
  'Hike',
  'Swim',
  'VirtualRide',
  'TrailRun',
  'WeightTraining',
] as const;

const PLACES = new Map<string, number>(COMMON_SPORTS.map((sport, i) => [sport, i]));

/** FNV-1a over the name's UTF-16 units: the same place for a sport on every computer and in every release. */
function hashPlace(sport: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sport.length; i++) hash = Math.imul(hash ^ sport.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % size;
}

/** A sport's colour in a theme: a common sport's own, any other by its name's hash. */
export function sportColour(theme: Theme, sport: string): string {
  const palette = BY_THEME[theme];
  return palette[PLACES.get(sport) ?? hashPlace(sport, palette.length)]!;
}

/** The theme the shell set on <html> (from the setting or the system). */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
