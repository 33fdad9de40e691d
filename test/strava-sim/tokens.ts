import { randomBytes } from 'node:crypto';

const SIX_HOURS_S = 6 * 60 * 60;
const CODE_TTL_S = 10 * 60;

export interface Grant {
  athleteId: number;
  scope: string;
}

interface AccessToken extends Grant {
  expiresAt: number;
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  expires_in: number;
}

export type AccessCheck = { ok: true; grant: Grant } | { ok: false; reason: 'missing' | 'expired' | 'invalid' };

/** Authorization codes, access tokens and refresh tokens, on the simulator's clock. */
export class TokenBook {
  private codes = new Map<string, Grant & { expiresAt: number; used: boolean }>();
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, Grant>();

  constructor(private nowS: () => number) {}

  issueCode(grant: Grant): string {
    const code = token('code');
    this.codes.set(code, { ...grant, expiresAt: this.nowS() + CODE_TTL_S, used: false });
    return code;
  }

  /** A code is short-lived and single-use: a second exchange fails. */
  redeemCode(code: string): Grant | null {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.nowS()) return null;
    entry.used = true;
    return { athleteId: entry.athleteId, scope: entry.scope };
  }

  issue(grant: Grant): TokenSet {
    const accessToken = token('access');
    const refreshToken = token('refresh');
    const expiresAt = this.nowS() + SIX_HOURS_S;
    this.access.set(accessToken, { ...grant, expiresAt });
    this.refresh.set(refreshToken, { ...grant });
    return { access_token: accessToken, refresh_token: refreshToken, expires_at: expiresAt, expires_in: SIX_HOURS_S };
  }

  /** Rotation: the old refresh token dies the moment a new one is issued. */
  rotate(refreshToken: string): (TokenSet & Grant) | null {
    const grant = this.refresh.get(refreshToken);
    if (!grant) return null;
    this.refresh.delete(refreshToken);
    return { ...this.issue(grant), ...grant };
  }

  check(accessToken: string | null): AccessCheck {
    if (!accessToken) return { ok: false, reason: 'missing' };
    const entry = this.access.get(accessToken);
    if (!entry) return { ok: false, reason: 'invalid' };
    if (entry.expiresAt <= this.nowS()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: { athleteId: entry.athleteId, scope: entry.scope } };
  }

  /** Deauthorization: every token of the athlete stops working. */
  revokeAthlete(athleteId: number): void {
    for (const [k, v] of this.access) if (v.athleteId === athleteId) this.access.delete(k);
    for (const [k, v] of this.refresh) if (v.athleteId === athleteId) this.refresh.delete(k);
  }

  /** Ends an access token's life now, as six hours passing would. */
  expireAccess(athleteId: number): void {
    for (const v of this.access.values()) if (v.athleteId === athleteId) v.expiresAt = this.nowS();
  }
}

function token(kind: string): string {
  return `${kind}-${randomBytes(16).toString('hex')}`;
}
