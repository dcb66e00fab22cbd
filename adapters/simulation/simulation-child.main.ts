/**
 * Composition root of a simulation child process (`--workers K`): loads the engine module named in argv[2] once,
 * then runs the batches its parent sends over IPC, one at a time, and sends back their records.
 * Protocol: parent → {t:'batch', batch} | {t:'close'}; child → {t:'ready'} | {t:'done', first, records} |
 * {t:'fail', first, error} | {t:'fatal', error}.
 */
import { toLukhasError } from '../../runtime/errors.js';
import type { RunBatch } from '../../runtime/simulation/run-spec.js';
import { loadEngine } from './engine.loader.js';
import { runBatch } from '../../runtime/simulation/run-batch.js';

type ParentMessage = { t: 'batch'; batch: RunBatch } | { t: 'close' };

async function main(): Promise<void> {
  const send = (m: unknown): void => { process.send?.(m); };
  let engine;
  try {
    engine = await loadEngine(process.argv[2]);
  } catch (err) {
    send({ t: 'fatal', error: toLukhasError(err).toJSON() });
    process.disconnect?.();
    return;
  }
  const eng = engine;
  let chain = Promise.resolve();
  const closeAndExit = (): void => {
    chain = chain.then(async () => {
      await eng.close().catch(() => undefined);
      process.disconnect?.();
    });
  };
  process.on('message', (m: ParentMessage) => {
    if (m.t === 'close') return closeAndExit();
    if (m.t !== 'batch') return;
    // one batch at a time: deliberations are CPU-bound, interleaving them would only add latency
    chain = chain.then(async () => {
      try {
        send({ t: 'done', first: m.batch.first, records: await runBatch(eng.deliberate, m.batch.specs) });
      } catch (err) {
        send({ t: 'fail', first: m.batch.first, error: toLukhasError(err).toJSON() });
      }
    });
  });
  // the parent went away (killed, crashed): nothing left to report to
  process.on('disconnect', () => { void eng.close().catch(() => undefined).finally(() => process.exit(0)); });
  send({ t: 'ready' });
}

void main();
