import { resolve } from 'node:path';
import type { JournalStore } from '../../runtime/journal/journal.js';
import { createFileJournalStore } from '../store/file-journal.store.js';

/** The CLI's journal store: files under the data directory (default $LUKHAS_DATA_DIR or ./.lukhas). */
export async function openJournalStore(dataDir?: string): Promise<JournalStore & { close(): Promise<void>; where: string }> {
  const dir = resolve(dataDir ?? process.env.LUKHAS_DATA_DIR ?? '.lukhas');
  return { ...createFileJournalStore(dir), close: async () => {}, where: dir };
}
