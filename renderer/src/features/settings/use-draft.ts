import { useEffect, useState, type ChangeEvent, type KeyboardEvent } from 'react';

/** What the person typed, read by a setting's rule: its value, or what is wrong with it (in words). */
export type DraftVerdict<T> = { value: T } | { problem: string };

/**
 * A setting typed in a field: checked at each keystroke by `read` (its message shown beside it), sent when the person
 * leaves the field or presses Enter, and only when it is valid and new. A value from main (another change) replaces
 * the draft unless the person is editing it; an invalid draft stays, with its message, until fixed: nothing is lost.
 */
export function useDraft<T extends string | number>(
  saved: T,
  read: (text: string) => DraftVerdict<T>,
  send: (v: T) => void,
) {
  const [draft, setDraft] = useState(String(saved));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(String(saved));
  }, [saved, editing]);
  const verdict = read(draft);
  const problem = 'problem' in verdict ? verdict.problem : null;
  const commit = () => {
    if ('problem' in verdict) return;
    setEditing(false);
    if (verdict.value !== saved) send(verdict.value);
  };
  return {
    problem,
    /** The field's own props: its text, whether it is invalid, and when it is sent. */
    field: {
      value: draft,
      'aria-invalid': problem !== null,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        setEditing(true);
        setDraft(e.target.value);
      },
      onBlur: commit,
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && commit(),
    },
  };
}
