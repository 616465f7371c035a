// Checks tool arguments against the tool's own input schema before it runs, so a malformed call
// from a model gets a message naming the argument instead of a failure deep inside a tool.
// Hand-written for the small schema subset in types.ts: a full JSON Schema validator (ajv) would
// add ~120 kB to the extension bundle for five flat objects.
import { ToolError, type InputSchema, type ToolArgs } from './types';

export function validateArgs(tool: string, schema: InputSchema, raw: unknown): ToolArgs {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ToolError(`${tool}: arguments must be a JSON object`);
  const args = raw as Record<string, unknown>;
  for (const name of Object.keys(args)) {
    if (!(name in schema.properties)) {
      const known = Object.keys(schema.properties).join(', ');
      throw new ToolError(`${tool}: unknown argument '${name}' (known: ${known})`);
    }
  }
  for (const name of schema.required ?? []) {
    if (args[name] === undefined)
      throw new ToolError(`${tool}: missing required argument '${name}'`);
  }
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const p = schema.properties[name];
    const bad = (what: string) => new ToolError(`${tool}: argument '${name}' ${what}`);
    switch (p.type) {
      case 'string':
        if (typeof value !== 'string') throw bad(`must be a string, got ${kind(value)}`);
        if (value.trim() === '') throw bad('must not be empty');
        if (p.enum && !p.enum.includes(value))
          throw bad(`must be one of ${p.enum.join(', ')}; got '${value}'`);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw bad(`must be a whole number, got ${kind(value)}`);
        if (p.minimum !== undefined && value < p.minimum)
          throw bad(`must be at least ${p.minimum}`);
        if (p.maximum !== undefined && value > p.maximum) throw bad(`must be at most ${p.maximum}`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw bad(`must be true or false, got ${kind(value)}`);
        break;
      case 'array':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
          throw bad('must be an array of strings');
        if (value.length === 0) throw bad('must not be empty');
        break;
    }
  }
  return args;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string'
    ? `the string '${v.slice(0, 40)}'`
    : `${typeof v} ${JSON.stringify(v)}`;
}
