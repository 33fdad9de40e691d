/** Where the tokens and the client secret are kept, said for a person rather than as main's kind. */
export function vaultWords(vault: 'keychain' | 'file'): string {
  return vault === 'keychain' ? 'the system keychain' : 'a private file readable by you alone (not encrypted)';
}
