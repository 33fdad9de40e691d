// The peer: the npm package strava-v3 paging into a file, driven as its README shows (a client per access token,
// `athlete.listActivities({ page, per_page })`, then one JSON file).
//
// strava-v3 has no documented base-URL option: every request goes through one axios instance in its
// axiosUtility.js, created with baseURL https://www.strava.com/api/v3/, and that module exports `setBaseURL` for it
// (undocumented, but the library's own switch). Pointing that instance at the simulator changes nothing else: the
// library still builds its own paths, query strings and headers, and parses each page itself.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import strava from 'strava-v3';

const require = createRequire(import.meta.url);
const { setBaseURL } = require('strava-v3/axiosUtility') as { setBaseURL: (url: string) => void };

export async function stravaV3Loop(
  apiUrl: string,
  accessToken: string,
  outFile: string,
): Promise<{ requests: number; activities: number }> {
  setBaseURL(`${apiUrl}/`);
  const client = new strava.client(accessToken);
  const all: unknown[] = [];
  let requests = 0;
  for (let page = 1; ; page++) {
    const rows = await client.athlete.listActivities({ page, per_page: 200 });
    requests++;
    if (rows.length === 0) break;
    all.push(...rows);
  }
  await writeFile(outFile, JSON.stringify(all));
  return { requests, activities: all.length };
}
