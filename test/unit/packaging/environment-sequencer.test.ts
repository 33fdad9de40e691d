// The test files' order (test/support/environment-sequencer.ts): vitest's own order, each environment's files kept
// together, node's first, so that a worker is not ended and started again between a node and a jsdom file.
import { describe, expect, it } from 'vitest';
import { fileEnvironment, groupByEnvironment } from '../../support/environment-sequencer';

describe('the test files, grouped by environment', () => {
  it('reads the environment a file asks for at its top, node when none', () => {
    expect(fileEnvironment('// @vitest-environment jsdom\n// The charts view…\nimport x from "y";')).toBe('jsdom');
    expect(fileEnvironment('/**\n * @vitest-environment happy-dom\n */\n')).toBe('happy-dom');
    expect(fileEnvironment('// The store on disk.\nimport { it } from "vitest";\n')).toBe('node');
  });

  it("keeps vitest's order inside each group, node's files first, the others where their first file was", () => {
    const files = [
      { name: 'charts-view', env: 'jsdom' },
      { name: 'desktop-app', env: 'node' },
      { name: 'map-view', env: 'happy-dom' },
      { name: 'attention', env: 'jsdom' },
      { name: 'cli-basics', env: 'node' },
      { name: 'log', env: 'node' },
    ];
    expect(groupByEnvironment(files, (f) => f.env).map((f) => f.name)).toEqual([
      'desktop-app',
      'cli-basics',
      'log',
      'charts-view',
      'attention',
      'map-view',
    ]);
  });

  it('leaves a run of one environment as it was', () => {
    const names = ['a', 'b', 'c'];
    expect(groupByEnvironment(names, () => 'jsdom')).toEqual(names);
    expect(groupByEnvironment(names, () => 'node')).toEqual(names);
  });
});
