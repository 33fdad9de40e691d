/** Where the tokens and the client secret are kept, said for a person rather than as main's kind. */
export function vaultWords(vault: 'keychain' | 'file'): string {
  return vault === 'keychain' ? 'the system keychain' : 'a private file readable by you alone (not encrypted)';
}

/** A moment in the person's own locale, or "never". */
export function when(epochMs: number | null): string {
  return epochMs === null ? 'never' : new Date(epochMs).toLocaleString();
}
