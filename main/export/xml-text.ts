// Text from other people's hands (activity names, descriptions) inside XML. Escaping covers &, <, >, and quotes in
// attributes; characters XML 1.0 cannot hold at all, even escaped (most control characters, lone surrogates,
// U+FFFE and U+FFFF), are dropped, since a single one makes the whole file unreadable to every GPX reader.

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** For element content and attribute values alike. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
