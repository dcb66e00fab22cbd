import { Command } from 'commander';
import { dryRun, simulate } from '../simulation/simulate.main.js';
import { formatEstimate } from '../simulation/dry-run.main.js';
import type { simulateBatch as SimulateBatch } from '../simulation/batch-simulate.main.js';
import { createProgressPrinter } from '../simulation/progress.js';
import { parseIntFlag, reportError, styles, type CliContext } from './cli.shared.js';

interface SimulateFlags {
  runs?: string; seed?: string; workers?: string; out?: string; nats?: string; stream?: string; resume?: boolean;
  batch?: string | boolean; engine?: string; json?: boolean; batchSize?: string; pollMs?: string;
  dryRun?: boolean; dataset?: string; embedder?: string;
}

/**
 * `lukhas simulate FILE`: runs a scenario (simulations/README.md) and writes results.jsonl, summary.json and
 * report.html. Ctrl-C stops dispatching, lets running deliberations finish and writes everything finished
 * (exit 1, `--resume` continues); a second Ctrl-C quits at once.
 */
export function registerSimulateCommand(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description('run a simulation scenario: seeded deliberations over a parameter grid, with a report')
    .argument('<file>', 'scenario JSON file (see simulations/README.md)')
    .option('--runs <n>', 'runs per cell (overrides the file)')
    .option('--seed <s>', 'scenario seed (overrides the file)')
    .option('--workers <k>', 'child processes (1 = in this process)', '1')
    .option('--out <dir>', 'output folder (default ./out/<scenario name>)')
    .option('--nats <url>', 'distribute runs over NATS JetStream to `lukhas worker` processes')
    .option('--stream <prefix>', 'JetStream stream/subject prefix (default LUKHAS_SIM)')
    .option('--resume', 'continue the results already in the output folder')
    .option('--batch [n]', 'alone: send the model calls through the providers\' batch APIs (OpenAI Batch, Anthropic Message Batches) at batch prices, one wave per round, resumable; with a number: runs per work item (same as --batch-size)')
    .option('--batch-size <n>', 'runs per work item (default 25; never changes results)')
    .option('--poll-ms <ms>', 'with --batch: first poll interval (default 5000), backing off 1.5x up to 60000')
    .option('--engine <module>', 'engine module exporting createEngine() (default: the lukhas runtime)')
    .option('--json', 'print one JSON object with the outcome on stdout')
    .option('--dry-run', 'print the calls and the estimated cost, send nothing')
    .option('--dataset <file>', "question file instead of the scenario's dataset.file")
    .option('--embedder <spec>', 'group open answers with hashed (offline default) or provider:model (e.g. openai:text-embedding-3-small)')
    .action(async (file: string, f: SimulateFlags) => {
      const json = Boolean(f.json);
      const s = styles(ctx.io.color);
      if (f.dryRun) {
        try {
          const e = await dryRun({
            file, ...(f.runs !== undefined ? { runs: parseIntFlag('--runs', f.runs, 1, 10_000_000) } : {}),
            ...(f.seed !== undefined ? { seed: parseIntFlag('--seed', f.seed, 0, 0xffffffff) } : {}),
            ...(f.dataset ? { dataset: f.dataset } : {}), ...(f.embedder ? { embedder: f.embedder } : {}),
          });
          if (json) ctx.io.out(JSON.stringify({ dryRun: true, ...e }));
          else for (const l of formatEstimate(e)) ctx.io.out(l);
          ctx.exitCode = 0;
        } catch (err) {
          ctx.exitCode = reportError(ctx.io, err, json);
        }
        return;
      }
      const controller = new AbortController();
      let sigints = 0;
      const onSigint = (): void => {
        sigints++;
        if (sigints === 1) {
          ctx.io.err('\nlukhas: stopping: finishing the deliberations in flight and writing what finished (Ctrl-C again to quit now)');
          controller.abort();
        } else process.exit(1);
      };
      const printer = createProgressPrinter({ write: (t) => process.stderr.write(t), isTty: Boolean(process.stderr.isTTY) && !json });
      process.on('SIGINT', onSigint);
      try {
        // `--batch` alone is batch-API mode; `--batch N` keeps its old meaning (runs per work item)
        const batchApi = f.batch === true;
        const perItem = f.batchSize ?? (typeof f.batch === 'string' ? f.batch : undefined);
        // batch mode loads the OpenAI and Anthropic SDKs: only when asked for (the CLI starts without any SDK)
        const simulateBatch: typeof SimulateBatch | undefined = batchApi ? (await import('../simulation/batch-simulate.main.js')).simulateBatch : undefined;
        const outcome = await (simulateBatch ?? simulate)({
          file,
          ...(f.runs !== undefined ? { runs: parseIntFlag('--runs', f.runs, 1, 10_000_000) } : {}),
          ...(f.seed !== undefined ? { seed: parseIntFlag('--seed', f.seed, 0, 0xffffffff) } : {}),
          workers: parseIntFlag('--workers', f.workers ?? '1', 1, 256),
          ...(f.out ? { out: f.out } : {}),
          ...(f.nats ? { nats: f.nats } : {}),
          ...(f.stream ? { stream: f.stream } : {}),
          ...(f.resume ? { resume: true } : {}),
          ...(perItem !== undefined ? { batch: parseIntFlag(f.batchSize !== undefined ? '--batch-size' : '--batch', perItem, 1, 10_000) } : {}),
          ...(batchApi && f.pollMs !== undefined ? { pollMs: parseIntFlag('--poll-ms', f.pollMs, 1, 3_600_000) } : {}),
          ...(f.engine ? { engine: f.engine } : {}),
          ...(f.dataset ? { dataset: f.dataset } : {}),
          ...(f.embedder ? { embedder: f.embedder } : {}),
          signal: controller.signal,
          onProgress: (p) => printer.update(p),
        });
        printer.finish();
        const sm = outcome.summary;
        if (json) {
          ctx.io.out(JSON.stringify({
            scenario: sm.scenario, completedRuns: sm.completedRuns, totalRuns: sm.totalRuns, interrupted: outcome.interrupted,
            condorcetMaxErrorPp: sm.condorcetMaxErrorPp, timing: sm.timing, files: outcome.files,
            ...('batch' in outcome ? { batch: outcome.batch } : {}),
          }));
        } else {
          ctx.io.err(`${s.bold(sm.scenario)}: ${sm.completedRuns}/${sm.totalRuns} deliberations, ${sm.timing.deliberationsPerSecond}/s (${sm.timing.executor})`);
          if (sm.condorcetMaxErrorPp !== null) ctx.io.err(`largest gap to the Condorcet formula: ${sm.condorcetMaxErrorPp.toFixed(2)} pp`);
          if ('batch' in outcome) ctx.io.err(`batch API: ${outcome.batch.waves} waves, ${outcome.batch.batchesSubmitted} batches, ${outcome.batch.requestsSubmitted} requests submitted; ${outcome.batch.batchesResumed} batches resumed, ${outcome.batch.servedFromState} replies from the saved state`);
          for (const [k, v] of Object.entries(outcome.files)) ctx.io.err(`  ${k.padEnd(8)} ${v}`);
          if (outcome.interrupted) ctx.io.err(s.yellow('interrupted: run the same command with --resume to continue'));
        }
        ctx.exitCode = outcome.interrupted ? 1 : 0;
      } catch (err) {
        printer.finish();
        ctx.exitCode = reportError(ctx.io, err, json);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
