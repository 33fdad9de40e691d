import type { z } from 'zod';

// A problem report says what is wrong with a file, never what the file holds: a file set aside may be another
// application's (its secrets included), and reports reach the terminal, the log and the window. Schema field names
// and ids are Splits' own words; anything else a file holds (a record's key, an unknown key's name) is not shown.

/** Zod's issues, each as `path message`, with only the schema's own names and ids in the path. */
export function issuesWithoutContent(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map(
      (issue) =>
        `${pathWithoutContent(schema, issue.path)} ${issue.code === 'unrecognized_keys' ? 'has keys Splits does not know' : issue.message}`,
    )
    .join('; ');
}

/** A key shown as it is: an id (athletes and activities are filed by theirs). */
export const isIdKey = (key: string): boolean => /^\d{1,20}$/.test(key);

const HIDDEN = '*';

/** Walks the schema beside the path: a name the schema declares is shown, a record's key only when it is an id. */
function pathWithoutContent(schema: z.ZodType, path: readonly PropertyKey[]): string {
  let at: z.core.$ZodType | null = schema;
  const shown: string[] = [];
  for (const segment of path) {
    at = unwrap(at);
    const def = at?._zod.def as
      | {
          type?: string;
          shape?: Record<string, z.core.$ZodType>;
          element?: z.core.$ZodType;
          valueType?: z.core.$ZodType;
        }
      | undefined;
    if (typeof segment === 'number') {
      shown.push(String(segment));
      at = def?.type === 'array' ? (def.element ?? null) : null;
    } else if (
      typeof segment === 'string' &&
      def?.type === 'object' &&
      def.shape &&
      Object.hasOwn(def.shape, segment)
    ) {
      shown.push(segment);
      at = def.shape[segment] ?? null;
    } else if (typeof segment === 'string' && def?.type === 'record') {
      shown.push(isIdKey(segment) ? segment : HIDDEN);
      at = def.valueType ?? null;
    } else {
      shown.push(typeof segment === 'string' && isIdKey(segment) ? segment : HIDDEN);
      at = null;
    }
  }
  return shown.join('.');
}

/** The schema inside optional, nullable, default and pipe wrappers; null where the walk lost it (a union). */
function unwrap(schema: z.core.$ZodType | null): z.core.$ZodType | null {
  for (let s = schema; s;) {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
  return null;
}
