/**
 * Opens an address in the person's browser, with the `open` package: it quotes the address for each system (Windows'
 * `cmd /c start` cut Strava's authorize address at its first `&`). Never fails: without a browser the address printed
 * is enough. On Linux without a display, xdg-open would start a text browser in this very terminal, so nothing is
 * opened there.
 */
export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  try {
    // Loaded when a browser is opened, not by every command (it reads /proc to tell WSL from Linux).
    const { default: open } = await import('open');
    const child = await open(url);
    child.on('error', () => undefined); // a browser that fails later: the address is on screen
    return true;
  } catch {
    return false; // no opener on this machine
  }
}
