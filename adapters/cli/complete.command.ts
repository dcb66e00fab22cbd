import { Command } from 'commander';
import { createRuntime } from '../lukhas.main.js';
import { createSimulatedModel } from '../models/simulated.adapter.js';
import { openMemoryStore } from '../store/open-memory-store.js';
import { completionMemoryFromStore, createInMemoryCompletionMemory, type CompletionMemory } from '../../agents/completion/completion.memory.js';
import { runCompletion } from '../../agents/completion/completion.runner.js';
import { createSymbolTranslator } from '../../runtime/symbols/translate.js';
import { createVocabularies } from '../../runtime/symbols/vocabularies.js';
import { createMemoryVocabularyStore } from '../../runtime/symbols/memory-vocabulary.store.js';
import { LukhasError } from '../../runtime/errors.js';
import { createGate } from '../../runtime/ethics/gate.js';
import { defaultPolicy, loadPolicyFile } from '../../runtime/ethics/policy.js';
import type { JournalEntry } from '../../runtime/journal/journal.js';
import { styles, type CliContext } from './cli.shared.js';

interface CompleteFlags { user: string; json?: boolean; dataDir?: string; store?: boolean; colony?: boolean; policy?: string; seed?: string }

/** One line of the live view for a journal entry (undefined: not shown). */
function describe(e: JournalEntry): string | undefined {
  const d = e.data as Record<string, any>;
  switch (e.type) {
    case 'completion.step.entered': return `→ ${d.step}`;
    case 'gate.checked': return `  gate (${d.stage}): ${d.verdict.verdict}${d.verdict.category === 'none' ? '' : ` ${d.verdict.category}`}`;
    case 'memory.recalled': return `  ${d.memories.length} memories recalled`;
    case 'colony.decided': return `  colony: ${d.colony.consensusReached ? `decided ${d.colony.decision}` : 'no consensus'}`;
    case 'model.replied': return `  ${d.provider}:${d.model} replied (${d.purpose})`;
    case 'completion.healed': return `  healed by ${d.by}`;
    case 'memory.recorded': return `  recorded as ${d.memoryId}`;
    default: return undefined;
  }
}

/**
 * `lukhas complete "PROMPT" [--user ID] [--json]`: the conscious-completion pipeline with the simulated model
 * and the embedded memory store (or PostgreSQL with DATABASE_URL), shown step by step as it runs. --json prints
 * one object with content, verdicts, reasoningTrail, memoryId (and status, colony, journalId). Exit 1 when the
 * request is blocked or the run fails.
 */
export function registerCompleteCommand(program: Command, ctx: CliContext): void {
  program
    .command('complete')
    .description('run the conscious-completion pipeline on a prompt, showing each step')
    .argument('<prompt>', 'the prompt')
    .option('--user <id>', 'whose memories to recall and record', 'local')
    .option('--data-dir <dir>', 'embedded store directory (default LUKHAS_DATA_DIR or ./.lukhas; ignored with DATABASE_URL)')
    .option('--no-store', 'keep memories in this process only (nothing written to disk)')
    .option('--no-colony', 'never ask the colony, even for complex requests')
    .option('--policy <file>', 'a policy JSON file')
    .option('--seed <n>', 'seed of the colony deliberation', '1')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action(async (prompt: string, flags: CompleteFlags) => {
      if (!prompt.trim()) throw new LukhasError('BAD_OPTION', 'complete: the prompt must not be empty');
      if (!/^\d+$/.test(flags.seed ?? '1')) throw new LukhasError('BAD_OPTION', `invalid --seed: ${JSON.stringify(flags.seed)} (expected a non-negative integer)`);
      const s = styles(ctx.io.color);
      const policy = flags.policy ? loadPolicyFile(flags.policy) : defaultPolicy();
      let memory: CompletionMemory;
      let close = async () => {};
      let translate: ((user: string, text: string) => Promise<string>) | undefined;
      if (flags.store === false) memory = createInMemoryCompletionMemory();
      else {
        const store = await openMemoryStore({ ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}), notice: (m) => ctx.io.err(m) });
        memory = completionMemoryFromStore(store);
        close = () => store.close();
        // the pipeline's symbol step: the user's personal symbols (lukhas symbols add) are spelled out for the model
        const symbols = createSymbolTranslator({ vocabularies: createVocabularies({ store: createMemoryVocabularyStore(store) }) });
        translate = async (user, text) => (await symbols(user, text)).text;
      }
      const runtime = createRuntime();
      try {
        const r = await runCompletion({ user: flags.user, prompt }, {
          model: createSimulatedModel(), gate: createGate({ policy }), memory, seed: Number(flags.seed ?? 1),
          ...(translate ? { translate } : {}),
          ...(flags.colony === false ? { config: { colony: false } } : { deliberate: (q) => runtime.deliberate(q) }),
          ...(flags.json ? {} : { onEntry: (e) => { const line = describe(e); if (line) ctx.io.err(s.dim(line)); } }),
        });
        if (r.status !== 'completed') ctx.exitCode = 1;
        if (flags.json) {
          ctx.io.out(JSON.stringify({ status: r.status, content: r.content, verdicts: r.verdicts, reasoningTrail: r.reasoningTrail, memoryId: r.memoryId, colony: r.colony, memoriesUsed: r.memoriesUsed, journalId: r.journal.id, ...(r.alternative ? { alternative: r.alternative } : {}), ...(r.error ? { error: r.error } : {}) }));
        } else {
          if (r.status === 'completed') ctx.io.out(r.content);
          else ctx.io.out(`${s.red(r.status)}: ${r.alternative ?? r.error ?? ''}`);
          ctx.io.err(s.dim(`memory: ${r.memoryId ?? 'not recorded'}; journal ${r.journal.id}`));
        }
      } finally {
        await runtime.close();
        await close();
      }
    });
}
