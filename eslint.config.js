// The lint rules that hold the house together (see docs/architecture.md, "Rules"):
// electron is imported only by the desktop's Electron adapters (main/desktop/electron/), and the renderer reaches main
// only through the preload contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const electronOnlyInDesktop = {
  name: 'electron',
  message:
    'Only main/desktop/electron/ and main/index.ts may import electron: keep the rest of main/ (the desktop core too) runnable in plain Node.',
};

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'The renderer is sandboxed: it has no Node.js. Ask main for it through window.splits.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts', 'preload/contract.ts', 'scripts/**', 'bin/**', 'test/**'],
    ignores: ['main/desktop/electron/**', 'main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInDesktop] }] },
  },
  {
    // Rules both sides share (the window and the CLI): plain TypeScript that leans on neither, so each can bundle it.
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInDesktop,
            ...nodeBuiltins.map(({ name }) => ({
              name,
              message: 'common/ runs in the window too, which has no Node.js.',
            })),
          ],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/preload/**', '**/preload', '**/renderer/**', '**/renderer'],
              message: 'common/ is shared by main/ and the renderer: it imports nothing of theirs (they import it).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // Only the two classic hooks rules: a hook called out of order, or an effect reading a value it does not list,
    // is a bug React will not report. The plugin's React Compiler rules are for a compiler this app does not use.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInDesktop, ...nodeBuiltins],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/preload/index*', '**/preload/bridge*'],
              message:
                'The renderer talks to main only through window.splits; only types from preload/contract.ts may be imported.',
            },
          ],
        },
      ],
    },
  },
);
