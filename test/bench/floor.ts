// The floor: the least any client can do for a first sync. Fetch every page of summaries (per_page=200, until an
// empty page, the token in the Authorization header, as Splits sends it) and write them as one JSON file at the end.
// No schema, no limiter, no state, no crash safety: what is left is the network, the simulator and JSON.
//
// node:http with a keep-alive agent, not fetch(): on Node 20, undici's fetch took ~1.5× longer than axios over the
// same pages (web streams for a 200 KB body), and a floor slower than a library is no floor.
import { writeFile } from 'node:fs/promises';
import { Agent, get } from 'node:http';

function getJson(
  url: string,
  headers: Record<string, string>,
  agent: Agent,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

export async function bareFetchLoop(
  apiUrl: string,
  accessToken: string,
  outFile: string,
): Promise<{ requests: number; activities: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
  const all: unknown[] = [];
  let requests = 0;
  try {
    for (let page = 1; ; page++) {
      const { status, body } = await getJson(`${apiUrl}/athlete/activities?page=${page}&per_page=200`, headers, agent);
      requests++;
      if (status !== 200 || !Array.isArray(body)) throw new Error(`the bare loop got ${status} on page ${page}`);
      if (body.length === 0) break;
      all.push(...(body as unknown[]));
    }
  } finally {
    agent.destroy();
  }
  await writeFile(outFile, JSON.stringify(all));
  return { requests, activities: all.length };
}
