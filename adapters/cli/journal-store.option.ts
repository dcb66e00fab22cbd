import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LukhasError } from '../../runtime/errors.js';
import type { JournalRecord, JournalStore } from '../../runtime/journal/journal.js';
import { createFileJournalStore } from '../store/file-journal.store.js';
import { openMemoryStore } from '../store/open-memory-store.js';

/** Where the CLI keeps journals. */
export type JournalStoreKind = 'auto' | 'file' | 'memory';

/** A journal store the CLI opened (and must close). */
export type CliJournalStore = JournalStore & { close(): Promise<void>; where: string };

/** Parses `--store`. */
export function parseStoreKind(v: string | undefined): JournalStoreKind {
  if (v === undefined) return 'auto';
  if (v === 'auto' || v === 'file' || v === 'memory') return v;
  throw new LukhasError('BAD_OPTION', `invalid --store: ${JSON.stringify(v)} (expected auto, file or memory)`);
}

/**
 * Opens the CLI's journal store. `memory` is the helix memory store (PostgreSQL when DATABASE_URL is set, else
 * PGlite in the data directory); `file` is JSON files under `<dataDir>/journals` (no database to start: the
 * embedded default of `deliberate`, so a first run stays fast); `auto` picks memory when DATABASE_URL is set.
 */
export async function openJournalStore(dataDir?: string, kind: JournalStoreKind = 'auto'): Promise<CliJournalStore> {
  const dir = resolve(dataDir ?? process.env.LUKHAS_DATA_DIR ?? '.lukhas');
  const useMemory = kind === 'memory' || (kind === 'auto' && Boolean(process.env.DATABASE_URL));
  if (!useMemory) return { ...createFileJournalStore(dir), close: async () => {}, where: `${dir}/journals` };
  await mkdir(dir, { recursive: true, mode: 0o700 }); // the key file lives here unless LUKHAS_MASTER_KEY is set
  // LUKHAS_DB_SCHEMA: keep lukhas's tables in their own PostgreSQL schema (search_path), e.g. one per environment
  const schema = process.env.LUKHAS_DB_SCHEMA || undefined;
  const store = await openMemoryStore({ dataDir: dir, ...(schema ? { schema } : {}) });
  return {
    saveJournal: (r) => store.saveJournal(r),
    loadJournal: (id) => store.loadJournal(id),
    close: () => store.close(),
    where: store.backend === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `${dir}/pgdata`,
  };
}

/** Finds a journal wherever the CLI may have put it: the file store, then the memory store when one exists. */
export async function findJournal(id: string, dataDir?: string): Promise<JournalRecord | undefined> {
  const dir = resolve(dataDir ?? process.env.LUKHAS_DATA_DIR ?? '.lukhas');
  const fromFile = await createFileJournalStore(dir).loadJournal(id);
  if (fromFile) return fromFile;
  if (!process.env.DATABASE_URL && !existsSync(join(dir, 'pgdata'))) return undefined;
  const store = await openJournalStore(dir, 'memory');
  try {
    return await store.loadJournal(id);
  } finally {
    await store.close();
  }
}
