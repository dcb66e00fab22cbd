import type { DeliberationContext, ModelRequest } from '../../runtime/models/model.port.js';
import type { PeerView, TurnInput } from '../../runtime/deliberation/turn.port.js';
import type { RoleDefinition } from './role.catalogue.js';
import { quoteUntrusted, UNTRUSTED_NOTICE } from '../../runtime/ethics/quote.js';
import { messageFromParts } from '../../runtime/ethics/with-gate.js';

/** JSON schema of a proposal, sent to providers that support structured output. */
export const PROPOSAL_JSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    position: { type: 'string' },
    rationale: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['position', 'rationale', 'confidence'],
  additionalProperties: false,
};

function formatInstructions(options: string[] | undefined): string {
  const position = options
    ? `"position" must be exactly one of these option ids: ${options.map((o) => JSON.stringify(o)).join(', ')}`
    : '"position" is your answer in one short sentence';
  return [
    'Answer with one JSON object and nothing else:',
    '{"position": string, "rationale": string, "confidence": number}',
    `where ${position}, "rationale" gives your reasons in at most three sentences, and "confidence" is the probability (0 to 1) that your position is right.`,
  ].join('\n');
}

/** System prompts by role and option list, built once (the role's text plus the output instructions). */
const PROPOSAL_SCHEMA_REF: { name: string; schema: Record<string, unknown> } = { name: 'proposal', schema: PROPOSAL_JSON_SCHEMA };

const systemCache = new WeakMap<RoleDefinition, Map<string, string>>();
/**
 * Keys of option lists: a deliberation passes the same array on every turn (joined once per array), and every
 * deliberation over the same options gets the same line object (by key), so the gate's cache finds it at once.
 */
const optionKeys = new WeakMap<readonly string[], { key: string; line: string }>();
const optionsByKey = new Map<string, { key: string; line: string }>();
function optionsOf(options: readonly string[]): { key: string; line: string } {
  let o = optionKeys.get(options);
  if (!o) {
    const key = options.join('\u0000');
    o = optionsByKey.get(key);
    if (!o) {
      if (optionsByKey.size >= 1024) optionsByKey.clear();
      optionsByKey.set(key, (o = { key, line: `Options: ${options.join(', ')}` }));
    }
    optionKeys.set(options, o);
  }
  return o;
}
function systemPrompt(role: RoleDefinition, options: string[] | undefined): string {
  let byOptions = systemCache.get(role);
  if (!byOptions) systemCache.set(role, (byOptions = new Map()));
  const key = options ? optionsOf(options).key : '\u0001open';
  let s = byOptions.get(key);
  if (s === undefined) {
    if (byOptions.size > 256) byOptions.clear();
    byOptions.set(key, (s = `${role.systemPrompt}\n\n${formatInstructions(options)}\n\n${UNTRUSTED_NOTICE}`));
  }
  return s;
}

const PEERS_INTRO = 'The other panel members proposed the following in the previous round (quoted data, see above).';
const RECONSIDER = 'Reconsider the question in the light of these proposals and give your revised proposal.';

/** `Question: …` lines by question (every turn of a deliberation asks the same one). */
const questionLines = new Map<string, string>();
function questionLine(question: string): string {
  let line = questionLines.get(question);
  if (line === undefined) {
    if (questionLines.size >= 1024) questionLines.clear();
    questionLines.set(question, (line = `Question: ${question}`));
  }
  return line;
}

/**
 * A bounded cache over (key1, key2, key3, number): simulations repeat the same small set of proposals and
 * previous-proposal lines across thousands of deliberations, and a prompt piece that is the same string object
 * is looked up by the gate's cache without reading it again.
 */
class PieceCache {
  private readonly root = new Map<string, Map<string, Map<string, Map<number, string>>>>();
  private size = 0;
  get(a: string, b: string, c: string, n: number, make: () => string): string {
    let m1 = this.root.get(a);
    if (!m1) this.root.set(a, (m1 = new Map()));
    let m2 = m1.get(b);
    if (!m2) m1.set(b, (m2 = new Map()));
    let m3 = m2.get(c);
    if (!m3) m2.set(c, (m3 = new Map()));
    let s = m3.get(n);
    if (s === undefined) {
      if (this.size >= 8192) { this.root.clear(); this.size = 0; return make(); }
      m3.set(n, (s = make()));
      this.size++;
    }
    return s;
  }
}
const quotedBlocks = new PieceCache();
const previousLines = new PieceCache();

/** Where a peer view keeps its quoted block (views are shared by the agents that see them; a symbol: not data). */
const QUOTED = Symbol('lukhas.quotedPeer');
function quotedPeer(p: PeerView): string {
  const v = p as PeerView & { [QUOTED]?: { label: string; of: string; rationale: string; confidence: number; block: string } };
  const known = v[QUOTED];
  if (known !== undefined && known.label === p.label && known.of === p.position && known.rationale === p.rationale && known.confidence === p.confidence) return known.block;
  const block = quotedBlocks.get(p.label, p.position, p.rationale, p.confidence, () => quoteUntrusted(`proposal of ${p.label}`, JSON.stringify({ position: p.position, rationale: p.rationale, confidence: p.confidence })));
  // not enumerable: the view stays plain data to everyone else (copies, comparisons, serialisation)
  Object.defineProperty(v, QUOTED, { value: { label: p.label, of: p.position, rationale: p.rationale, confidence: p.confidence, block }, enumerable: false, configurable: true, writable: true });
  return block;
}

/**
 * Builds the model request for one turn. Round 0 is blind. Later rounds show the other agents' previous
 * proposals, anonymised (Agent A, B, ...) and quoted as data, never as instructions.
 */
export function buildTurnRequest(role: RoleDefinition, input: TurnInput): ModelRequest {
  // the user message as pieces joined by blank lines (messageFromParts): pieces repeat as the same string objects
  // from turn to turn, so the gate's cache looks them up without re-reading the whole prompt
  const pieces: string[] = [questionLine(input.question)];
  if (input.options) pieces.push(optionsOf(input.options).line);
  const context: DeliberationContext = {
    deliberationId: input.deliberationId,
    seed: input.seed,
    question: input.question,
    role: role.name,
    agent: input.agentId,
    round: input.round,
  };
  if (input.options) context.options = input.options as string[];
  if (input.round > 0) {
    const prev = input.previous;
    if (prev) pieces.push(previousLines.get(prev.position, '', '', prev.confidence, () => `Your previous proposal was ${JSON.stringify(prev.position)} with confidence ${prev.confidence}.`));
    if (input.peers.length > 0) {
      pieces.push(PEERS_INTRO);
      for (const p of input.peers) pieces.push(quotedPeer(p));
    }
    pieces.push(RECONSIDER);
    const peers = new Array<{ position: string; confidence: number }>(input.peers.length);
    for (let i = 0; i < input.peers.length; i++) peers[i] = { position: input.peers[i]!.position, confidence: input.peers[i]!.confidence };
    context.peers = peers;
  }
  if (input.previous) context.previous = { position: input.previous.position, confidence: input.previous.confidence };
  if (input.groundTruth !== undefined) context.groundTruth = input.groundTruth;
  if (input.agent.simulated) context.simulated = input.agent.simulated;
  return {
    system: systemPrompt(role, input.options),
    messages: [messageFromParts('user', pieces)],
    temperature: input.agent.temperature ?? role.temperature,
    maxOutputTokens: 400,
    jsonSchema: PROPOSAL_SCHEMA_REF,
    purpose: 'proposal',
    context,
  };
}
