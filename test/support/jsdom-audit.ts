import axe from 'axe-core';

/**
 * The axe-core rules that need what jsdom has not, left to the Chromium audit (test/e2e/window-a11y.test.ts):
 * colour contrast needs layout; label-content-name-mismatch draws a control's words on a 2D canvas to tell an icon
 * font's ligature from text. In jsdom the canvas is null, so that rule can only end "incomplete", after jsdom has
 * printed its "not implemented" notice into every passing run.
 */
const NEEDS_A_BROWSER: axe.RunOptions['rules'] = {
  'color-contrast': { enabled: false },
  'label-content-name-mismatch': { enabled: false },
};

/** An axe-core audit of a jsdom page (component tests): every rule jsdom can answer. */
export function auditInJsdom(context: axe.ElementContext): Promise<axe.AxeResults> {
  return axe.run(context, { rules: NEEDS_A_BROWSER });
}
