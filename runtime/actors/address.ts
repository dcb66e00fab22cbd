import { LukhasError } from '../errors.js';

/** An agent's address after autogen-core: a type (the role or kind) and a key (the instance), written `type/key`. */
export interface AgentId {
  type: string;
  key: string;
}

/** A broadcast topic: a type and a source, written `type/source`. */
export interface TopicId {
  type: string;
  source: string;
}

const PART = /^[A-Za-z0-9_.:-]+$/;

/** Formats an AgentId as `type/key`. */
export function formatAgentId(id: AgentId): string {
  return `${id.type}/${id.key}`;
}

/** Parses `type/key`; throws BAD_INPUT naming the text when malformed. */
export function parseAgentId(text: string): AgentId {
  const i = text.indexOf('/');
  const type = i < 0 ? '' : text.slice(0, i);
  const key = i < 0 ? '' : text.slice(i + 1);
  if (!PART.test(type) || !PART.test(key)) {
    throw new LukhasError('BAD_INPUT', `invalid agent id: ${JSON.stringify(text)} (expected type/key with letters, digits, _ . : -)`);
  }
  return { type, key };
}

/** Checks one part of an id (type or key). */
export function assertIdPart(what: string, value: string): void {
  if (!PART.test(value)) throw new LukhasError('BAD_INPUT', `invalid ${what}: ${JSON.stringify(value)} (letters, digits, _ . : - only)`);
}
