// Flat config: typescript-eslint's recommended rules, plus the architectural rules of this
// project (docs/DESIGN.md, "Folders"): only src/editor may import 'vscode'; the core and the
// mapping stay free of network code; the webview runs in a browser, so no Node built-ins, and it
// shows strings from profiles and Sentry, so nothing in it may parse a string as HTML.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodePath = {
  name: 'vscode',
  message: 'Only src/editor may import vscode (see docs/DESIGN.md).',
};
const network = ['axios', 'http', 'https', 'node:http', 'node:https', 'net', 'node:net'].map(
  (name) => ({
    name,
    message:
      'The core and the mapping do no I/O over the network; that is src/sentry (docs/DESIGN.md).',
  }),
);
const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'zlib',
  'stream',
  'crypto',
  'util',
  'worker_threads',
  'http',
  'https',
  'net',
  'axios',
].map((name) => ({
  name,
  message: 'The webview runs in a browser: no Node built-ins (docs/DESIGN.md).',
}));

// Every way a string becomes markup in a page. The webviews build elements and set textContent
// (or draw on a canvas); a string from a profile or from Sentry must never reach one of these.
const htmlSinks = [
  {
    selector:
      'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No innerHTML/outerHTML in the webview: build elements and set textContent.',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe)$/]',
    message: 'No HTML parsing in the webview: build elements and set textContent.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
    message: 'No document.write in the webview.',
  },
  {
    selector: "NewExpression[callee.name='DOMParser']",
    message: 'No DOMParser in the webview: build elements and set textContent.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'demo/**',
      '.e2e/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/editor/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodePath] }], 'no-console': 'error' },
  },
  {
    files: ['src/core/**/*.ts', 'src/mapping/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodePath, ...network] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodePath, ...nodeBuiltins],
          patterns: [
            { group: ['node:*'], message: 'The webview runs in a browser: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...htmlSinks],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'tools/**/*.ts', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
