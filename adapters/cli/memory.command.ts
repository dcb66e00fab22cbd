import { Command } from 'commander';
import { createEmbedder } from '../models/embedder-spec.js';
import { LukhasError } from '../../runtime/errors.js';
import type { VerifyFault } from '../../runtime/memory/memory.port.js';
import { createWorkerPool, type WorkerPool } from '../../runtime/pool/pool.js';
import { openMemoryStore, type MemoryStoreConfig } from '../store/open-memory-store.js';
import { parseIntFlag, reportError, styles, type CliContext } from './cli.shared.js';

interface CommonFlags { dataDir?: string; json?: boolean }
interface VerifyFlags extends CommonFlags { decrypt?: boolean }
interface SearchFlags extends CommonFlags { user?: string; k?: string; threshold?: string; mainThread?: boolean; embedder?: string }

/** Opener of the store, injectable so tests can point the command at a prepared database. */
export type MemoryStoreOpener = (config: MemoryStoreConfig) => ReturnType<typeof openMemoryStore>;

function parseThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < -1 || n > 1) throw new LukhasError('BAD_OPTION', `invalid --threshold: ${JSON.stringify(value)} (expected a number in [-1, 1])`);
  return n;
}

const where = (f: VerifyFault) =>
  [f.logIndex !== undefined ? `log index ${f.logIndex}` : undefined, f.userId !== undefined ? `user ${f.userId}` : undefined, f.seq !== undefined ? `seq ${f.seq}` : undefined]
    .filter(Boolean).join(', ');

/**
 * `lukhas memory verify` (chains, Merkle tree, signed checkpoints, decryptability; exit 1 and the first bad entry
 * on any fault) and `lukhas memory search --user ID "TEXT"` (top-k by cosine, on the worker pool).
 */
export function registerMemoryCommand(program: Command, ctx: CliContext, open: MemoryStoreOpener = openMemoryStore): void {
  const memory = program.command('memory').description('helix memory: integrity check and retrieval on the memory store');
  const config = (f: CommonFlags, workerPool?: WorkerPool): MemoryStoreConfig => ({
    ...(f.dataDir !== undefined ? { dataDir: f.dataDir } : {}),
    notice: (m) => ctx.io.err(m),
    ...(workerPool ? { workerPool } : {}),
  });

  memory
    .command('verify')
    .description('verify every chain, the Merkle tree, the signed checkpoints and decryptability; exit 1 on any fault')
    .option('--data-dir <dir>', 'embedded store directory (default LUKHAS_DATA_DIR or ./.lukhas; ignored with DATABASE_URL)')
    .option('--no-decrypt', 'skip the decryptability check (faster; hashes and signatures are still checked)')
    .option('--json', 'print the report as one JSON object')
    .action(async (f: VerifyFlags) => {
      const json = Boolean(f.json);
      const s = styles(ctx.io.color);
      try {
        const store = await open(config(f));
        try {
          const r = await store.verify({ decrypt: f.decrypt !== false });
          if (json) ctx.io.out(JSON.stringify(r));
          else if (r.ok) {
            ctx.io.out(`${s.green('ok')}: ${r.entries} entries, ${r.users} users, root ${r.rootHash.slice(0, 16)}…, ${r.checkpoints} signed checkpoints (up to ${r.checkpointedSize}), ${r.compacted} compacted, ${r.shredded} shredded (${Math.round(r.ms)} ms)`);
          } else {
            const first = r.firstFault!;
            ctx.io.out(`${s.red('FAULT')} ${where(first)}: ${first.message}`);
            ctx.io.out(`${r.faults.length} fault(s) in ${r.entries} entries; first bad entry shown above`);
          }
          if (!r.ok) ctx.exitCode = 1;
        } finally {
          await store.close();
        }
      } catch (err) {
        ctx.exitCode = reportError(ctx.io, err, json);
      }
    });

  memory
    .command('search')
    .description("top-k memories of one user by cosine similarity (only that user's entries are ever considered)")
    .argument('<text>', 'what to look for')
    .requiredOption('--user <id>', 'the user whose memories are searched')
    .option('--k <n>', 'hits at most', '5')
    .option('--threshold <x>', 'minimum cosine similarity in [-1, 1]', '0.85')
    .option('--main-thread', 'score on this thread instead of the worker pool')
    .option('--embedder <spec>', 'hashed (default) or provider:model; only memories embedded by the same embedder are searched')
    .option('--data-dir <dir>', 'embedded store directory (default LUKHAS_DATA_DIR or ./.lukhas; ignored with DATABASE_URL)')
    .option('--json', 'print one JSON object')
    .action(async (text: string, f: SearchFlags) => {
      const json = Boolean(f.json);
      let workers: WorkerPool | undefined;
      try {
        const k = parseIntFlag('--k', f.k ?? '5', 1, 1000);
        const threshold = parseThreshold(f.threshold ?? '0.85');
        if (!f.user) throw new LukhasError('BAD_OPTION', 'invalid --user: "" (expected a user id)');
        workers = f.mainThread ? undefined : createWorkerPool();
        const embedder = f.embedder !== undefined ? await createEmbedder(f.embedder) : undefined;
        const store = await open({ ...config(f, workers), ...(embedder ? { embedder } : {}) });
        try {
          const hits = await store.search(f.user, text, { k, threshold });
          if (json) {
            ctx.io.out(JSON.stringify({ user: f.user, query: text, k, threshold, hits: hits.map((h) => ({ seq: h.entry.seq, logIndex: h.entry.logIndex, score: h.score, kind: h.entry.kind, text: h.entry.text, createdAt: h.entry.createdAt })) }));
          } else if (hits.length === 0) {
            ctx.io.out(`no memory of ${f.user} reaches ${threshold}`);
          } else {
            for (const h of hits) ctx.io.out(`${h.score.toFixed(3)}  #${h.entry.seq}  ${h.entry.text}`);
          }
        } finally {
          await store.close();
        }
      } catch (err) {
        ctx.exitCode = reportError(ctx.io, err, json);
      } finally {
        await workers?.destroy();
      }
    });
}
