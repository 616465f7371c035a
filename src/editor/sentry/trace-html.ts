// The trace waterfall page shell, built like the flamegraph's (editor/flamegraph/html.ts): CSP
// `default-src 'none'`, the one script (dist/trace.js, from src/webview/trace/) by nonce, the
// stylesheet (dist/trace.css) from the extension's own resources. The spans never appear in this
// HTML: they arrive later as data in the `init` message and are drawn with textContent. No
// vscode import here, so the browser tests serve exactly this page.

import { webviewPage } from '../webview-html';

export interface TracePageAssets {
  readonly nonce: string;
  /** `webview.cspSource`: the origin the extension's resources are served from. */
  readonly cspSource: string;
  /** `asWebviewUri` of dist/trace.js and dist/trace.css. */
  readonly script: string;
  readonly style: string;
}

/** The bundle files of the trace page inside dist/ (scripts/build.mjs). */
export const TRACE_SCRIPT = 'trace.js';
export const TRACE_STYLE = 'trace.css';

export function traceHtml(page: TracePageAssets): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource}`,
  ].join('; ');
  return webviewPage({
    csp,
    title: 'Sentry trace',
    head: `<link rel="stylesheet" href="${page.style}">`,
    body: `<script nonce="${page.nonce}" src="${page.script}"></script>`,
  });
}
