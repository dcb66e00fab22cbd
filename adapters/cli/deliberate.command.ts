import { Command, Option } from 'commander';
import { createRuntime, type RuntimeOptions } from '../lukhas.main.js';
import { RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import { parseProtocol, protocolLabel } from '../../runtime/consensus/index.js';
import type { DeliberationRequest, DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import type { JournalEntry } from '../../runtime/journal/journal.js';
import { LukhasError } from '../../runtime/errors.js';
import { parseIntFlag, parseListFlag, styles, type CliContext, type CliIo } from './cli.shared.js';
import { configureModels } from './models.option.js';
import { configureGrouping } from './embedder.option.js';
import { normaliseRequest } from '../../agents/deliberation/request.normalise.js';
import { openJournalStore, parseStoreKind } from './journal-store.option.js';

/** The result object `--json` prints: exactly the documented fields. */
export function resultJson(r: DeliberationResult): Record<string, unknown> {
  return {
    consensusReached: r.consensusReached,
    decision: r.decision,
    support: r.support,
    confidence: r.confidence,
    dissentingViews: r.dissentingViews,
    rounds: r.rounds,
    flips: r.flips,
    usage: r.usage,
    degraded: r.degraded,
    journalId: r.journalId,
    id: r.id,
    question: r.question,
    protocol: r.protocol,
    stopReason: r.stopReason,
    proposals: r.proposals,
    ...(r.correct !== undefined ? { correct: r.correct } : {}),
    ...(r.unpriced ? { unpriced: true } : {}),
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Prints each round of a journal as it closes: agents, positions, confidences, tally. */
function roundPrinter(io: CliIo) {
  const s = styles(io.color);
  const buffer: JournalEntry[] = [];
  return (e: JournalEntry) => {
    if (e.type === 'proposal.made' || e.type === 'turn.failed' || e.type === 'agent.restarted') { buffer.push(e); return; }
    if (e.type !== 'round.closed') return;
    const d = e.data as { round: number; decided: boolean; decision: string | null; scores: Record<string, number>; reason: string; counted: number; abstained: number; texts?: Record<string, string> };
    const label = (k: string | null) => (k === null ? '' : (d.texts?.[k] ?? k));
    io.out(s.bold(`\nRound ${d.round}${d.round === 0 ? ' (blind)' : ''}`));
    for (const b of buffer) {
      const p = b.data as { agent: string; position?: string; confidence?: number; rationale?: string; error?: { code: string; message: string } };
      if (b.type === 'proposal.made') io.out(`  ${p.agent.padEnd(16)} ${s.cyan(String(p.position))}  ${s.dim(`confidence ${pct(p.confidence ?? 0)}`)}\n  ${' '.repeat(16)} ${s.dim(String(p.rationale ?? ''))}`);
      else if (b.type === 'turn.failed') io.out(`  ${p.agent.padEnd(16)} ${s.red(`failed: ${p.error?.code} ${p.error?.message ?? ''}`)}`);
      else io.out(`  ${p.agent.padEnd(16)} ${s.yellow('actor crashed and was restarted')}`);
    }
    buffer.length = 0;
    const tally = Object.entries(d.scores).map(([k, v]) => `${label(k)} ${Number.isInteger(v) ? v : v.toFixed(2)}`).join(' · ');
    io.out(`  tally: ${tally || '(none)'} — ${d.decided ? s.green(`decided: ${label(d.decision)}`) : `not decided (${d.reason})`}${d.abstained ? `, ${d.abstained} abstained` : ''}`);
  };
}

/** Prints the decision for people. */
export function printDecision(io: CliIo, r: DeliberationResult): void {
  const s = styles(io.color);
  io.out('');
  if (r.consensusReached) io.out(s.bold(s.green(`Decision: ${r.decision}`)) + `  (support ${pct(r.support)}, confidence ${pct(r.confidence)}, ${r.protocol})`);
  else io.out(s.bold(s.yellow(`No consensus`)) + ` under ${r.protocol} after ${r.rounds} round(s) (${r.stopReason}).`);
  if (r.dissentingViews.length > 0) {
    io.out(r.consensusReached ? 'Dissent:' : 'Positions held:');
    for (const v of r.dissentingViews) io.out(`  ${v.agent}: ${v.position} (${pct(v.confidence)})`);
  }
  if (r.correct !== undefined) io.out(`Ground truth: ${r.correct ? 'correct' : 'wrong'}; flips right→wrong ${r.flips.rightToWrong}, wrong→right ${r.flips.wrongToRight}`);
  io.out(s.dim(`rounds ${r.rounds}, stop: ${r.stopReason}, calls ${r.usage.calls}, tokens ${r.usage.inputTokens} in / ${r.usage.outputTokens} out, cost $${r.usage.usd.toFixed(6)}${r.unpriced ? ' (some calls unpriced)' : ''}${r.degraded ? ', DEGRADED (fallback models answered)' : ''}, journal ${r.journalId}`));
}

/** `lukhas deliberate "QUESTION"`. */
export function registerDeliberateCommand(program: Command, ctx: CliContext): void {
  program
    .command('deliberate')
    .description('run one colony deliberation and print the decision (or an explicit no-consensus)')
    .argument('<question>', 'the question to deliberate')
    .option('--options <ids>', 'comma-separated option ids for a closed question (e.g. A,B,C)')
    .option('--agents <roles>', 'comma-separated roles (ethical, creative, logical, empathetic, practical, or custom roles)', 'ethical,creative,logical,empathetic,practical')
    .option('--models <map>', 'role=provider:model,... (e.g. ethical=openai:gpt-4o-mini,logical=anthropic:claude-haiku-4-5); default: the simulated model')
    .option('--judge <provider:model>', 'aggregator model for --protocol judge (default: the simulated judge)')
    .option('--protocol <name>', 'majority | supermajority[:θ] | unanimity | confidence-weighted | ranked | approval | judge', 'majority')
    .option('--rounds <n>', 'maximum rounds including the blind round 0 (1-50)', '3')
    .option('--seed <n>', 'seed of the simulated model and of every random choice', '1')
    .option('--ground-truth <id>', 'the correct option, when known: flips and correctness are reported')
    .option('--max-calls <n>', 'stop before the round that would exceed this many model calls')
    .option('--max-usd <x>', 'stop before the round that would exceed this cost in USD')
    .option('--prices <file>', 'price table JSON (USD per million tokens) overriding the bundled snapshot')
    .option('--roles-file <file>', 'JSON file of custom roles ({"roles": [...]})')
    .option('--record <dir>', 'record every model request/response into a cassette directory')
    .option('--replay <dir>', 'serve model replies from a cassette directory (zero network calls; a miss fails)')
    .option('--data-dir <dir>', 'where journals are kept for `lukhas replay` (default $LUKHAS_DATA_DIR or ./.lukhas)')
    .option('--store <kind>', 'where the journal is kept: file (JSON under the data dir), memory (helix memory store), auto (memory when DATABASE_URL is set)', 'auto')
    .option('--no-save', 'do not keep the journal')
    .option('--embedder <spec>', 'group open answers with hashed (offline default: word overlap, not meaning) or provider:model (openai:text-embedding-3-small, gemini:gemini-embedding-001, openai-compatible:MODEL@URL)')
    .option('--canonicalise <kind>', 'reduce each open answer before grouping: numeric, text, or model:provider:model')
    .addOption(new Option('--json', 'print exactly the result object as JSON on stdout'))
    .action(async (question: string, opts: Record<string, string | boolean | undefined>) => {
      const io = ctx.io;
      const json = Boolean(opts.json);
      const roles = typeof opts.rolesFile === 'string' ? RoleCatalogue.fromFile(opts.rolesFile) : new RoleCatalogue();
      const agents = parseListFlag('--agents', String(opts.agents));
      for (const a of agents) roles.get(a);
      const protocol = parseProtocol(String(opts.protocol));
      const request: DeliberationRequest = {
        question,
        agents,
        protocol,
        limits: {
          rounds: parseIntFlag('--rounds', String(opts.rounds), 1, 50),
          ...(opts.maxCalls !== undefined ? { calls: parseIntFlag('--max-calls', String(opts.maxCalls), 1) } : {}),
          ...(opts.maxUsd !== undefined ? { usd: parseUsd(String(opts.maxUsd)) } : {}),
        },
        seed: parseIntFlag('--seed', String(opts.seed), 0, 0xffffffff),
        ...(opts.options !== undefined ? { options: parseListFlag('--options', String(opts.options)) } : {}),
        ...(opts.groundTruth !== undefined ? { groundTruth: String(opts.groundTruth) } : {}),
      };
      normaliseRequest(request, roles, () => 'check'); // bad values fail here, before anything is printed
      const models = configureModels({
        models: opts.models as string | undefined,
        judge: opts.judge as string | undefined,
        record: opts.record as string | undefined,
        replay: opts.replay as string | undefined,
        prices: opts.prices as string | undefined,
        seed: request.seed,
      });
      const storeKind = parseStoreKind(opts.store as string | undefined);
      const store = opts.save === false ? undefined : await openJournalStore(opts.dataDir as string | undefined, storeKind);
      const grouping = await configureGrouping(opts.embedder as string | undefined, opts.canonicalise as string | undefined, request.options === undefined);
      models.notices.push(...grouping.notices);
      const runtimeOptions: RuntimeOptions = { roles, ...models.runtimeOptions, ...grouping.runtimeOptions, ...(store ? { journalStore: store } : {}) };
      const runtime = createRuntime(runtimeOptions);
      if (!json) {
        const s = styles(io.color);
        io.out(s.bold(`Question: ${question}`));
        io.out(s.dim(`agents ${agents.join(', ')} · protocol ${protocolLabel(protocol)} · up to ${request.limits!.rounds} rounds · seed ${request.seed}`));
        for (const n of models.notices) io.out(s.yellow(n));
      } else {
        for (const n of models.notices) io.err(n);
      }
      const printer = json ? undefined : roundPrinter(io);
      const result = await runtime.deliberate(request, printer ? { onEvent: printer } : {});
      await runtime.close();
      await store?.close();
      if (json) io.out(JSON.stringify(resultJson(result)));
      else printDecision(io, result);
    });
}

function parseUsd(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new LukhasError('BAD_OPTION', `invalid --max-usd: ${JSON.stringify(v)} (expected a positive number)`);
  return n;
}
