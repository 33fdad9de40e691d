import { describe, expect, it } from 'vitest';
import { browsable } from '../../../main/desktop/browsable';

describe('what the system browser may be asked to open', () => {
  it('web pages: https anywhere, http on this computer only', () => {
    expect(browsable('https://www.strava.com/oauth/authorize?client_id=1')).toBe(
      'https://www.strava.com/oauth/authorize?client_id=1',
    );
    expect(browsable('http://127.0.0.1:8080/oauth/authorize')).toBe('http://127.0.0.1:8080/oauth/authorize');
    expect(browsable('http://localhost/x')).toBe('http://localhost/x');
  });

  it('refuses files, other schemes, and plain http to another host', () => {
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'http://www.strava.com/',
      'ms-settings:privacy',
    ]) {
      expect(() => browsable(url), url).toThrow(/web pages only/);
    }
    expect(() => browsable('not a url')).toThrow();
  });
});
