import * as vscode from 'vscode';
import { newNonce, webviewPage } from '../webview-html';

/** The bundle folder: the only place the webview may load anything from. */
export function distFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [distFolder(extensionUri)] };
}

/**
 * The page shell. CSP `default-src 'none'`: the one script runs by nonce, styles and images only
 * from the extension's own resources (cspSource), no inline handlers or eval. The profile never
 * appears in this HTML: it arrives later as data in the `init` message, so no profile string can
 * close a tag or open a script here.
 */
export function flamegraphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = newNonce();
  const dist = distFolder(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return webviewPage({
    csp,
    title: 'Flamegraph',
    head: `<link rel="stylesheet" href="${style.toString()}">`,
    body: `<script nonce="${nonce}" src="${script.toString()}"></script>`,
  });
}
