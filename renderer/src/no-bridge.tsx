/**
 * What the page shows where main's bridge is missing: `npm run dev` without Electron serves the window to any browser,
 * and without window.splits every view would throw and leave the page blank. Said in words instead.
 */
export function NoBridge() {
  return (
    <main className="view">
      <h1>Splits' window needs the app around it</h1>
      <p>
        This page talks to Splits through <code>window.splits</code>, which only the app's preload gives it, and this
        browser has none. Open the window through Electron (<code>npm start</code>, or <code>npm run dev</code> once
        Electron is installed), or try it in a browser with <code>npm run demo</code>.
      </p>
    </main>
  );
}

/** Whether main's bridge (the preload's, or the demo's page script) is on this page. */
export const hasBridge = (): boolean => 'splits' in window && window.splits !== undefined;
