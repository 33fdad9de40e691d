/** A decoder's own words for a message, kept short and on one line: they may quote the file they are about. */
export function plainWords(text: string): string {
  const line = text.replace(/[^\x20-\x7e]+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
