// Bundles the extension, the CLI and the webview with esbuild. Each bundle is one file so the
// .vsix ships no node_modules (the bundle must stay under 1 MB; see README).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'fs';
import path from 'path';

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

// The importers (src/core/import) are about a third of the extension's code and first needed
// when a profile is opened: core/import/on-demand.ts requires them at that moment, and here that
// require becomes dist/importers.js, a bundle of their own. Both bundles take the error classes
// from one more (dist/core-errors.js), so `instanceof ImportCancelled` holds across them.
const root = path.resolve('src');
const importersIndex = path.join(root, 'core/import/index.ts');
const coreErrors = path.join(root, 'core/errors.ts');
const resolvedTs = (args) => {
  const p = path.resolve(args.resolveDir, args.path);
  return p.endsWith('.ts') ? p : `${p}.ts`;
};
const importersOnDemand = {
  name: 'importers-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      args.importer.endsWith(path.join('core', 'import', 'on-demand.ts')) &&
      resolvedTs(args) === importersIndex
        ? { path: './importers.js', external: true }
        : undefined,
    );
  },
};
const sharedErrors = {
  name: 'shared-core-errors',
  setup(build) {
    build.onResolve({ filter: /errors$/ }, (args) =>
      args.kind !== 'entry-point' && resolvedTs(args) === coreErrors
        ? { path: './core-errors.js', external: true }
        : undefined,
    );
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
    plugins: [axiosOnDemand, vscodeOnce, importersOnDemand, sharedErrors],
  },
  {
    entryPoints: ['src/core/import/index.ts'],
    outfile: 'dist/importers.js',
    platform: 'node',
    format: 'cjs',
    plugins: [sharedErrors],
  },
  {
    entryPoints: ['src/core/errors.ts'],
    outfile: 'dist/core-errors.js',
    platform: 'node',
    format: 'cjs',
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
