import packageJson from '../../package.json';

/**
 * Splits' own User-Agent for the tile server (OpenStreetMap's tile usage policy asks each application to name
 * itself, with a way to reach its makers): `Splits/<version> (+<homepage>)`, from package.json.
 */
export function splitsUserAgent(pkg: { version: string; homepage?: string } = packageJson): string {
  return `Splits/${pkg.version}${pkg.homepage ? ` (+${pkg.homepage})` : ''}`;
}
