// The HTML shell of this extension's webviews (the flamegraph and the Sentry trace). Each page
// brings its own Content-Security-Policy, which goes first in <head> so that it governs
// everything after it; scripts run only by nonce. No vscode import here, so the pages can be
// built and checked outside the editor (unit and browser tests).

import { randomBytes } from 'crypto';

/** A fresh nonce for one page load (CSP `'nonce-…'`). */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export interface WebviewPage {
  /** The whole Content-Security-Policy value. */
  readonly csp: string;
  readonly title: string;
  /** Markup after <title> (stylesheets). */
  readonly head: string;
  readonly body: string;
}

export function webviewPage(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>`;
}
