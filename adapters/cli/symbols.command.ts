import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { LukhasError } from '../../runtime/errors.js';
import { parseMasterKey } from '../../runtime/memory/envelope.js';
import { createWorkerPool } from '../../runtime/pool/pool.js';
import { createMemoryVocabularyStore } from '../../runtime/symbols/memory-vocabulary.store.js';
import { createTranslator, type Privacy, type TranslationResult } from '../../runtime/symbols/translate.js';
import { createVocabularies, type Vocabularies } from '../../runtime/symbols/vocabularies.js';
import { createFileVocabularyStore } from '../../runtime/symbols/vocabulary.store.js';
import { openMemoryStore } from '../store/open-memory-store.js';
import { createEmbedder } from '../models/embedder-spec.js';
import { parseListFlag, reportError, styles, type CliContext } from './cli.shared.js';

interface StoreFlags { store?: string; dataDir?: string; json?: boolean }
interface EntryFlags extends StoreFlags { user: string; symbol: string; description?: string; tags?: string; tone?: string }

/** Opens the vocabulary service; `close` releases the store. Injectable for tests. */
export type VocabulariesOpener = (flags: StoreFlags, notice: (m: string) => void) => Promise<{ vocabularies: Vocabularies; close(): Promise<void> }>;

/** Default opener: the memory store (PGlite in the data dir, or PostgreSQL via DATABASE_URL), or `--store file`. */
export const openVocabularies: VocabulariesOpener = async (flags, notice) => {
  const kind = flags.store ?? 'memory';
  if (kind === 'file') {
    const dataDir = resolve(flags.dataDir ?? (process.env.LUKHAS_DATA_DIR || './.lukhas'));
    const env = process.env.LUKHAS_MASTER_KEY;
    const masterKey = env ? parseMasterKey(env, 'LUKHAS_MASTER_KEY') : undefined;
    const store = createFileVocabularyStore({ dir: join(dataDir, 'symbols'), ...(masterKey ? { masterKey } : {}) });
    if (!masterKey) notice(`lukhas: vocabularies stored as plaintext JSON in ${join(dataDir, 'symbols')} (set LUKHAS_MASTER_KEY to encrypt them)`);
    return { vocabularies: createVocabularies({ store }), close: async () => undefined };
  }
  if (kind !== 'memory') throw new LukhasError('BAD_OPTION', `invalid --store: ${JSON.stringify(kind)} (expected memory or file)`);
  const memory = await openMemoryStore({ ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}), notice });
  return { vocabularies: createVocabularies({ store: createMemoryVocabularyStore(memory) }), close: () => memory.close() };
};

function num(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new LukhasError('BAD_OPTION', `invalid ${name}: ${JSON.stringify(value)} (expected a number in [${min}, ${max}])`);
  return n;
}

function concept(f: EntryFlags) {
  if (!f.description) throw new LukhasError('BAD_OPTION', 'missing --description: say what the symbol means');
  return { description: f.description, tags: f.tags ? parseListFlag('--tags', f.tags) : [], tone: num('--tone', f.tone, -1, 1) ?? 0 };
}

function human(r: TranslationResult, color: boolean): string[] {
  const s = styles(color);
  const lines = [r.translated, ''];
  for (const m of r.mappings) lines.push(`  ${m.from} → ${m.to}  score ${m.score.toFixed(3)}  tone ${m.toneFrom} → ${m.toneTo}`);
  for (const u of r.unmapped) lines.push(`  ${u.symbol} → ${s.yellow('(no counterpart)')}  best score ${u.bestScore.toFixed(3)} < ${r.threshold}`);
  lines.push(`integrity ${r.integrity.toFixed(3)} ${r.integrityOk ? s.green('ok') : s.red(`below ${r.minIntegrity}`)}; tone ${r.tone.original.toFixed(2)} → ${r.tone.translated.toFixed(2)} ${r.tone.preserved ? s.green('preserved') : s.red('changed')}; privacy ${r.privacy}`);
  return lines;
}

/**
 * `lukhas symbols add|update|remove|list|import|export --user ID ...` and
 * `lukhas symbols translate --from ID --to ID "MESSAGE" [--privacy low|high] [--json]`.
 */
export function registerSymbolsCommand(program: Command, ctx: CliContext, open: VocabulariesOpener = openVocabularies): void {
  const symbols = program.command('symbols').description('personal symbol vocabularies and translation between users');
  const withStore = (c: Command) => c
    .option('--store <kind>', 'memory (the encrypted memory store: PGlite in the data dir, or DATABASE_URL) or file (JSON files)', 'memory')
    .option('--data-dir <dir>', 'data directory (default LUKHAS_DATA_DIR or ./.lukhas)')
    .option('--json', 'print one JSON object on stdout');
  const run = (fn: (v: Vocabularies, f: never, args: string[]) => Promise<unknown>, print: (out: never, f: StoreFlags) => void) =>
    async (...a: unknown[]) => {
      const cmd = a.at(-1) as Command;
      const f = cmd.opts() as StoreFlags;
      try {
        const { vocabularies, close } = await open(f, (m) => ctx.io.err(m));
        try { print((await fn(vocabularies, f as never, cmd.args)) as never, f); } finally { await close(); }
      } catch (err) {
        ctx.exitCode = reportError(ctx.io, err, Boolean(f.json));
      }
    };
  const summary = (v: { user: string; version: number; entries: unknown[] }, f: StoreFlags) =>
    ctx.io.out(f.json ? JSON.stringify({ user: v.user, version: v.version, entries: v.entries.length }) : `${v.user}: version ${v.version}, ${v.entries.length} symbols`);

  const entry = (c: Command) => c.requiredOption('--user <id>', 'vocabulary owner').requiredOption('--symbol <s>', 'emoji, word or phrase')
    .option('--description <text>', 'what the symbol means').option('--tags <a,b>', 'comma-separated tags').option('--tone <n>', 'emotional tone in [-1, 1]', undefined);
  withStore(entry(symbols.command('add').description('add a symbol to a vocabulary (a new version)')))
    .action(run((v, f: EntryFlags) => v.add(f.user, [{ symbol: f.symbol, concept: concept(f) }]), summary));
  withStore(entry(symbols.command('update').description('change the meaning of a symbol (a new version)')))
    .action(run((v, f: EntryFlags) => v.update(f.user, f.symbol, concept(f)), summary));
  withStore(symbols.command('remove').description('remove a symbol (a new version)').requiredOption('--user <id>', 'vocabulary owner').requiredOption('--symbol <s>', 'symbol to remove'))
    .action(run((v, f: EntryFlags) => v.remove(f.user, [f.symbol]), summary));

  withStore(symbols.command('list').description('list the symbols of a vocabulary').requiredOption('--user <id>', 'vocabulary owner').option('--version <n>', 'an older version'))
    .action(run((v, f: { user: string; version?: string }) => v.get(f.user, num('--version', f.version, 1, Number.MAX_SAFE_INTEGER)), (voc: { user: string; version: number; entries: Array<{ symbol: string; concept: { description: string; tags: string[]; tone: number } }> }, f) => {
      if (f.json) { ctx.io.out(JSON.stringify(voc)); return; }
      ctx.io.out(`${voc.user}: version ${voc.version}, ${voc.entries.length} symbols`);
      for (const e of voc.entries) ctx.io.out(`  ${e.symbol}  ${e.concept.description}${e.concept.tags.length ? ` [${e.concept.tags.join(', ')}]` : ''}  tone ${e.concept.tone}`);
    }));

  withStore(symbols.command('import').description('import a vocabulary file (schema lukhas.vocabulary/v1)').argument('<file>', 'JSON file')
    .option('--user <id>', 'store under this user instead of the file\'s').option('--merge', 'merge into the existing vocabulary instead of replacing it'))
    .action(run(async (v, f: { user?: string; merge?: boolean }, args) => {
      let text: string;
      try { text = await readFile(args[0]!, 'utf8'); } catch (e) { throw new LukhasError('BAD_INPUT', `cannot read ${args[0]}: ${(e as Error).message}`); }
      return v.import(text, { mode: f.merge ? 'merge' : 'replace', ...(f.user ? { user: f.user } : {}) });
    }, summary));

  withStore(symbols.command('export').description('export a vocabulary as JSON (stdout, or --out FILE)').requiredOption('--user <id>', 'vocabulary owner').option('--out <file>', 'write to a file'))
    .action(run(async (v, f: { user: string; out?: string }) => {
      const file = await v.export(f.user);
      if (f.out) await writeFile(f.out, `${JSON.stringify(file, null, 2)}\n`);
      return { file, out: f.out };
    }, (r: { file: { user: string; version?: number; entries: unknown[] }; out?: string }, f) => {
      if (!r.out) ctx.io.out(JSON.stringify(r.file, null, f.json ? 0 : 2));
      else if (f.json) ctx.io.out(JSON.stringify({ user: r.file.user, version: r.file.version, entries: r.file.entries.length, out: r.out }));
      else ctx.io.out(`wrote ${r.file.entries.length} symbols of ${r.file.user} (version ${r.file.version}) to ${r.out}`);
    }));

  withStore(symbols.command('translate').description('translate a message from one user\'s symbols into another\'s').argument('<message>', 'the message')
    .requiredOption('--from <id>', 'sender').requiredOption('--to <id>', 'receiver')
    .option('--privacy <level>', 'low (plaintext vectors) or high (CKKS on the worker pool)', 'low')
    .option('--threshold <n>', 'minimum score of a mapping (default 0.35)').option('--min-integrity <n>', 'integrity flag threshold (default 0.92)')
    .option('--embedder <spec>', 'concept embedder: hashed (offline default, word overlap) or provider:model (e.g. openai:text-embedding-3-small)'))
    .action(run(async (v, f: { from: string; to: string; privacy: string; threshold?: string; minIntegrity?: string; embedder?: string }, args) => {
      if (f.privacy !== 'low' && f.privacy !== 'high') throw new LukhasError('BAD_OPTION', `invalid --privacy: ${JSON.stringify(f.privacy)} (expected low or high)`);
      const embedder = f.embedder !== undefined ? await createEmbedder(f.embedder) : undefined;
      const pool = f.privacy === 'high' ? createWorkerPool() : undefined;
      try {
        const t = createTranslator({ vocabularies: v, ...(pool ? { pool } : {}), ...(embedder ? { embedder } : {}), threshold: num('--threshold', f.threshold, -1, 1), minIntegrity: num('--min-integrity', f.minIntegrity, 0, 1) });
        return await t.translate({ from: f.from, to: f.to, message: args[0]!, privacy: f.privacy as Privacy });
      } finally { await pool?.destroy(); }
    }, (r: TranslationResult, f) => {
      if (f.json) ctx.io.out(JSON.stringify(r));
      else for (const l of human(r, ctx.io.color)) ctx.io.out(l);
    }));
}
