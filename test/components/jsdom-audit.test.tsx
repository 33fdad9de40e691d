// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { auditInJsdom } from '../support/jsdom-audit';

/** What vitest's jsdom environment exposes of the page's JSDOM: its console, where jsdom says what it cannot do. */
declare const jsdom: {
  virtualConsole: {
    on(event: 'jsdomError', listener: (error: Error) => void): void;
    off(event: 'jsdomError', listener: (error: Error) => void): void;
  };
};

describe('the accessibility audit of the component tests (jsdom)', () => {
  afterEach(cleanup);

  it('asks jsdom for nothing it lacks: a control named in other words than it shows prints no "not implemented" notice', async () => {
    const notices: string[] = [];
    const listener = (error: Error) => void notices.push(error.message);
    jsdom.virtualConsole.on('jsdomError', listener);
    try {
      // A name other than its visible words: label-content-name-mismatch would measure "Show" on a canvas.
      render(
        <main>
          <button type="button" aria-label="Show the Client Secret">
            Show
          </button>
        </main>,
      );
      const audit = await auditInJsdom(document.body);
      expect(notices).toEqual([]);
      // Still an audit: the rules jsdom can answer ran, and this button passes them.
      expect(audit.passes.map((r) => r.id)).toContain('button-name');
      expect(audit.violations).toEqual([]);
    } finally {
      jsdom.virtualConsole.off('jsdomError', listener);
    }
  });
});
