import { z } from 'zod';
import { ConfigError } from '../config';
import type { StravaTokens, TokenVault } from '../strava/token-keeper';

/** The Strava API application a person registered: Strava asks for both at every token request. */
export const clientCredentialsSchema = z.object({
  clientId: z.string().regex(/^\d+$/, 'a Strava client id is a number'),
  clientSecret: z.string().min(1),
});
export type ClientCredentials = z.infer<typeof clientCredentialsSchema>;

export const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number().int(),
});

export type VaultKind = 'keychain' | 'file';

/**
 * Where one data folder's secrets live: its athletes' tokens and the Strava application's client credentials. The
 * desktop app and the CLI open the same one (main/vault/open-vault.ts), so a setup in one serves the other.
 */
export interface SecretVault extends TokenVault {
  readonly kind: VaultKind;
  /** For display: the file's path, or null for the system keychain. Never sent to the renderer. */
  readonly location: string | null;
  /** The athletes this vault holds tokens for (moving secrets between vaults lists them). */
  athletes(): Promise<number[]>;
  getCredentials(): Promise<ClientCredentials | null>;
  setCredentials(credentials: ClientCredentials): Promise<void>;
  deleteCredentials(): Promise<void>;
  /** Always present: every vault is shared by the processes on its data folder. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /**
   * True when this is the plain file and nobody agreed to keep secrets in plain text: new secrets (a login, client
   * credentials) are then refused with PlainTextConsentNeededError until consentToPlainText() is called.
   */
  needsPlainTextConsent(): boolean;
  /** Records the person's consent (in vault.json, for later starts). A no-op for the keychain. */
  consentToPlainText(): Promise<void>;
}

/** Whether secrets may go into the plain file: the CLI agrees implicitly, the desktop app asks the person. */
export interface PlainTextConsent {
  given(): boolean;
  give(): Promise<void>;
  /**
   * The file is about to take a new secret: the data folder's choice becomes the file, or, if another process chose
   * the keychain since this one opened the file, the write is refused (it would split the secrets across two vaults).
   */
  settle?(): Promise<void>;
}

/** Thrown when a new secret would go into the plain file before anyone agreed to it (the desktop app asks then). */
export class PlainTextConsentNeededError extends ConfigError {
  override name = 'PlainTextConsentNeededError';
  constructor(path: string) {
    super(
      `No system keychain answers here, and keeping your Strava secrets in a private file (${path}) needs your consent first.`,
    );
  }
}

/**
 * The vault that holds this data folder's secrets does not answer (a locked keychain, no desktop session). Said
 * instead of falling back to a file, which would split the secrets across two vaults.
 */
export class VaultUnavailableError extends ConfigError {
  override name = 'VaultUnavailableError';
}

export const sameTokens = (a: StravaTokens | null, b: StravaTokens) =>
  a !== null && a.accessToken === b.accessToken && a.refreshToken === b.refreshToken && a.expiresAt === b.expiresAt;
