import { randomBytes } from 'node:crypto';

export interface ChatHtmlOptions {
  /** The webview's `cspSource`: the only origin scripts and styles may load from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export const newNonce = (): string => randomBytes(18).toString('base64url');

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The chat view's page. The CSP allows only our script (by nonce) and our stylesheet: answer text
 * comes from shared memory, so nothing it contains may ever run or load.
 */
export function chatHtml(options: ChatHtmlOptions): { html: string; nonce: string } {
  const nonce = options.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${options.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${options.cspSource} data:`,
    `font-src ${options.cspSource}`,
  ].join('; ');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(options.styleUri)}">
<title>Ensemble</title>
</head>
<body>
<header><span id="team"></span> · <span id="state"></span></header>
<main id="log" aria-live="polite"></main>
<form id="ask">
<textarea id="question" rows="3" placeholder="Ask your team's assistant… (Enter to send)" aria-label="Question"></textarea>
<button type="submit">Ask</button>
</form>
<script nonce="${nonce}" src="${escapeAttr(options.scriptUri)}"></script>
</body>
</html>`;
  return { html, nonce };
}
