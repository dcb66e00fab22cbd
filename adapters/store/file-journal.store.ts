import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LukhasError } from '../../runtime/errors.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';
import type { JournalRecord, JournalStore } from '../../runtime/journal/journal.js';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Journals as JSON files in `<dir>/journals/<id>.json`: written to a temporary name and renamed, so a crash never
 * leaves half a journal. Cheap to open (no database start), used by the CLI for its embedded default; the helix
 * memory store is the JournalStore when a database is configured.
 */
export function createFileJournalStore(dir: string): JournalStore {
  const folder = join(dir, 'journals');
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new LukhasError('BAD_INPUT', `invalid journal id: ${JSON.stringify(id)}`);
    return join(folder, `${id}.json`);
  };
  return {
    async saveJournal(record) {
      const path = pathOf(record.id);
      await mkdir(folder, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, canonicalJson(record));
      await rename(tmp, path);
    },
    async loadJournal(id) {
      try {
        return JSON.parse(await readFile(pathOf(id), 'utf8')) as JournalRecord;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new LukhasError('STORE', `cannot read journal ${id}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
