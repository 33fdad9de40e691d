/**
 * Sport colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), whose eight colours stay
 * apart under the common colour-vision deficiencies. Each theme orders them by contrast with its own background, so
 * the sports done most (the lowest ranks) get the fills that stand out most; the rest are still outlined in the
 * text colour wherever they are drawn (swatch and bar), so no band relies on its fill alone to be seen.
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

/** A sport's colour by its place in the overall sport order; past the eighth sport the colours come round again. */
export function sportColour(theme: Theme, rank: number): string {
  const palette = BY_THEME[theme];
  return palette[((rank % palette.length) + palette.length) % palette.length]!;
}

/** The theme the shell set on <html> (from the setting or the system). */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
