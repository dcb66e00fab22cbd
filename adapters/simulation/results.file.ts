import { createReadStream } from 'node:fs';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { LukhasError } from '../../runtime/errors.js';
import type { RunRecord } from '../../runtime/simulation/run-spec.js';

/** What `run.json` records so `--resume` can refuse a results file of another scenario, seed or run count. */
export interface RunManifest {
  format: 1;
  scenario: string;
  fingerprint: string;
  seed: number;
  runsPerCell: number;
  cells: number;
  total: number;
}

/** Result of scanning an existing results.jsonl. */
export interface ExistingResults {
  /** Complete, valid lines in order (index 0..count−1). */
  count: number;
  /** Byte length of those lines; anything after (a torn last line) is cut off before appending. */
  validBytes: number;
}

/**
 * Streams an existing results.jsonl, calling `onRecord` for each complete line, in constant memory. Stops at the
 * first line that is torn (no newline: the process died mid-write) or whose index is not its line number.
 */
export async function scanResults(path: string, onRecord: (r: RunRecord) => void): Promise<ExistingResults> {
  let count = 0;
  let validBytes = 0;
  let rest = '';
  let stop = false;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    if (stop) break;
    rest += chunk;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      let r: RunRecord;
      try {
        r = JSON.parse(line) as RunRecord;
      } catch {
        stop = true;
        break;
      }
      if (r.index !== count) { stop = true; break; }
      onRecord(r);
      count++;
      validBytes += Buffer.byteLength(line, 'utf8') + 1;
    }
  }
  stream.destroy();
  return { count, validBytes };
}

/** Reads run.json, or null when absent. */
export async function readManifest(path: string): Promise<RunManifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return JSON.parse(text) as RunManifest;
  } catch {
    throw new LukhasError('BAD_INPUT', `${path}: not valid JSON; remove the output folder or choose another --out`);
  }
}

/** Writes a JSON file atomically (temp file + rename), so a Ctrl-C never leaves half a summary. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(tmp, path);
}

/** Refuses to resume into a folder produced by something else; names what differs. */
export function checkManifest(found: RunManifest, expected: RunManifest, dir: string): void {
  for (const k of ['scenario', 'fingerprint', 'seed', 'runsPerCell', 'cells', 'total'] as const) {
    if (found[k] !== expected[k]) {
      throw new LukhasError('BAD_INPUT', `cannot --resume in ${dir}: its ${k} is ${JSON.stringify(found[k])}, this run has ${JSON.stringify(expected[k])} (same file, --runs and --seed are needed)`);
    }
  }
}
