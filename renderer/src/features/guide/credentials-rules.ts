// The client id and secret as main accepts them (credentialsInputSchema in preload/payloads.ts, kept in step by
// test/components/accounts/credentials-rules.test.ts). Checked here as the person types, so nothing doomed is sent;
// main checks again at its door. The renderer has no zod: its runtime probes `new Function`, which the CSP forbids.

/** What is wrong with the client id, or null. Empty counts as wrong only once the person tried to send it. */
export function clientIdProblem(text: string, attempted: boolean): string | null {
  const id = text.trim();
  if (id === '') return attempted ? 'Enter the Client ID: the number shown on strava.com/settings/api.' : null;
  if (!/^\d+$/.test(id)) return 'The Client ID is digits only, the number shown on strava.com/settings/api.';
  if (id.length > 12) return 'That is longer than any Strava Client ID: copy the number alone.';
  return null;
}

export function clientSecretProblem(text: string, attempted: boolean): string | null {
  const secret = text.trim();
  if (secret === '') return attempted ? 'Enter the Client Secret shown (after "show") on strava.com/settings/api.' : null;
  if (/\s/.test(secret)) return 'A Client Secret has no spaces: copy the secret alone.';
  if (secret.length > 200) return 'That is longer than any Strava Client Secret: copy the secret alone.';
  return null;
}
