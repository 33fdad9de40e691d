import { commandUsage } from './usage';
import type { UsageError } from './exit-codes';

/**
 * A mistake on the command line in one line: what was wrong, the near word when there is one, and the help to read,
 * in the form the person typed. The whole usage would bury the one line that matters.
 */
export function usageMistakeLine(error: UsageError, command: string, self: string): string {
  const said = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  const near = error.didYouMean ? ` Did you mean ${error.didYouMean}?` : '';
  const help = commandUsage(command) !== null ? `${self} help ${command}` : `${self} help`;
  return `splits: ${said}${near} See \`${help}\`.\n`;
}
