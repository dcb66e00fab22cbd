/**
 * Helix memory benchmarks, every baseline measured in the same run:
 * - appends/s (embed + encrypt + chain + insert), single and batched, on PGlite and on PostgreSQL (DATABASE_URL),
 *   against plain INSERTs of rows of the same size without crypto, chain or locks;
 * - verify time for 100k entries (with and without the decryptability check);
 * - top-5 retrieval latency over 10k and 100k entries of one user on the worker pool (2 threads) vs the main
 *   thread, and the event-loop delay p99 (perf_hooks.monitorEventLoopDelay) during each.
 * The 100k part runs on PostgreSQL when DATABASE_URL is set, else on PGlite. `--quick` shrinks everything.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { openPglitePool } from '../../adapters/store/pglite.adapter.js';
import { createPostgresPool } from '../../adapters/store/postgres.adapter.js';
import type { MemoryStore } from '../../runtime/memory/memory.port.js';
import { createSqlMemoryStore } from '../../runtime/memory/sql-memory.store.js';
import { createWorkerPool } from '../../runtime/pool/pool.js';

const quick = process.argv.includes('--quick');
const BIG = quick ? 20_000 : 100_000;
const SMALL = quick ? 2_000 : 10_000;
const masterKey = randomBytes(32);
const words = 'dog park walk rain tea code river book music train garden light city sea storm night market song'.split(' ');
const textOf = (i: number) => Array.from({ length: 8 }, (_, j) => words[(i * 7 + j * 13 + (i >> 3)) % words.length]).join(' ') + ` #${i}`;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

interface Place { name: string; pool: pg.Pool; close(): Promise<void> }

async function postgresPlace(url: string): Promise<Place> {
  const schema = `lukhas_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPostgresPool({ connectionString: url, schema, max: 4 });
  return { name: 'PostgreSQL', pool, close: async () => { await pool.end(); await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end(); } };
}

async function pglitePlace(): Promise<Place> {
  const p = await openPglitePool('memory://');
  return { name: 'PGlite', pool: p.pool, close: async () => { await p.pool.end(); await p.close(); } };
}

/** Plain rows of the same size: no embedding, no encryption, no chain, no lock. */
async function baselineInserts(pool: pg.Pool, n: number, batch: boolean): Promise<number> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_plain (id bigserial PRIMARY KEY, user_id text, body bytea, emb bytea)');
  const row = (i: number) => ({ user_id: `u${i % 10}`, body: Buffer.from(textOf(i)).toString('base64'), emb: randomBytes(2048).toString('base64') });
  const t = performance.now();
  if (batch) {
    for (let i = 0; i < n; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - i) }, (_, j) => row(i + j));
      await pool.query(`INSERT INTO bench_plain (user_id, body, emb) SELECT r.user_id, decode(r.body, 'base64'), decode(r.emb, 'base64')
        FROM jsonb_to_recordset($1::jsonb) AS r(user_id text, body text, emb text)`, [JSON.stringify(rows)]);
    }
  } else {
    for (let i = 0; i < n; i++) { const r = row(i); await pool.query('INSERT INTO bench_plain (user_id, body, emb) VALUES ($1, $2, $3)', [r.user_id, Buffer.from(r.body, 'base64'), Buffer.from(r.emb, 'base64')]); }
  }
  return n / ((performance.now() - t) / 1000);
}

async function appendRates(place: Place): Promise<void> {
  const store = await createSqlMemoryStore({ pool: place.pool, masterKey, checkpointEvery: 1024 });
  const singles = quick ? 100 : 300, batched = quick ? 2000 : 5000;
  const single: number[] = [], batch: number[] = [], baseS: number[] = [], baseB: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    for (let i = 0; i < singles; i++) await store.append({ userId: `u${i % 10}`, text: textOf(i) });
    single.push(singles / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < batched; i += 1000) await store.appendBatch(Array.from({ length: 1000 }, (_, j) => ({ userId: `u${(i + j) % 10}`, text: textOf(i + j) })));
    batch.push(batched / ((performance.now() - t) / 1000));
    baseS.push(await baselineInserts(place.pool, singles, false));
    baseB.push(await baselineInserts(place.pool, batched, true));
  }
  const [s, b, bs, bb] = [median(single), median(batch), median(baseS), median(baseB)];
  console.log(`${place.name.padEnd(10)} appends/s single ${fmt(s).padStart(7)} (plain INSERT ${fmt(bs)}, ratio ${fmt(s / bs, 2)})   batched(1000) ${fmt(b).padStart(7)} (plain batched INSERT ${fmt(bb)}, ratio ${fmt(b / bb, 2)})`);
  await store.close();
}

async function fill(store: MemoryStore, user: string, n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i += 5000) await store.appendBatch(Array.from({ length: Math.min(5000, n - i) }, (_, j) => ({ userId: user, text: textOf(i + j) })));
  return n / ((performance.now() - t) / 1000);
}

async function retrieval(store: MemoryStore, user: string, n: number, reps: number): Promise<void> {
  const queries = Array.from({ length: reps }, (_, i) => textOf(i * 101 + 5));
  const t0 = performance.now();
  await store.search(user, queries[0]!, { k: 5 });
  const cold = performance.now() - t0;
  const measure = async (on: 'pool' | 'main') => {
    await store.search(user, queries[1]!, { k: 5, on }); // warm-up
    const h = monitorEventLoopDelay({ resolution: 1 });
    const lat: number[] = [];
    h.enable();
    for (const q of queries) {
      const t = performance.now();
      const hits = await store.search(user, q, { k: 5, on });
      lat.push(performance.now() - t);
      if (hits.length === 0) throw new Error(`retrieval found nothing for ${JSON.stringify(q)}: the benchmark would measure an empty search`);
      await new Promise((r) => setTimeout(r, 5)); // let the delay monitor sample between searches too
    }
    h.disable();
    return { ms: median(lat), p99: h.percentile(99) / 1e6 };
  };
  const main = await measure('main');
  const pool = await measure('pool');
  console.log(`top-5 over ${fmt(n).padStart(7)}: pool ${fmt(pool.ms, 1)} ms vs main thread ${fmt(main.ms, 1)} ms → speedup ${fmt(main.ms / pool.ms, 2)}×; ` +
    `event-loop delay p99 ${fmt(pool.p99, 1)} ms (pool) vs ${fmt(main.p99, 1)} ms (main); cold first search ${fmt(cold)} ms`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  console.log(`memory bench${quick ? ' (quick)' : ''}: medians; baselines measured in this run${url ? '' : '; DATABASE_URL unset: PostgreSQL rows skipped'}`);
  const lite = await pglitePlace();
  await appendRates(lite);
  const pgPlace = url ? await postgresPlace(url) : undefined;
  if (pgPlace) await appendRates(pgPlace);

  const place = pgPlace ?? lite;
  const workers = createWorkerPool({ size: 2 });
  const store = await createSqlMemoryStore({ pool: place.pool, masterKey, workerPool: workers, checkpointEvery: 1024 });
  const rateSmall = await fill(store, 'ret-small', SMALL);
  const rateBig = await fill(store, 'ret-big', BIG);
  console.log(`${place.name}: filled ${fmt(SMALL)} + ${fmt(BIG)} entries at ${fmt(rateSmall)} / ${fmt(rateBig)} appends/s (batches of 5000)`);
  await retrieval(store, 'ret-small', SMALL, 15);
  await retrieval(store, 'ret-big', BIG, 9);
  const total = (await place.pool.query<{ n: string }>('SELECT count(*) AS n FROM memory_entries')).rows[0]!.n;
  for (const decrypt of [false, true]) {
    const r = await store.verify({ decrypt });
    if (!r.ok) throw new Error(`verify found faults: ${r.firstFault?.message}`);
    console.log(`verify ${fmt(Number(total))} entries${decrypt ? ' with decryption' : ' (hashes, tree, signatures)'}: ${fmt(r.ms / 1000, 2)} s (${fmt(Number(total) / (r.ms / 1000))} entries/s)`);
  }
  await store.close();
  await workers.destroy();
  await pgPlace?.close();
  await lite.close();
}

main().catch((err) => { console.error(err); process.exit(1); });
