import type { Clock } from '../clock';
import { needsLogin } from './errors';
import type { OAuthClient } from './oauth-client';

export interface StravaTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** Where tokens live: a 0600 file for the CLI, safeStorage for the desktop app. Never the renderer, never a log. */
export interface TokenVault {
  get(athleteId: number): Promise<StravaTokens | null>;
  set(athleteId: number, tokens: StravaTokens): Promise<void>;
  delete(athleteId: number): Promise<void>;
}

/** Refresh this long before expiry, so a long sync never sends an expired token. */
const REFRESH_AHEAD_S = 10 * 60;

/** One athlete's token lifecycle. */
export class TokenKeeper {
  private refreshing: Promise<string> | null = null;

  constructor(
    readonly athleteId: number,
    private readonly vault: TokenVault,
    /** Resolved only when a refresh is due: a sync with a fresh token needs no client secret. */
    private readonly oauth: () => OAuthClient,
    private readonly clock: Clock,
  ) {}

  async accessToken(): Promise<string> {
    const tokens = await this.vault.get(this.athleteId);
    if (!tokens) throw needsLogin('no-token', 'Splits has no sign-in for this athlete. Log in to connect Strava.');
    if (tokens.expiresAt - REFRESH_AHEAD_S > this.clock.now() / 1000) return tokens.accessToken;
    return this.refresh();
  }

  /** One refresh at a time; the rotated refresh token is saved before the new access token is used. */
  refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const tokens = await this.vault.get(this.athleteId);
    if (!tokens) throw needsLogin('no-token', 'Splits has no sign-in for this athlete. Log in to connect Strava.');
    const fresh = await this.oauth().refresh(tokens.refreshToken);
    // Strava kills the old refresh token the moment it issues a new one: persist first, so a crash here never
    // leaves only a dead token behind.
    await this.vault.set(this.athleteId, { accessToken: fresh.access_token, refreshToken: fresh.refresh_token, expiresAt: fresh.expires_at });
    return fresh.access_token;
  }
}

