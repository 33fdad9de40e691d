// The test files' order (test/support/environment-sequencer.ts): vitest's own order, each environment's files kept
// together, so that a worker is not ended and started again between a node and a jsdom file.
import { describe, expect, it } from 'vitest';
import { fileEnvironment, groupByEnvironment } from '../../support/test-environments';

// Built from parts: the words whole in this file's text would make vitest run this file in jsdom.
const asks = (environment: string, tag = 'vitest') => `@${tag}-environment ${environment}`;

describe('the test files, grouped by environment', () => {
  it('reads the environment a file asks for, as vitest does, and the fallback when none', () => {
    expect(fileEnvironment(`// ${asks('jsdom')}\n// The charts view…\nimport x from "y";`, 'node')).toBe('jsdom');
    expect(fileEnvironment(`/**\n * ${asks('happy-dom')}\n */\n`, 'node')).toBe('happy-dom');
    expect(fileEnvironment(`// ${asks('jsdom', 'jest')}\n`, 'node')).toBe('jsdom');
    // After a long header, as vitest reads the whole file.
    expect(fileEnvironment(`${'// why\n'.repeat(2000)}// ${asks('jsdom')}\n`, 'node')).toBe('jsdom');
    expect(fileEnvironment('// The store on disk.\nimport { it } from "vitest";\n', 'node')).toBe('node');
    expect(fileEnvironment('// nothing asked\n', 'edge-runtime')).toBe('edge-runtime');
  });

  it("keeps vitest's order inside each group, each group where its first file was", () => {
    const files = [
      { name: 'charts-view', env: 'jsdom' }, // failed last time: vitest put it first, and it stays first
      { name: 'desktop-app', env: 'node' },
      { name: 'map-view', env: 'happy-dom' },
      { name: 'attention', env: 'jsdom' },
      { name: 'cli-basics', env: 'node' },
      { name: 'log', env: 'node' },
    ];
    expect(groupByEnvironment(files, (f) => f.env).map((f) => f.name)).toEqual([
      'charts-view',
      'attention',
      'desktop-app',
      'cli-basics',
      'log',
      'map-view',
    ]);
  });

  it('leaves a run of one environment as it was', () => {
    const names = ['a', 'b', 'c'];
    expect(groupByEnvironment(names, () => 'jsdom')).toEqual(names);
  });
});
