/**
 * Durability harness: a writer appends 10,000 memory entries to a throwaway PostgreSQL 15 cluster while this
 * script kills the server 20 times (kill -9 on the postmaster, then restart). Afterwards every acknowledged entry
 * must be present with the hash its receipt named, and the log must verify. Never touches the shared server.
 *
 *   npx tsx test/durability/kill-postgres.ts [--entries 10000] [--kills 20] [--port 55432] [--seed 7]
 *
 * Runs as root (PostgreSQL itself runs as the `postgres` user through runuser). Exit 0 when everything held.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openMemoryStore } from '../../adapters/store/open-memory-store.js';
import { createRandom } from '../../runtime/random.js';
import type { AppendReceipt } from '../../runtime/memory/memory.port.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isSafeInteger(v) || v < 0) { console.error(`kill-postgres: invalid --${name} (expected a non-negative integer)`); process.exit(2); }
  return v;
};
const ENTRIES = arg('entries', 10_000), KILLS = arg('kills', 20), PORT = arg('port', 55432), SEED = arg('seed', 7);
const BIN = '/usr/lib/postgresql/15/bin';
if (!existsSync(`${BIN}/pg_ctl`)) { console.error(`kill-postgres: ${BIN}/pg_ctl not found (PostgreSQL 15 server binaries needed)`); process.exit(2); }
if (process.getuid?.() !== 0) { console.error('kill-postgres: run as root (PostgreSQL runs as the postgres user through runuser)'); process.exit(2); }

const dir = mkdtempSync(join(tmpdir(), 'lukhas-durability-'));
chmodSync(dir, 0o755);
const pgUser = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
const pgGroup = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
chownSync(dir, pgUser, pgGroup);
const data = join(dir, 'data');
const asPg = (cmd: string, args: string[]) => spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const log = (m: string) => process.stderr.write(`kill-postgres: ${m}\n`);

function start(): void {
  for (let attempt = 0; attempt < 50; attempt++) {
    const r = asPg(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
    if (r.status === 0) return;
    // after kill -9 the orphaned backends may still hold shared memory for a moment
    spawnSync('sleep', ['0.2']);
  }
  throw new Error(`could not restart PostgreSQL (see ${join(dir, 'server.log')})`);
}

function kill(): number {
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
  return pid;
}

async function main(): Promise<number> {
  const init = asPg(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  start();
  const url = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
  const masterKey = randomBytes(32);
  const store = await openMemoryStore({ databaseUrl: url, masterKey, checkpointEvery: 500, env: {}, notice: (m) => log(m) });
  const acked: AppendReceipt[] = [];
  const random = createRandom(SEED);
  let failures = 0, kills = 0, attempts = 0, downMs = 0;
  const killAt = Array.from({ length: KILLS }, (_, i) => Math.floor(((i + 1) * ENTRIES) / (KILLS + 1)) + random.int(50));
  const t0 = performance.now();

  // the killer: watches progress and kills the postmaster at each threshold, then restarts it
  const killer = (async () => {
    for (const at of killAt) {
      while (acked.length < at) await sleep(5);
      const pid = kill();
      const t = performance.now();
      kills++;
      while (existsSync(`/proc/${pid}`)) await sleep(10);
      await sleep(random.int(300));
      start();
      downMs += performance.now() - t;
      log(`kill ${kills}/${KILLS} at ${acked.length} acknowledged entries; server back after ${Math.round(performance.now() - t)} ms`);
    }
  })();

  for (let i = 0; i < ENTRIES; i++) {
    for (;;) {
      attempts++;
      try {
        acked.push(await store.append({ userId: `user-${i % 10}`, text: `durable entry ${i}`, data: { i } }));
        break;
      } catch {
        failures++;
        await sleep(25);
      }
    }
  }
  await killer;
  const writeMs = performance.now() - t0;

  // every acknowledged entry is there, with the hash its receipt named
  const check = await import('pg').then(({ default: pg }) => new pg.Pool({ connectionString: url, max: 2 }));
  let missing = 0;
  for (let i = 0; i < acked.length; i += 1000) {
    const part = acked.slice(i, i + 1000);
    const { rows } = await check.query<{ log_index: string; entry_hash: Buffer }>('SELECT log_index, entry_hash FROM memory_entries WHERE log_index = ANY($1::bigint[])', [part.map((a) => a.logIndex)]);
    const byIndex = new Map(rows.map((r) => [Number(r.log_index), r.entry_hash.toString('hex')]));
    for (const a of part) if (byIndex.get(a.logIndex) !== a.entryHash) missing++;
  }
  const stored = Number((await check.query<{ n: string }>('SELECT count(*) AS n FROM memory_entries')).rows[0]!.n);
  await check.end();
  const report = await store.verify();
  await store.close();
  const result = {
    entriesAcknowledged: acked.length, kills, failedAttempts: failures, attempts, stored, missingAcknowledged: missing,
    committedButUnacknowledged: stored - acked.length, verifyOk: report.ok, verifyFaults: report.faults.length,
    checkpoints: report.checkpoints, writeSeconds: +(writeMs / 1000).toFixed(1), serverDownSeconds: +(downMs / 1000).toFixed(1), verifyMs: Math.round(report.ms),
  };
  if (!report.ok) log(`first fault: ${JSON.stringify(report.firstFault)}`);
  console.log(JSON.stringify(result));
  return missing === 0 && report.ok && kills === KILLS ? 0 : 1;
}

main()
  .then((code) => { process.exitCode = code; })
  .catch((err) => { log(`failed: ${(err as Error).message}`); process.exitCode = 1; })
  .finally(() => {
    asPg(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
