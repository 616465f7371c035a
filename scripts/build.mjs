// Bundles the extension, the CLI and the webview with esbuild. Each bundle is one file so the
// .vsix ships no node_modules (the bundle must stay under 1 MB; see README).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'fs';

const watch = process.argv.includes('--watch');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const production = !watch;

// axios (with its mime table and proxy agents) is over half of what the extension would bundle.
// It is needed only once Sentry is queried, so the extension requires it lazily from a bundle of
// its own (dist/axios.js): activation then neither compiles nor runs it (budget: 30 ms).
const axiosOnDemand = {
  name: 'axios-on-demand',
  setup(build) {
    build.onResolve({ filter: /^axios$/ }, () => ({ path: './axios.js', external: true }));
  },
};

// `import * as vscode from 'vscode'` in each of ~45 files becomes `__toESM(require('vscode'))`,
// which copies every property of the API object once per file (a third of the bundle's start-up
// time). Routing them through one ESM shim that re-exports the API copies it once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-shim'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-shim' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

const bundles = [
  {
    entryPoints: ['src/editor/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [axiosOnDemand, vscodeOnce],
  },
  {
    entryPoints: ['scripts/axios-entry.cjs'],
    outfile: 'dist/axios.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entryPoints: ['tools/local-sentry/main.ts'],
    outfile: 'dist/local-sentry.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    // The Sentry trace waterfall page (editor/sentry/trace-panel.ts).
    entryPoints: ['src/webview/trace/main.ts'],
    outfile: 'dist/trace.js',
    platform: 'browser',
    format: 'iife',
  },
]
  .filter((b) => existsSync(b.entryPoints[0]))
  // `node scripts/build.mjs local-sentry` builds only dist/local-sentry.js (the demo scripts).
  .filter((b) => only.length === 0 || only.some((name) => b.outfile === `dist/${name}.js`));

mkdirSync('dist', { recursive: true });
for (const [from, to] of [
  ['src/webview/style.css', 'dist/webview.css'],
  ['src/webview/trace/style.css', 'dist/trace.css'],
])
  if (existsSync(from)) cpSync(from, to);

const common = {
  bundle: true,
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching', bundles.map((b) => b.outfile).join(', '));
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
  console.log('built', bundles.map((b) => b.outfile).join(', '));
}
