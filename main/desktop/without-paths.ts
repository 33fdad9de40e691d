/**
 * File paths stay in main (docs/architecture.md): a message that names one (an absolute path, at the start of a word)
 * says "a file in Splits' data folder" instead. Web addresses are not paths and stay.
 */
export function withoutPaths(message: string): string {
  return message.replace(/(?<=^|[\s("'])(?:~?\/|[A-Za-z]:\\)[^\s()"'`,;]+/g, (path) => {
    const end = /[.:]+$/.exec(path)?.[0] ?? '';
    const body = path.slice(0, path.length - end.length);
    return (body.match(/[/\\]/g) ?? []).length >= 2 ? `a file in Splits' data folder${end}` : path;
  });
}
