// The Strava application's client id and secret as Splits accepts them: main checks them at its door
// (credentials:check, credentials:set), and the window's guide checks them as the person types, so nothing doomed is
// sent. One rule with one set of words: each check says what is wrong, in the order the person would fix it.
import { z } from 'zod';

export const clientIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the Client ID: the number shown on strava.com/settings/api.')
  .regex(/^\d+$/, 'The Client ID is digits only, the number shown on strava.com/settings/api.')
  .max(12, 'That is longer than any Strava Client ID: copy the number alone.');

export const clientSecretSchema = z
  .string()
  .trim()
  .min(1, 'Enter the Client Secret shown (after "show") on strava.com/settings/api.')
  .regex(/^\S+$/, 'A Client Secret has no spaces: copy the secret alone.')
  .max(200, 'That is longer than any Strava Client Secret: copy the secret alone.');

export const credentialsInputSchema = z.object({ clientId: clientIdSchema, clientSecret: clientSecretSchema }).strict();
