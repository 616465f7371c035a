// The shape of one assistant tool, shared by both front doors (src/cli/mcp-*.ts for MCP,
// src/editor/assist for VS Code language-model tools). A tool reads what its host has loaded and
// answers short text for the model plus the same facts as JSON.
import type { AssistHost } from './host';

/** The JSON Schema subset our tools use; validate.ts checks arguments against it. */
export interface PropertySchema {
  readonly type: 'string' | 'integer' | 'boolean' | 'array';
  readonly description: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type: 'string' };
  readonly default?: unknown;
}

export interface InputSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties: false;
}

export interface ToolResult {
  /** A few lines a model can quote: a header and one row per item. */
  readonly text: string;
  /** The same rows as data (paths relative to the workspace root). */
  readonly data: unknown;
}

export type ToolArgs = Readonly<Record<string, unknown>>;

export interface AssistTool {
  readonly name: string;
  readonly title: string;
  /** What the tool answers and when to use it: the model decides from this text. */
  readonly description: string;
  readonly inputSchema: InputSchema;
  /** Runs a process on the user's machine (capture): needs trust and a confirmation. */
  readonly sideEffects?: boolean;
  run(args: ToolArgs, host: AssistHost, signal?: AbortSignal): Promise<ToolResult>;
}

/** A call the tool cannot answer (bad argument, nothing loaded): shown to the model as is. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export const DEFAULT_LIMIT = 15;
export const MAX_LIMIT = 200;

export const LIMIT_PROPERTY: PropertySchema = {
  type: 'integer',
  description: `Rows to return (default ${DEFAULT_LIMIT}).`,
  minimum: 1,
  maximum: MAX_LIMIT,
};
