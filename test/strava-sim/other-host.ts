import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherHostRequest {
  method: string;
  path: string;
  /** The Authorization header as it arrived, if one did. */
  authorization: string | undefined;
  body: string;
}

/**
 * "Another host" for redirect tests: a server on 127.0.0.2 (another address than the simulator's 127.0.0.1) that
 * answers 200 to anything and records what reached it, so a test can prove that nothing Strava's address redirected
 * (a bearer token, a client secret in a token request's body) ever arrived here.
 */
export class OtherHost {
  readonly requests: OtherHostRequest[] = [];
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          authorization: req.headers.authorization,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[]');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.2', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  url(path = '/'): string {
    return `http://127.0.0.2:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
