import { Command } from 'commander';
import { LukhasError } from '../../runtime/errors.js';
import { runWorker } from '../transport/nats/worker.main.js';
import { reportError, type CliContext } from './cli.shared.js';

interface WorkerFlags { nats?: string; stream?: string; engine?: string; name?: string; json?: boolean }

/**
 * `lukhas worker --nats URL`: serves the simulation work queue on NATS JetStream until SIGINT/SIGTERM; run any
 * number, on any machine. The batch in hand is finished and acknowledged before it exits.
 */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('pull simulation runs from NATS JetStream, run them, publish results (scale out: start many)')
    .option('--nats <url>', 'NATS server URL (default $NATS_URL)')
    .option('--stream <prefix>', 'JetStream stream/subject prefix (default LUKHAS_SIM)')
    .option('--engine <module>', 'engine module exporting createEngine() (default: the lukhas runtime)')
    .option('--name <name>', 'worker name in results (default host:pid)')
    .option('--json', 'print one JSON line per completed batch on stdout')
    .action(async (f: WorkerFlags) => {
      const url = f.nats ?? process.env.NATS_URL;
      if (!url) {
        ctx.exitCode = reportError(ctx.io, new LukhasError('BAD_OPTION', 'missing --nats (or NATS_URL): the NATS server to pull work from'), f.json);
        return;
      }
      const controller = new AbortController();
      const stop = (): void => {
        if (controller.signal.aborted) process.exit(1);
        ctx.io.err('lukhas worker: stopping after the batch in hand');
        controller.abort();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      if (!f.json) ctx.io.err(`lukhas worker: pulling from ${url}${f.stream ? ` (stream ${f.stream})` : ''}`);
      try {
        const n = await runWorker({
          nats: url, signal: controller.signal,
          ...(f.stream ? { stream: f.stream } : {}), ...(f.engine ? { engine: f.engine } : {}), ...(f.name ? { name: f.name } : {}),
          onBatch: (b) => { if (f.json) ctx.io.out(JSON.stringify(b)); },
        });
        if (!f.json) ctx.io.err(`lukhas worker: ${n} batch(es) done`);
      } catch (err) {
        ctx.exitCode = reportError(ctx.io, err, f.json);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
