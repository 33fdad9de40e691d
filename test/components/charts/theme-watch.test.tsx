// @vitest-environment jsdom
// A chart follows the theme even when [data-theme] changes between its first render and the start of its watch:
// React commits the DOM, then runs effects in a later task, and a theme set in between (the shell's own effect, a
// setting arriving) was missed by an observer started in an effect, leaving the old theme's colours (seen once in CI,
// as sport-colours.test.tsx waiting on swatches that never changed).
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { useTheme } from '../../../renderer/src/features/charts/theme-colors';

function ShowsTheme() {
  return <p>{useTheme()}</p>;
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

it('shows a theme set after the first commit and before the watch began', async () => {
  // Outside act(), as a live update renders: effects then wait for a task of their own. (Restored after: test files
  // share their worker.)
  const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const wasActEnvironment = actEnvironment.IS_REACT_ACT_ENVIRONMENT;
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  try {
    document.documentElement.dataset.theme = 'light';
    // Called in the microtask after React's commit puts the paragraph in, before React's effects.
    const committed = new Promise<void>((resolve) => {
      const watch = new MutationObserver(() => {
        if (!container.querySelector('p')) return;
        watch.disconnect();
        expect(container.textContent).toBe('light');
        document.documentElement.dataset.theme = 'dark';
        resolve();
      });
      watch.observe(container, { childList: true, subtree: true });
    });
    root.render(<ShowsTheme />);
    await committed;
    await vi.waitFor(() => expect(container.textContent).toBe('dark'), { timeout: 2000 });

    // And a change once it is watching.
    document.documentElement.dataset.theme = 'light';
    await vi.waitFor(() => expect(container.textContent).toBe('light'), { timeout: 2000 });
  } finally {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    await act(async () => root.unmount());
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = wasActEnvironment;
    container.remove();
  }
});
