// The lint rules that hold the house together (see docs/architecture.md, "Rules"):
// electron is imported only by the desktop's Electron adapters (main/desktop/electron/), and the renderer reaches main
// only through the preload contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const electronOnlyMessage =
  'Only main/desktop/electron/ and main/index.ts may import electron: keep the rest of main/ (the desktop core too) runnable in plain Node.';

// 'electron' and its entries ('electron/main', 'electron/common', ...). A regex, since a glob 'electron' would also
// match a folder of that name inside a relative path (../desktop/electron/tray).
const electronOnlyInDesktop = { regex: '^electron(/|$)', message: electronOnlyMessage };

// import('electron') and require('electron'), which no-restricted-imports does not see. (esquery's regex cannot hold
// a '/', hence \x2F.)
const electronLoadedOnlyInDesktop = [
  'error',
  ...['ImportExpression > Literal.source', "CallExpression[callee.name='require'] > Literal.arguments"].map((node) => ({
    selector: `${node}[value=/^electron(\\x2F|$)/]`,
    message: electronOnlyMessage,
  })),
];

// The files that may not load electron besides common/ and the renderer (which have rules of their own), and the
// adapters that may.
const electronFreeMain = ['main/**/*.ts', 'preload/contract.ts', 'scripts/**', 'bin/**', 'test/**'];
const electronAdapters = ['main/desktop/electron/**', 'main/index.ts'];

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'The renderer is sandboxed: it has no Node.js. Ask main for it through window.splits.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'main/**/*.generated.ts'] },
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
    files: electronFreeMain,
    ignores: electronAdapters,
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnlyInDesktop] }] },
  },
  {
    files: [...electronFreeMain, 'common/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: electronAdapters,
    rules: { 'no-restricted-syntax': electronLoadedOnlyInDesktop },
  },
  {
    // Rules both sides share (the window and the CLI): plain TypeScript that leans on neither, so each can bundle it.
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map(({ name }) => ({
              name,
              message: 'common/ runs in the window too, which has no Node.js.',
            })),
          ],
          patterns: [
            electronOnlyInDesktop,
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
          paths: nodeBuiltins,
          patterns: [
            electronOnlyInDesktop,
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
