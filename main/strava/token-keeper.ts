import type { Clock } from '../clock';
import { StravaError, needsLogin } from './errors';
import type { OAuthClient } from './oauth-client';

export interface StravaTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** Where tokens live: a 0600 file for the CLI, safeStorage for the desktop app. Never the renderer, never a log. */
export interface TokenVault {
  /** What is stored now, read afresh when other processes share the vault. */
  get(athleteId: number): Promise<StravaTokens | null>;
  set(athleteId: number, tokens: StravaTokens): Promise<void>;
  delete(athleteId: number): Promise<void>;
  /**
   * Runs a refresh while no other process refreshes from this vault. Absent when the vault is this process's own.
   */
  exclusive?<T>(task: () => Promise<T>): Promise<T>;
}

/** Refresh this long before expiry, so a long sync never sends an expired token. */
const REFRESH_AHEAD_S = 10 * 60;

/**
 * One athlete's token lifecycle. The vault may be shared with other processes (the CLI's file), and Strava rotates the
 * refresh token, killing the old one at once (developers.strava.com/docs/authentication): so every decision starts
 * from what the vault holds now, never from a copy this process read earlier.
 */
export class TokenKeeper {
  private refreshing: Promise<string> | null = null;
  /** The access token last handed out: the one refused, when a refresh does not say. */
  private handedOut: string | null = null;

  constructor(
    readonly athleteId: number,
    private readonly vault: TokenVault,
    /** Resolved only when a refresh is due: a sync with a fresh token needs no client secret. */
    private readonly oauth: () => OAuthClient,
    private readonly clock: Clock,
  ) {}

  async accessToken(): Promise<string> {
    const tokens = await this.stored();
    if (this.isFresh(tokens)) return (this.handedOut = tokens.accessToken);
    return this.refresh();
  }

  /**
   * A new access token in place of `rejected`, the one Strava refused. With a page asked for ahead, two requests are
   * in flight, and the one refused may carry an older token than the last handed out: another process's rotation,
   * already read for the next request, is used then, not replaced by one more refresh. One refresh at a time in this
   * process, and, through the vault's lock, across processes.
   */
  refresh(rejected: string | null = this.handedOut): Promise<string> {
    this.refreshing ??= this.whileExclusive(() => this.doRefresh(rejected)).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private whileExclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.vault.exclusive ? this.vault.exclusive(task) : task();
  }

  private async doRefresh(rejected: string | null): Promise<string> {
    // Read inside the lock: a process that refreshed while this one waited has stored a new, fresh access token.
    const tokens = await this.stored();
    if (tokens.accessToken !== rejected && this.isFresh(tokens)) return (this.handedOut = tokens.accessToken);
    try {
      return await this.renewWith(tokens.refreshToken);
    } catch (error) {
      const rotatedMeanwhile = isRejectedRefresh(error) ? await this.rotatedSince(tokens) : null;
      if (rotatedMeanwhile) return rotatedMeanwhile;
      throw error;
    }
  }

  private async renewWith(refreshToken: string): Promise<string> {
    const fresh = await this.oauth().refresh(refreshToken);
    // Strava kills the old refresh token the moment it issues a new one: persist first, so a crash here never
    // leaves only a dead token behind.
    await this.vault.set(this.athleteId, {
      accessToken: fresh.access_token,
      refreshToken: fresh.refresh_token,
      expiresAt: fresh.expires_at,
    });
    return (this.handedOut = fresh.access_token);
  }

  /**
   * Strava refused the refresh token sent. Before anyone is asked to log in, look once more: a process that did not
   * wait for the lock (or took it over as stale) may have rotated it and stored the new one. Its access token is used
   * if fresh; otherwise its refresh token gets the one more try.
   */
  private async rotatedSince(sent: StravaTokens): Promise<string | null> {
    const now = await this.vault.get(this.athleteId);
    if (!now || now.refreshToken === sent.refreshToken) return null;
    return this.isFresh(now) ? (this.handedOut = now.accessToken) : this.renewWith(now.refreshToken);
  }

  private async stored(): Promise<StravaTokens> {
    const tokens = await this.vault.get(this.athleteId);
    if (!tokens) throw needsLogin('no-token', 'Splits has no sign-in for this athlete. Log in to connect Strava.');
    return tokens;
  }

  private isFresh(tokens: StravaTokens): boolean {
    return tokens.expiresAt - REFRESH_AHEAD_S > this.clock.now() / 1000;
  }
}

const isRejectedRefresh = (error: unknown) =>
  error instanceof StravaError && error.code === 'needs-login' && error.details.reason === 'refresh-rejected';
