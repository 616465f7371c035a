import * as vscode from 'vscode';
import {
  languageOf,
  scanFunctions,
  type FunctionRange,
  type LanguageId,
} from '../mapping/functions';
import { lineOf } from './lines';

export type { FunctionRange };

const LANGUAGES: Record<string, LanguageId> = {
  python: 'python',
  c: 'c',
  cpp: 'cpp',
  go: 'go',
  rust: 'rust',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
};

const FUNCTION_KINDS = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
]);
/** A language server that has not started yet must not hold the lenses back for long. */
const SYMBOL_TIMEOUT_MS = 1500;

/**
 * Function ranges (1-based lines) of a document: document symbols where a language extension
 * provides them (they know the language best), the built-in scanner otherwise, so Python works
 * with no other extension installed. Cached per document version.
 */
export class FunctionIndex implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; ranges: Promise<FunctionRange[]> }>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.closing = vscode.workspace.onDidCloseTextDocument((d) =>
      this.cache.delete(d.uri.toString()),
    );
  }

  functions(document: vscode.TextDocument): Promise<FunctionRange[]> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.ranges;
    const ranges = this.compute(document);
    this.cache.set(key, { version: document.version, ranges });
    return ranges;
  }

  private async compute(document: vscode.TextDocument): Promise<FunctionRange[]> {
    const fromSymbols = await this.fromSymbols(document);
    if (fromSymbols.length > 0) return fromSymbols;
    const language = LANGUAGES[document.languageId] ?? languageOf(document.fileName);
    if (language === undefined) return [];
    try {
      return scanFunctions(document.getText(), language);
    } catch (err) {
      this.log.warn(`Function scan of ${document.uri.fsPath} failed: ${String(err)}`);
      return [];
    }
  }

  private async fromSymbols(document: vscode.TextDocument): Promise<FunctionRange[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const symbols = await Promise.race([
        vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
          'vscode.executeDocumentSymbolProvider',
          document.uri,
        ),
        new Promise<undefined>(
          (resolve) => (timer = setTimeout(() => resolve(undefined), SYMBOL_TIMEOUT_MS)),
        ),
      ]);
      const out: FunctionRange[] = [];
      for (const s of symbols ?? []) {
        if ('children' in s) collect(s, undefined, out);
        else if (FUNCTION_KINDS.has(s.kind)) out.push(toRange(s.name, s.name, s.location.range));
      }
      return out.sort((a, b) => a.startLine - b.startLine);
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
}

function collect(s: vscode.DocumentSymbol, parent: string | undefined, out: FunctionRange[]) {
  const qualified = parent ? `${parent}.${s.name}` : s.name;
  if (FUNCTION_KINDS.has(s.kind)) {
    // The def line is where the name is (selectionRange), not the first decorator line.
    out.push(toRange(s.name, qualified, s.range, s.selectionRange.start.line));
  }
  for (const c of s.children) collect(c, qualified, out);
}

function toRange(
  name: string,
  qualifiedName: string,
  range: vscode.Range,
  defLine = range.start.line,
): FunctionRange {
  const startLine = lineOf(defLine);
  const endLine = Math.max(startLine, lineOf(range.end));
  const bodyStartLine = Math.min(startLine + 1, endLine);
  const r: FunctionRange = { name, qualifiedName, startLine, bodyStartLine, endLine };
  // Symbol ranges of decorated Python functions start at the first decorator.
  if (range.start.line < defLine) r.decoratorLine = lineOf(range.start);
  return r;
}
