// `npm run dist` without GitHub: electron-builder's failure, as it prints it (the ⨯ line with its stack, seen from
// electron-builder 26 on a machine without GitHub), said in words; other failures keep electron-builder's own words.
import { describe, expect, it } from 'vitest';
import { distFailureWords, failureLine } from '../../../scripts/dist-failure.mjs';

const offline = [
  '  • electron-builder  version=26.17.0 os=6.18.44',
  '  • packaging       platform=linux arch=x64 electron=45.5.0 appOutDir=dist/linux-unpacked',
  '  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: getaddrinfo ENOTFOUND github.com',
  '    at ClientRequest.<anonymous> (/work/main/node_modules/got/dist/source/core/index.js:970:111)',
  '    at processTicksAndRejections (node:internal/process/task_queues:82:21)',
].join('\n');

describe('why npm run dist failed', () => {
  it('names the download and its cause without the stack, and the mirrors that would help', () => {
    expect(failureLine(offline)).toBe('getaddrinfo ENOTFOUND github.com');
    const words = distFailureWords(offline, {})!;
    expect(words).toMatch(/^Splits could not be packaged: electron-builder downloads Electron/);
    expect(words).toMatch(/Why: getaddrinfo ENOTFOUND github\.com\n/);
    expect(words).toMatch(/From: GitHub/);
    expect(words).toMatch(/ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR/);
    expect(words).not.toMatch(/\bat /);
  });

  it('names the mirror that was tried', () => {
    const refused = offline.replace(/getaddrinfo ENOTFOUND github\.com/g, 'connect ECONNREFUSED 127.0.0.1:9');
    expect(distFailureWords(refused, { ELECTRON_MIRROR: 'http://127.0.0.1:9/' })).toMatch(
      /Why: connect ECONNREFUSED 127\.0\.0\.1:9\n {2}From: ELECTRON_MIRROR=http:\/\/127\.0\.0\.1:9\//,
    );
  });

  it('leaves a failure that is not the network to electron-builder’s own words', () => {
    const config = "  ⨯ Invalid configuration object. configuration has an unknown property 'x'  failedTask=build";
    expect(failureLine(config)).toMatch(/^Invalid configuration object/);
    expect(distFailureWords(config, {})).toBeNull();
    expect(distFailureWords('all fine', {})).toBeNull();
  });
});
