import { parseProtocol } from '../../runtime/consensus/index.js';
import type { ProtocolSpec } from '../../runtime/consensus/consensus.types.js';
import type { AgentSpec, DeliberationRequest } from '../../runtime/deliberation/deliberation.types.js';
import { assertIdPart } from '../../runtime/actors/address.js';
import { LukhasError } from '../../runtime/errors.js';
import { DEFAULT_ROLES, type RoleCatalogue } from '../roles/role.catalogue.js';

/** A request with every default filled in and every value checked. */
export interface NormalisedRequest {
  id: string;
  question: string;
  options: string[] | undefined;
  agents: (AgentSpec & { id: string })[];
  protocol: ProtocolSpec;
  rounds: number;
  calls: number | undefined;
  tokens: number | undefined;
  usd: number | undefined;
  wallMs: number | undefined;
  turnTimeoutMs: number;
  seed: number;
  groundTruth: string | undefined;
  quorum: number;
  stableRounds: number;
}

const bad = (what: string, value: unknown, expected: string): never => {
  throw new LukhasError('BAD_OPTION', `invalid ${what}: ${JSON.stringify(value)} (expected ${expected})`, { details: { option: what } });
};

function positiveNumber(what: string, v: unknown, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) bad(what, v, integer ? 'a positive integer' : 'a positive number');
  return v as number;
}

/** Checks a deliberation request and fills in the defaults; every error names the field and the accepted values. */
export function normaliseRequest(req: DeliberationRequest, roles: RoleCatalogue, makeId: () => string): NormalisedRequest {
  if (!req || typeof req !== 'object') throw new LukhasError('BAD_INPUT', 'a deliberation request must be an object');
  if (typeof req.question !== 'string' || req.question.trim() === '') bad('question', req.question, 'a non-empty string');
  if (req.question.length > 20_000) bad('question', `${req.question.slice(0, 40)}…`, 'at most 20,000 characters');
  let options: string[] | undefined;
  if (req.options !== undefined) {
    if (!Array.isArray(req.options) || req.options.length < 2 || req.options.length > 26) bad('options', req.options, 'a list of 2 to 26 option ids');
    options = req.options.map((o) => (typeof o === 'string' ? o.trim() : o));
    for (const o of options) if (typeof o !== 'string' || o === '' || o.length > 200) bad('options', req.options, 'non-empty option ids of at most 200 characters');
    if (new Set(options).size !== options.length) bad('options', req.options, 'distinct option ids');
  }
  const specs = (req.agents ?? [...DEFAULT_ROLES]).map((a) => (typeof a === 'string' ? { role: a } : a));
  if (specs.length === 0 || specs.length > 64) bad('agents', req.agents, '1 to 64 agents');
  const perRole = new Map<string, number>();
  const agents = specs.map((a) => {
    if (!a || typeof a.role !== 'string') bad('agents', a, 'a role name or {role, ...}');
    roles.get(a.role);
    const n = (perRole.get(a.role) ?? 0) + 1;
    perRole.set(a.role, n);
    const key = a.key ?? String(n);
    assertIdPart('agent key', key);
    const sim = a.simulated;
    if (sim) {
      if (sim.competence !== undefined && !(sim.competence >= 0 && sim.competence <= 1)) bad(`competence of ${a.role}/${key}`, sim.competence, 'a probability in [0, 1]');
      if (sim.conformity !== undefined && !(sim.conformity >= 0 && sim.conformity <= 1)) bad(`conformity of ${a.role}/${key}`, sim.conformity, 'a number in [0, 1]');
    }
    // rebuilt field by field: a fixed key order keeps journals byte-stable whatever order the caller used
    return {
      role: a.role,
      key,
      id: `${a.role}/${key}`,
      ...(a.model !== undefined ? { model: a.model } : {}),
      ...(a.temperature !== undefined ? { temperature: a.temperature } : {}),
      ...(sim
        ? {
            simulated: {
              ...(sim.competence !== undefined ? { competence: sim.competence } : {}),
              ...(sim.conformity !== undefined ? { conformity: sim.conformity } : {}),
              ...(sim.adversarial !== undefined ? { adversarial: Boolean(sim.adversarial) } : {}),
            },
          }
        : {}),
    };
  });
  if (new Set(agents.map((a) => a.id)).size !== agents.length) bad('agents', agents.map((a) => a.id), 'distinct agent ids (role/key)');
  const protocol = parseProtocol(req.protocol ?? 'majority');
  const limits = req.limits ?? {};
  const rounds = limits.rounds ?? 3;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) bad('rounds', rounds, 'an integer from 1 to 50');
  const seed = req.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) bad('seed', seed, 'an integer from 0 to 4294967295');
  const quorum = req.quorum ?? 0.5;
  if (typeof quorum !== 'number' || !(quorum > 0 && quorum <= 1)) bad('quorum', quorum, 'a fraction in (0, 1]');
  const stableRounds = req.stableRounds ?? 2;
  if (!Number.isInteger(stableRounds) || stableRounds < 1) bad('stableRounds', stableRounds, 'a positive integer');
  if (req.groundTruth !== undefined && options && !options.includes(req.groundTruth)) bad('groundTruth', req.groundTruth, `one of the options ${options.join(', ')}`);
  if (req.id !== undefined) assertIdPart('deliberation id', req.id);
  return {
    id: req.id ?? makeId(),
    question: req.question.trim(),
    options,
    agents,
    protocol,
    rounds,
    calls: positiveNumber('calls limit', limits.calls, true),
    tokens: positiveNumber('tokens limit', limits.tokens, true),
    usd: positiveNumber('usd limit', limits.usd, false),
    wallMs: positiveNumber('wall-time limit', limits.wallMs, false),
    turnTimeoutMs: positiveNumber('turn timeout', limits.turnTimeoutMs, false) ?? 60_000,
    seed,
    groundTruth: req.groundTruth,
    quorum,
    stableRounds,
  };
}
