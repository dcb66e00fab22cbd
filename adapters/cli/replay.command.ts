import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { createRuntime } from '../lukhas.main.js';
import { LukhasError } from '../../runtime/errors.js';
import type { JournalRecord } from '../../runtime/journal/journal.js';
import { styles, type CliContext } from './cli.shared.js';
import { printDecision, resultJson } from './deliberate.command.js';
import { findJournal } from './journal-store.option.js';

/** `lukhas replay JOURNAL_ID`: re-runs a stored journal with zero model calls and checks it is identical. */
export function registerReplayCommand(program: Command, ctx: CliContext): void {
  program
    .command('replay')
    .description('re-run a stored deliberation journal with zero model calls; exit 1 when the replay diverges')
    .argument('[journalId]', 'id of a journal in the store (printed by deliberate as journalId)')
    .option('--file <path>', 'read the journal from a JSON file instead of the store')
    .option('--data-dir <dir>', 'embedded store directory (default $LUKHAS_DATA_DIR or ./.lukhas)')
    .option('--json', 'print the replayed result with {identical, modelCalls} as JSON')
    .action(async (journalId: string | undefined, opts: { file?: string; dataDir?: string; json?: boolean }) => {
      const io = ctx.io;
      let record: JournalRecord | undefined;
      if (opts.file) {
        try {
          record = JSON.parse(await readFile(opts.file, 'utf8')) as JournalRecord;
        } catch (err) {
          throw new LukhasError('BAD_INPUT', `cannot read journal file ${opts.file}: ${(err as Error).message}`);
        }
      } else {
        if (!journalId) throw new LukhasError('BAD_OPTION', 'replay needs a journal id or --file <path>');
        record = await findJournal(journalId, opts.dataDir);
        if (!record) throw new LukhasError('NOT_FOUND', `no journal ${journalId} in the store`);
      }
      const runtime = createRuntime();
      const out = await runtime.replay(record);
      if (opts.json) io.out(JSON.stringify({ ...resultJson(out), identical: out.identical, modelCalls: out.modelCalls }));
      else {
        printDecision(io, out);
        const s = styles(io.color);
        io.out(out.identical ? s.green(`Replay identical: journal ${out.journalId}, 0 model calls.`) : s.red(`Replay DIVERGED: original ${record.id}, replay ${out.journalId}.`));
      }
      if (!out.identical) ctx.exitCode = 1;
    });
}
