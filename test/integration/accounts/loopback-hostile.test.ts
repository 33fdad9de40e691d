import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { LoginCancelledError, outcomePage, startLoopbackLogin } from '../../../main/accounts/loopback-login';

/** A GET with the Host header given (a browser sends the page's host; a rebound DNS name sends its own). */
function get(
  url: string,
  host?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host !== undefined ? { Host: host } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether anything accepts a connection at this address and port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'-alert(1)-'"];

/** How a promise stands once everything already due has run: a close that settles it has done so by then. */
async function standing(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  return Promise.race([
    promise.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending'))),
  ]);
}

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

  it("listens on 127.0.0.1 alone: not on ::1, nor on this computer's other addresses", async () => {
    const login = await startLoopbackLogin(0, 10_000);
    try {
      const url = new URL(login.redirectUri);
      expect(url.hostname).toBe('127.0.0.1');
      const port = Number(url.port);
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts('::1', port)).toBe(false);
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal)
        .map((a) => a!.address);
      for (const address of others) expect(await accepts(address, port), address).toBe(false);
    } finally {
      await login.close();
    }
  });

  it('refuses a wrong state and a Host that is not loopback without using up the sign-in, then a second use of it', async () => {
    const login = await startLoopbackLogin(0, 10_000);
    try {
      const callback = `${login.redirectUri}?state=${login.state}&code=abc&scope=read`;
      expect((await get(`${login.redirectUri}?state=wrong&code=abc&scope=read`)).status).toBe(400);
      expect((await get(`${login.redirectUri}?code=abc`)).status).toBe(400);
      // A page on another site whose name was made to point at 127.0.0.1 (DNS rebinding) sends its own Host.
      const port = Number(new URL(login.redirectUri).port);
      for (const host of [
        'evil.example',
        `evil.example:${port}`,
        '127.0.0.1.evil.example',
        `localhost.evil.example:${port}`,
      ]) {
        const answer = await get(callback, host);
        expect(answer.status, host).toBe(421);
        expect(answer.body).toMatch(/not the one Splits opened/);
      }
      // An empty Host, and none at all (HTTP/1.0).
      const path = `/callback?state=${login.state}&code=abc&scope=read`;
      expect(await raw(port, `GET ${path} HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n`)).toMatch(
        /^HTTP\/1\.1 4\d\d/,
      );
      expect(await raw(port, `GET ${path} HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.1 4\d\d/);
      // None of them used it up: the real callback, from the browser (Host 127.0.0.1:port, or localhost), is taken.
      const first = get(callback);
      const result = await login.result;
      expect(result).toMatchObject({ code: 'abc', scope: 'read' });
      result.respond({ ok: true, title: 'Splits is connected', text: 'Done.' });
      expect((await first).status).toBe(200);
      // A second use of the same link is refused.
      expect((await get(callback)).status).toBe(409);
    } finally {
      await login.close();
    }
  });

  it('gives up after its time-out, and then answers a late callback at once instead of holding the page', async () => {
    const login = await startLoopbackLogin(0, 200);
    try {
      await expect(login.result).rejects.toThrow(/not completed in time/);
      const late = await get(`${login.redirectUri}?state=${login.state}&code=abc&scope=read`);
      expect(late.status).toBeGreaterThanOrEqual(400);
      expect(late.body).toMatch(/start the login again/i);
    } finally {
      await login.close();
    }
  });

  it('reflects no parameter as HTML: error_description, state and the outcome are text, under a CSP that runs nothing', async () => {
    for (const payload of XSS) {
      const login = await startLoopbackLogin(0, 10_000);
      try {
        const q = (params: Record<string, string>) => `${login.redirectUri}?${new URLSearchParams(params)}`;
        const answers = [
          await get(q({ state: payload, error: 'access_denied', error_description: payload })),
          await get(q({ state: login.state, error: payload, error_description: payload })),
        ];
        await expect(login.result).rejects.toThrow();
        for (const a of answers) {
          expect(a.body).not.toContain(payload);
          expect(a.body).not.toMatch(/<(script|img|svg)/i);
          expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
          expect(a.headers['content-security-policy']).toMatch(/default-src 'none'/);
          expect(a.headers['content-security-policy']).not.toMatch(/script-src|unsafe-eval/);
          expect(a.headers['x-content-type-options']).toBe('nosniff');
        }
      } finally {
        await login.close();
      }
      // The outcome Splits writes on the page, with an athlete's name or an error message that carry markup.
      const login2 = await startLoopbackLogin(0, 10_000);
      try {
        const page = get(`${login2.redirectUri}?state=${login2.state}&code=abc&scope=read`);
        (await login2.result).respond(outcomePage({ error: new Error(payload) }));
        const a = await page;
        expect(a.body).not.toContain(payload);
        expect(a.body).not.toMatch(/<(script|img|svg)/i);
        expect(outcomePage({ name: payload, scope: 'read' }).text).toContain(payload); // escaped when written, not before
      } finally {
        await login2.close();
      }
    }
  });

  it('takes LOCALHOST as localhost: a Host names a host whatever its case, and any other host is still refused', async () => {
    const login = await startLoopbackLogin(0, 10_000);
    try {
      const port = Number(new URL(login.redirectUri).port);
      const callback = `${login.redirectUri}?state=${login.state}&code=abc&scope=read`;
      expect((await get(callback, `LOCALHOST.evil.example:${port}`)).status).toBe(421);
      expect((await get(callback, `EVIL.example:${port}`)).status).toBe(421);
      const page = get(callback, `LOCALHOST:${port}`);
      const result = await login.result;
      expect(result).toMatchObject({ code: 'abc' });
      result.respond({ ok: true, title: 'Splits is connected', text: 'Done.' });
      expect((await page).status).toBe(200);
    } finally {
      await login.close();
    }
  });

  it('refuses every state but its own, whatever its length or encoding, without using up the sign-in', async () => {
    const login = await startLoopbackLogin(0, 10_000);
    try {
      const near = [...login.state]
        .map((c, i) => (i === login.state.length - 1 ? (c === '0' ? '1' : '0') : c))
        .join('');
      // Same length in characters but not in bytes (a comparison of bytes that trusted the character count would throw).
      const wide = 'é'.repeat(login.state.length);
      const half = 'é'.repeat(login.state.length / 2);
      for (const given of [
        near,
        login.state.slice(0, -1),
        `${login.state}0`,
        login.state.toUpperCase(),
        wide,
        half,
        '',
        `${login.state}\u0000`,
      ]) {
        const answer = await get(
          `${login.redirectUri}?${new URLSearchParams({ state: given, code: 'abc', scope: 'read' })}`,
        );
        expect(answer.status, JSON.stringify(given)).toBe(400);
        expect(answer.body).toMatch(/not the one Splits opened/);
      }
      const page = get(`${login.redirectUri}?state=${login.state}&code=abc&scope=read`);
      (await login.result).respond({ ok: true, title: 'Splits is connected', text: 'Done.' });
      expect((await page).status).toBe(200);
    } finally {
      await login.close();
    }
  });

  it('close() settles a result still pending: with its reason, or as cancelled; never a result already in', async () => {
    const waiting = await startLoopbackLogin(0, 60 * 60_000);
    await waiting.close();
    expect(await standing(waiting.result)).toBe('rejected');
    await expect(waiting.result).rejects.toBeInstanceOf(LoginCancelledError);
    await waiting.close(); // a second close does nothing more

    const quitting = await startLoopbackLogin(0, 60 * 60_000);
    const reason = new Error('Splits is quitting');
    const closing = quitting.close(reason);
    // Settled by the close itself, before its server has finished closing.
    expect(await standing(quitting.result)).toBe('rejected');
    await expect(quitting.result).rejects.toBe(reason);
    await closing;

    const answered = await startLoopbackLogin(0, 60 * 60_000);
    const page = get(`${answered.redirectUri}?state=${answered.state}&code=abc&scope=read`);
    const callback = await answered.result;
    await answered.close();
    // In before the close: still the code, and the page that waited was answered, not left spinning.
    await expect(answered.result).resolves.toBe(callback);
    expect((await page).body).toMatch(/did not finish connecting/);
  });
});
