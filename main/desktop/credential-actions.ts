import type { AxiosInstance } from 'axios';
import type { CredentialsCheck } from '../../preload/payloads';
import type { SplitsServices } from '../services';
import type { StravaCredentials } from '../strava/oauth-client';
import { checkCredentials } from './credentials-check';
import type { DesktopPorts } from './desktop-ports';
import { ensureVaultConsent } from './vault-consent';
import type { WorkInFlight } from './work-in-flight';

export interface CredentialActionsDeps {
  services: SplitsServices;
  /** For credential checks: outside the API's rate limits. */
  oauthHttp: AxiosInstance;
  work: WorkInFlight;
  ports: Pick<DesktopPorts, 'confirmPlainTextVault'>;
  /** The state changed (credentials are no longer missing). */
  changed: () => void;
}

/** The Strava application's client id and secret: shown (never the secret), checked with Strava, and stored. */
export class CredentialActions {
  private stored = false;

  constructor(private readonly deps: CredentialActionsDeps) {}

  /** Whether credentials are known (the environment's or the vault's), as of the last load or change. */
  get known(): boolean {
    return this.stored;
  }

  async load(): Promise<void> {
    this.stored = (await this.deps.services.credentials()) !== null;
  }

  async view(): Promise<{
    clientId: string | null;
    hasSecret: boolean;
    source: 'env' | 'vault' | null;
    vault: 'keychain' | 'file';
  }> {
    const current = await this.deps.services.credentials();
    return {
      clientId: current?.clientId ?? null,
      hasSecret: Boolean(current?.clientSecret),
      source: current?.source ?? null,
      vault: this.deps.services.vault.kind,
    };
  }

  check(credentials: StravaCredentials): Promise<CredentialsCheck> {
    return checkCredentials(this.deps.oauthHttp, this.deps.services.config.oauthUrl, credentials);
  }

  /** Checks them with Strava, then stores them, unless Strava said it does not know them. */
  set(credentials: StravaCredentials): Promise<CredentialsCheck> {
    this.deps.work.refuseIfQuitting();
    return this.deps.work.track(this.store(credentials));
  }

  private async store(credentials: StravaCredentials): Promise<CredentialsCheck> {
    const check = await this.check(credentials);
    if (check.verdict === 'unknown-client' || check.verdict === 'wrong-secret') return check;
    await ensureVaultConsent(this.deps.services.vault, () => this.deps.ports.confirmPlainTextVault());
    await this.deps.services.setCredentials(credentials);
    this.stored = true;
    this.deps.changed();
    return check;
  }
}
