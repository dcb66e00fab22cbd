import { z } from 'zod';
import { LukhasError } from '../errors.js';
import { answerSpecSchema } from './datasets/answer-check.js';
import { datasetConfigSchema, parseDataset, sampleDataset } from './datasets/dataset.js';

/**
 * The scenario file format (simulations/*.json), validated with zod. A scenario is one colony configuration (the
 * "base" fields at the top level), a run count and seed, and an optional grid of sweep dimensions that override
 * base fields by dotted path. Documented for users in simulations/README.md.
 */

const PROTOCOL_RE = /^(majority|unanimity|confidence-weighted|ranked|approval|judge|supermajority:(0(\.\d+)?|1(\.0+)?))$/;

/** A protocol written as a string: `majority`, `supermajority:0.75`, `unanimity`, `confidence-weighted`, `ranked`, `approval`, `judge`. */
export const protocolSchema = z.string().regex(PROTOCOL_RE, {
  message: 'expected majority | supermajority:θ (0<θ≤1) | unanimity | confidence-weighted | ranked | approval | judge',
});

/** A group of identical agents. */
export const agentGroupSchema = z.strictObject({
  role: z.string().min(1),
  count: z.number().int().min(1).max(1000).default(1),
  /** `provider:model`; default the simulated model. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  competence: z.number().min(0).max(1).optional(),
  conformity: z.number().min(0).max(1).optional(),
  adversarial: z.boolean().optional(),
});

/** A question, closed (with options) or open; with or without a ground truth. */
export const questionSchema = z
  .strictObject({
    text: z.string().min(1),
    options: z.array(z.string().min(1)).min(2).optional(),
    groundTruth: z.string().min(1).optional(),
    /** The question's id in its dataset (results lines name it). */
    id: z.string().min(1).optional(),
    category: z.string().optional(),
    /** How answers are checked (datasets fill it in; inline questions may set it). */
    answer: answerSpecSchema.optional(),
  })
  .refine((q) => q.groundTruth === undefined || q.options === undefined || q.options.includes(q.groundTruth), {
    message: 'groundTruth must be one of options',
    path: ['groundTruth'],
  });

/** Limits passed to every deliberation. */
export const limitsSchema = z.strictObject({
  rounds: z.number().int().min(1).max(50).optional(),
  calls: z.number().int().min(1).optional(),
  tokens: z.number().int().min(1).optional(),
  usd: z.number().positive().optional(),
  turnTimeoutMs: z.number().int().min(1).optional(),
});

/** The per-cell colony configuration: what a sweep path may override. */
export const cellConfigSchema = z.strictObject({
  /** Run r asks questions[r % questions.length]. */
  questions: z.array(questionSchema).min(1),
  agents: z.array(agentGroupSchema).min(1),
  protocol: protocolSchema.default('majority'),
  limits: limitsSchema.default({}),
  quorum: z.number().gt(0).max(1).optional(),
  stableRounds: z.number().int().min(1).optional(),
});

const jsonValue = z.json();

/** One grid dimension: either one path with values, or named sets of path → value overrides applied together. */
export const dimensionSchema = z.union([
  z.strictObject({
    path: z.string().min(1),
    values: z.array(jsonValue).min(1),
  }),
  z
    .strictObject({
      name: z.string().min(1),
      sets: z.array(z.record(z.string().min(1), jsonValue)).min(1),
      labels: z.array(z.string().min(1)).optional(),
    })
    .refine((d) => d.labels === undefined || d.labels.length === d.sets.length, { message: 'labels must have one entry per set', path: ['labels'] }),
]);

/**
 * Same-budget baselines reported beside the colony (summary.json `experiment`, report.html): the single best
 * model alone and the plain majority vote of the colony's first round cost no extra call (they are read from
 * round 0); self-consistency runs one extra blind round of `samples` copies of one agent group's model per
 * question (default: as many calls as the colony may spend, agents × rounds, capped by limits.calls).
 */
export const baselinesSchema = z.union([
  z.literal(false),
  z.strictObject({
    selfConsistency: z.union([
      z.literal(false),
      z.strictObject({
        /** Agent group whose model is sampled (default 0). */
        group: z.number().int().min(0).default(0),
        /** Samples per question (default the colony's call budget); at most 64. */
        samples: z.number().int().min(1).max(64).optional(),
      }),
    ]).default({ group: 0 }),
  }),
]);

/** How open answers are grouped into positions (see runtime/embedding/README.md). */
export const groupingSchema = z.strictObject({
  /** `hashed` (offline default) or `provider:model` of an embedding model (`openai:text-embedding-3-small`, …). */
  embedder: z.string().min(1).optional(),
  /** Canonicalise each position before grouping: `numeric` / `choice` / `yesno` (rules) or `model:provider:model`. */
  canonicalise: z.string().regex(/^(numeric|text|model:[a-z-]+:\S+)$/, { message: 'expected numeric, text or model:provider:model' }).optional(),
  /** Cosine threshold for merging positions (default: the embedder's documented threshold). */
  threshold: z.number().min(0).max(1).optional(),
});

/** A whole scenario file. */
export const scenarioSchema = cellConfigSchema.extend({
  /** A question file instead of inline questions (resolved into `questions` when the scenario is read). */
  dataset: datasetConfigSchema.extend({ digest: z.string().optional(), rows: z.number().int().optional() }).optional(),
  baselines: baselinesSchema.optional(),
  grouping: groupingSchema.optional(),
  /**
   * Scoring of free-text answers: `judge` (`provider:model`) is asked whether a decision that no accepted answer
   * matches is nevertheless correct. Each verdict is a one-agent deliberation of its own, so it is gated, metered,
   * journaled and replayable like any other; its cost is reported on the line beside the colony's.
   */
  scoring: z.strictObject({ judge: z.string().min(1) }).optional(),
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected kebab-case (a-z, 0-9, -)' }),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  runs: z.number().int().min(1).max(10_000_000),
  sweep: z.array(dimensionSchema).max(6).default([]),
});

/** A validated scenario (defaults applied). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** The colony configuration of one grid cell. */
export type CellConfig = z.output<typeof cellConfigSchema>;
/** One sweep dimension. */
export type SweepDimension = z.output<typeof dimensionSchema>;
/** One question. */
export type ScenarioQuestion = z.output<typeof questionSchema>;

/** Formats zod issues as `path: message` lines so an error names the offending key. */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter((s) => s !== '').join('.');
      return `${path || '(root)'}: ${i.message}`;
    })
    .join('; ');
}

/**
 * Validates a parsed scenario; throws BAD_INPUT naming the source and every offending key. Also expands the grid
 * once so a bad sweep path or value is reported now, not mid-run (the expansion is cheap).
 */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(value);
  if (!r.success) throw new LukhasError('BAD_INPUT', `${source}: ${formatIssues(r.error)}`, { details: { source } });
  return r.data;
}

/** Reads a scenario's question file: its text and a digest of its bytes (the run fingerprint covers it). */
export type DatasetLoader = (file: string) => { text: string; digest: string; source: string };

/** Parses scenario JSON text; a syntax error names the source. A `dataset` is read with `loadDataset`. */
export function parseScenarioText(text: string, source = 'scenario', options: { loadDataset?: DatasetLoader } = {}): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LukhasError('BAD_INPUT', `${source}: not valid JSON (${(err as Error).message})`, { details: { source } });
  }
  return parseScenario(resolveDatasetKey(value, source, options.loadDataset), source);
}

/**
 * Replaces a scenario's `dataset` by the questions it selects (read, parsed, sampled), recording the file's
 * digest and row count. `questions` and `dataset` are exclusive. Without a loader a dataset is an error.
 */
export function resolveDatasetKey(value: unknown, source: string, load: DatasetLoader | undefined): unknown {
  if (!value || typeof value !== 'object' || !('dataset' in value)) return value;
  const raw = value as Record<string, unknown>;
  if (raw.questions !== undefined) throw new LukhasError('BAD_INPUT', `${source}: questions and dataset are exclusive (write one of them)`, { details: { source } });
  const cfg = datasetConfigSchema.safeParse(raw.dataset);
  if (!cfg.success) throw new LukhasError('BAD_INPUT', `${source}: ${formatIssues(cfg.error, 'dataset')}`, { details: { source } });
  if (!load) throw new LukhasError('UNSUPPORTED', `${source}: this reader cannot load dataset files (use lukhas simulate)`);
  const file = load(cfg.data.file);
  const seed = typeof raw.seed === 'number' ? raw.seed : 0;
  const items = sampleDataset(parseDataset(file.text, cfg.data, file.source), cfg.data.sample, seed, file.source);
  const questions = items.map((q) => ({
    text: q.text, ...(q.options ? { options: q.options } : {}), groundTruth: q.groundTruth, id: q.id,
    ...(q.category !== undefined ? { category: q.category } : {}), answer: q.answer,
  }));
  return { ...raw, questions, dataset: { ...(raw.dataset as object), digest: file.digest, rows: items.length } };
}
