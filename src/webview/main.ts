// Entry of the flamegraph webview (bundled to dist/webview.js as an IIFE). Handshake: build the
// UI, post `ready`, then draw whatever `init` brings (CONTRIBUTING.md §4.4).
import { assertNever, type ToWebview } from '../protocol';
import { FlameView } from './flamegraph';
import { attachInput } from './input';
import { parseState, vscodeApi } from './state';

const vscode = vscodeApi();
const view = new FlameView(
  (m) => vscode.postMessage(m),
  (s) => vscode.setState(s),
);

const main = document.createElement('main');
main.className = 'app';
const stage = document.createElement('div');
stage.className = 'stage';
stage.append(view.canvas, view.empty, view.tooltip.root);
main.append(view.controls.root, view.crumbs.root, stage);
document.body.append(main);
attachInput(view);

const resize = () => {
  view.renderer.resize();
  view.drawNow();
};
new ResizeObserver(resize).observe(stage);
// Zooming VS Code changes devicePixelRatio, which a ResizeObserver on CSS size may not see.
window.addEventListener('resize', resize);
view.showMessage('Loading the profile…');
// VS Code swaps the body's theme class when the user changes theme.
new MutationObserver(() => view.themeChanged()).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  const typing = target?.closest('vscode-textfield, input, textarea') !== null;
  if (e.key === '/' && !typing) {
    e.preventDefault();
    view.controls.focusSearch();
  } else if (e.key === 'Escape' && typing) {
    view.canvas.focus();
  }
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  switch (message.type) {
    case 'init': {
      const t0 = performance.now();
      view.setData(message.flame, parseState(vscode.getState()), message.baseline);
      view.renderer.resize();
      if (message.selectFrameIds?.length) view.reveal(message.selectFrameIds);
      const t1 = performance.now();
      view.drawNow();
      performance.measure('hotspot-lens:first-draw', { start: t1 });
      performance.measure('hotspot-lens:init', { start: t0 });
      break;
    }
    case 'reveal':
      view.reveal(message.frameIds);
      break;
    case 'highlight':
      view.highlight(message.frameIds);
      break;
    case 'theme':
      view.themeChanged();
      break;
    case 'error':
      view.showMessage(message.message);
      break;
    default:
      assertNever(message);
  }
});

// Errors go to the extension's log (the webview has no console a user would look at).
window.addEventListener('error', (e) => {
  vscode.postMessage({ type: 'log', level: 'error', message: String(e.message).slice(0, 500) });
});

vscode.postMessage({ type: 'ready' });
