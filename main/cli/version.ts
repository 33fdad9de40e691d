// `splits --version` (and `splits version`): the version package.json gives, without loading the engine (main/cli.ts).
import packageJson from '../../package.json';
import { splitGlobalOptions } from './global-options';

/** What `--version` prints, or null when argv asks for something else. */
export function versionFor(argv: string[]): string | null {
  const { words } = splitGlobalOptions(argv);
  return words.length === 1 && (words[0] === '--version' || words[0] === 'version')
    ? `splits ${packageJson.version}\n`
    : null;
}
