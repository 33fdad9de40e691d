/**
 * Where files live: a path starting with one of these (or a drive letter, or ~/) is a file on this computer. An API
 * path in a message (`/athlete/activities`) starts with none of them and stays.
 */
const FILE_ROOTS = /^(?:~\/|[A-Za-z]:\\|\\\\|\/(?:home|Users|tmp|var|private|root|etc|opt|mnt|media|run|srv|usr|Volumes|data|proc|dev)\/)/;

/**
 * File paths stay in main (docs/architecture.md): a message that names one (a file-system path, at the start of a
 * word) says "a file in Splits' data folder" instead. Web addresses and API paths are not files and stay.
 */
export function withoutPaths(message: string): string {
  return message.replace(/(?<=^|[\s("'])(?:~?\/|[A-Za-z]:\\|\\\\)[^\s()"'`,;]+/g, (path) => {
    const end = /[.:]+$/.exec(path)?.[0] ?? '';
    return FILE_ROOTS.test(path) ? `a file in Splits' data folder${end}` : path;
  });
}
