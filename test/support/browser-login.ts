/** Follows the authorize URL the app opened, as the person's browser would: Strava's page, then the loopback redirect. */
export async function approveInBrowser(url: string): Promise<{ status: number; body: string }> {
  const strava = await fetch(url, { redirect: 'manual' });
  const location = strava.headers.get('location');
  if (strava.status !== 302 || !location) throw new Error(`Strava's authorize page answered ${strava.status}`);
  const back = await fetch(location);
  return { status: back.status, body: await back.text() };
}
