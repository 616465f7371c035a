// Entry of the Sentry trace webview (bundled to dist/trace.js as an IIFE, like the flamegraph's
// src/webview/main.ts). Handshake: build the page, post `ready`, then draw whatever `init` brings.
import type { FromTraceView } from '../../protocol';
import { parseToTraceView } from './messages';
import { renderTrace } from './waterfall';

interface TraceVsCodeApi {
  postMessage(message: FromTraceView): void;
}

declare function acquireVsCodeApi(): TraceVsCodeApi;

const vscode = acquireVsCodeApi();
const title = document.createElement('h2');
title.id = 'title';
title.textContent = 'Loading trace…';
const root = document.createElement('div');
root.id = 'root';
document.body.append(title, root);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToTraceView(event.data);
  if (!parsed) return;
  if (!parsed.ok) {
    root.textContent = '';
    title.textContent = `This trace cannot be shown here: ${parsed.reason}. Use "Open in Sentry" on the span instead.`;
    return;
  }
  renderTrace(title, root, parsed.value, (id) => vscode.postMessage({ type: 'openSpan', id }));
});

vscode.postMessage({ type: 'ready' });
