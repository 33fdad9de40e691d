import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLoopbackLogin } from '../../../main/accounts/loopback-login';

/** Sends raw bytes to the port, as any program on this computer can, and reads the status line. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('the loopback login server', () => {
  it('answers a request that is not even an address with 400, and keeps waiting for the real callback', async () => {
    const login = await startLoopbackLogin(0, 10_000);
    try {
      const port = Number(new URL(login.redirectUri).port);
      expect(await raw(port, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      // Still there: the real callback is taken.
      const callback = fetch(`${login.redirectUri}?state=${login.state}&code=abc&scope=read,activity:read_all`);
      const result = await login.result;
      expect(result).toMatchObject({ code: 'abc' });
      result.respond({ ok: true, title: 'Splits is connected', text: 'Done.' });
      expect((await callback).status).toBe(200);
    } finally {
      await login.close();
    }
  });
});
