import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../main/log';

describe('logger', () => {
  it('never writes a token or secret', () => {
    const lines: string[] = [];
    const log = createLogger('test', 'debug', (l) => lines.push(l));
    log.info('request failed: Authorization: Bearer abc123def', { refresh_token: 'r-secret', athleteId: 7 });
    log.warn('posted refresh_token=zzz&client_secret=sss&grant_type=refresh_token');
    log.error('body {"access_token":"a-secret","expires_at":1}');
    const text = lines.join('\n');
    for (const secret of ['abc123def', 'r-secret', 'zzz', 'sss', 'a-secret']) expect(text).not.toContain(secret);
    expect(text).toContain('"athleteId":7');
    expect(text).toContain('grant_type=refresh_token');
  });

  it('filters by level', () => {
    const lines: string[] = [];
    const log = createLogger('test', 'warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
    expect(redact('Bearer x')).toBe('Bearer [redacted]');
  });
});
