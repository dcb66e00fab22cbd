/**
 * Tools declared with zod: the input schema is what the model is shown (as JSON Schema, by z.toJSONSchema) and
 * what its arguments are checked against; the output schema is what the tool must return. A toolbox holds the
 * tools of a runtime; an allow-list per agent says which of them each agent may call.
 */
import { z } from 'zod';
import { LukhasError } from '../errors.js';
import type { ToolSpec } from '../models/model.port.js';

/** What a running tool is given besides its arguments. */
export interface ToolContext {
  /** Aborted when the tool's deadline passes or the caller cancels: long tools should stop. */
  signal: AbortSignal;
  /** The agent that called it (`role/key`). */
  agent: string;
}

/** A tool as declared: name, description, zod schemas and the function. */
export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** 1–64 of a-z, A-Z, 0-9, `_`, `-` (the rule all three providers accept). */
  name: string;
  description: string;
  /** Arguments: an object schema. */
  input: I;
  /** The result; a string result is sent to the model as is, anything else as JSON. */
  output: O;
  /** Deadline of one call in ms (default 10,000). */
  timeoutMs?: number;
  run(args: z.output<I>, context: ToolContext): Promise<z.input<O>> | z.input<O>;
}

/** A declared tool, ready for a toolbox: its definition plus the JSON Schema the model is shown. */
export interface Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> extends ToolDefinition<I, O> {
  readonly spec: ToolSpec;
  readonly timeoutMs: number;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Declares a tool; BAD_OPTION when the name, the timeout or the input schema cannot be used. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(def: ToolDefinition<I, O>): Tool<I, O> {
  if (!NAME.test(def.name)) throw new LukhasError('BAD_OPTION', `invalid tool name ${JSON.stringify(def.name)} (expected 1-64 of a-z A-Z 0-9 _ -)`, { details: { option: 'name' } });
  const timeoutMs = def.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new LukhasError('BAD_OPTION', `invalid timeoutMs of tool ${def.name}: ${timeoutMs} (expected an integer >= 1)`, { details: { option: 'timeoutMs' } });
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(def.input, { io: 'input' }) as Record<string, unknown>;
  } catch (err) {
    throw new LukhasError('BAD_OPTION', `tool ${def.name}: its input schema has no JSON Schema form (${(err as Error).message})`, { details: { option: 'input' } });
  }
  if (schema.type !== 'object') throw new LukhasError('BAD_OPTION', `tool ${def.name}: the input schema must be an object (z.object), got ${JSON.stringify(schema.type)}`, { details: { option: 'input' } });
  const { $schema: _drop, ...parameters } = schema;
  return { ...def, timeoutMs, spec: { name: def.name, description: def.description, parameters } };
}

/** The tools of a runtime, by name. */
export interface Toolbox {
  readonly names: readonly string[];
  get(name: string): Tool | undefined;
  /** The specs of `names`, in the given order (what a request declares). */
  specs(names: readonly string[]): ToolSpec[];
}

/** Builds a toolbox; BAD_OPTION on a duplicate name. */
export function createToolbox(tools: readonly Tool[]): Toolbox {
  const byName = new Map<string, Tool>();
  for (const t of tools) {
    if (byName.has(t.name)) throw new LukhasError('BAD_OPTION', `duplicate tool name ${t.name}`, { details: { option: 'tools' } });
    byName.set(t.name, t);
  }
  return {
    names: [...byName.keys()],
    get: (name) => byName.get(name),
    specs: (names) => names.map((n) => byName.get(n)!.spec),
  };
}

/**
 * Which tools each agent may call: keys are `role/key`, `role` or `*`, looked up in that order; an agent matched
 * by none may call no tool (deny by default).
 */
export type ToolPolicy = Readonly<Record<string, readonly string[]>>;

/** Checks a policy against a toolbox: BAD_OPTION naming the entry and the unknown tool. */
export function checkToolPolicy(policy: ToolPolicy, toolbox: Toolbox): void {
  for (const [who, names] of Object.entries(policy)) {
    for (const n of names) {
      if (!toolbox.get(n)) throw new LukhasError('BAD_OPTION', `invalid tools.${who}: no tool named ${JSON.stringify(n)} (known: ${toolbox.names.join(', ') || 'none'})`, { details: { option: `tools.${who}` } });
    }
  }
}

/** The tools an agent may call under a policy (deny by default). */
export function allowedTools(policy: ToolPolicy, agent: { role: string; key?: string }): readonly string[] {
  if (agent.key !== undefined) {
    const exact = policy[`${agent.role}/${agent.key}`];
    if (exact) return exact;
  }
  return policy[agent.role] ?? policy['*'] ?? [];
}
