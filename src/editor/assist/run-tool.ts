// One tool call from VS Code: validate and run it against the editor's host (src/assist does
// both), and hand the model short text plus the same facts as JSON. Loaded on the first call
// (register.ts), with the tool code it pulls in.
import * as vscode from 'vscode';
import { callTool, resultParts } from '../../assist/registry';
import { ToolError } from '../../assist/types';
import { redact, SentryError } from '../../sentry/errors';
import { EditorAssistHost, type EditorParts } from './editor-host';
import type { EditorContext } from '../ctx';

export { EditorAssistHost };

export function createHost(ctx: EditorContext, parts: EditorParts): EditorAssistHost {
  const host = new EditorAssistHost(ctx, parts);
  ctx.extension.subscriptions.push(host);
  return host;
}

/**
 * Errors are thrown with a message the model can act on (the tool guide's advice): a ToolError
 * says what was wrong with the call and what to pass instead; anything else is logged in full.
 */
export async function runTool(
  editor: EditorAssistHost,
  log: vscode.LogOutputChannel,
  name: string,
  input: unknown,
  token: vscode.CancellationToken,
): Promise<vscode.LanguageModelToolResult> {
  const secret = await editor.secret();
  const scrub = (text: string) => redact(text, secret);
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  const started = Date.now();
  try {
    const result = await callTool(await editor.host(), name, input, controller.signal);
    const [text, json] = resultParts(result);
    log.info(`Assistant tool ${name} answered in ${Date.now() - started} ms`);
    return new vscode.LanguageModelToolResult([
      new vscode.LanguageModelTextPart(scrub(text)),
      new vscode.LanguageModelTextPart(scrub(json)),
    ]);
  } catch (err) {
    if (err instanceof ToolError) {
      log.info(`Assistant tool ${name}: ${scrub(err.message)}`);
      throw new Error(scrub(err.message));
    }
    if (err instanceof SentryError) throw new Error(scrub(`Sentry: ${err.message}`));
    log.error(`Assistant tool ${name} failed: ${scrub((err as Error).stack ?? String(err))}`);
    throw new Error(scrub(`${name} failed: ${(err as Error).message ?? String(err)}`));
  } finally {
    cancel.dispose();
  }
}
