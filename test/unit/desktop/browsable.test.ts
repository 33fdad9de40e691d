import { describe, expect, it } from 'vitest';
import { browsable } from '../../../main/desktop/browsable';

describe('what the system browser may be asked to open', () => {
  it('web pages: https anywhere, http on this computer only', () => {
    expect(browsable('https://www.strava.com/oauth/authorize?client_id=1')).toBe('https://www.strava.com/oauth/authorize?client_id=1');
    expect(browsable('http://127.0.0.1:8080/oauth/authorize')).toBe('http://127.0.0.1:8080/oauth/authorize');
    expect(browsable('http://localhost/x')).toBe('http://localhost/x');
  });

  it('refuses files, other schemes, and plain http to another host', () => {
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'http://www.strava.com/', 'ms-settings:privacy']) {
      expect(() => browsable(url), url).toThrow(/web pages only/);
    }
    expect(() => browsable('not a url')).toThrow();
  });
});

describe('error messages for the window', () => {
  it('name no file path, and keep web addresses', async () => {
    const { withoutPaths } = await import('../../../main/desktop/without-paths');
    expect(withoutPaths('keeping secrets in a private file (/home/ann/.config/Splits/cli-tokens.json) needs consent.')).toBe("keeping secrets in a private file (a file in Splits' data folder) needs consent.");
    expect(withoutPaths('It was set aside as C:\\Users\\ann\\AppData\\Roaming\\Splits\\x.json.')).toBe("It was set aside as a file in Splits' data folder.");
    expect(withoutPaths('Copy them again from https://www.strava.com/settings/api or strava.com/settings/api.')).toBe('Copy them again from https://www.strava.com/settings/api or strava.com/settings/api.');
    expect(withoutPaths('use 1/2 of the budget')).toBe('use 1/2 of the budget');
    // An API path is not a file.
    expect(withoutPaths('Strava sent /athlete/activities (page 3) in a shape Splits cannot read.')).toBe('Strava sent /athlete/activities (page 3) in a shape Splits cannot read.');
    expect(withoutPaths('EACCES: permission denied, open /tmp/splits-x/activities/1001/2024.json')).toBe("EACCES: permission denied, open a file in Splits' data folder");
  });
});
