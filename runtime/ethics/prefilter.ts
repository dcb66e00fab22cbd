/**
 * Literal prefilters for the offline checker's regular expressions. At module load each rule's source is read
 * for the literal strings a match must contain (one of a set: "kill|murder" needs "kill" or "murder"); per check,
 * one pass over the folded text records which 1-, 2- and 3-character sequences occur (hashed, so a collision can
 * only say "maybe present"). A rule whose every required literal is certainly absent cannot match and is not run.
 * The prefilter never changes a result: it only skips regexes that would have returned no match — provided the
 * text a gated rule reads is a substring of the indexed text (lower-cased): sentences, windows, captured spans.
 */

/** Which short character sequences one text contains (generation-stamped, so no clearing between checks). */
export interface Presence { readonly gen: number }

const UNI = new Uint32Array(128);
const BI = new Uint32Array(128 * 128);
const TRI = new Uint32Array(1 << 18);
const QUAD = new Uint32Array(1 << 18);
let generation = 0;

/**
 * ASCII code lower-cased; every character `\s` matches is a space (a run of them is indexed as one, so a rule's
 * `\s+` is the literal " "); everything else outside ASCII is one class (only ever over-reports presence).
 */
function code(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : (c >= 9 && c <= 13) ? 32 : c;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff ? 32 : 0;
}
const triSlot = (a: number, b: number, c: number): number => Math.imul((a << 14) | (b << 7) | c, 2654435761) >>> 14;
const quadSlot = (a: number, b: number, c: number, d: number): number => Math.imul((a << 21) | (b << 14) | (c << 7) | d, 2654435761) >>> 14;

/** Code of the word-boundary marker: indexed wherever a word character meets a non-word character. */
const MARK = 1;
const isWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;

/** Indexes `text`; the result is valid until the next call (one check at a time, synchronously). */
export function indexText(text: string): Presence {
  const gen = ++generation;
  // the last four codes added (z, a, b, c: oldest first) and how many were added; every code, word-edge markers
  // included, stamps its 1-gram and the 2-, 3- and 4-grams it ends (the same stamps as adding codes one by one)
  let z = 0, a = 0, b = 0, n = 0, prevWord = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const ch = text.charCodeAt(i);
    const c = ch < 128 ? (ch >= 65 && ch <= 90 ? ch + 32 : ch >= 9 && ch <= 13 ? 32 : ch) : code(ch);
    if (c === 32 && b === 32) continue;
    const w = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
    if (w !== prevWord || (i === 0 && w)) {
      n++;
      UNI[MARK] = gen;
      if (n >= 2) BI[(b << 7) | MARK] = gen;
      if (n >= 3) TRI[triSlot(a, b, MARK)] = gen;
      if (n >= 4) QUAD[quadSlot(z, a, b, MARK)] = gen;
      z = a; a = b; b = MARK;
    }
    prevWord = w;
    n++;
    UNI[c] = gen;
    if (n >= 2) BI[(b << 7) | c] = gen;
    if (n >= 3) TRI[triSlot(a, b, c)] = gen;
    if (n >= 4) QUAD[quadSlot(z, a, b, c)] = gen;
    z = a; a = b; b = c;
  }
  if (prevWord) {
    n++;
    UNI[MARK] = gen;
    if (n >= 2) BI[(b << 7) | MARK] = gen;
    if (n >= 3) TRI[triSlot(a, b, MARK)] = gen;
    if (n >= 4) QUAD[quadSlot(z, a, b, MARK)] = gen;
  }
  return { gen };
}

/** A literal as the slots that must all be stamped when it occurs. */
type Probe = { kind: 1 | 2 | 3 | 4; slots: number[] };
/** Codes of a literal as the index sees it: whitespace runs as one space, markers at inner word edges, and at its outer edges only where the rule asserted a boundary next to a word character. */
function literalCodes(lit: string): number[] {
  const raw = [...lit].map((ch) => (ch === '\x01' ? MARK : code(ch.charCodeAt(0)))).filter((c, i, all) => !(c === 32 && i > 0 && all[i - 1] === 32));
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === MARK) {
      const left = out.length ? out[out.length - 1]! : -1, right = raw.slice(i + 1).find((x) => x !== MARK) ?? -1;
      const lw = left >= 0 && left !== MARK && isWord(left), rw = right >= 0 && isWord(right);
      // an asserted boundary is kept where it is certain: at an edge next to a word character, or between word and non-word
      const keep = left < 0 ? rw : right < 0 ? lw : lw !== rw;
      if (keep && out[out.length - 1] !== MARK) out.push(MARK);
      continue;
    }
    const prev = out.length ? out[out.length - 1]! : -1;
    if (prev >= 0 && prev !== MARK && isWord(prev) !== isWord(c)) out.push(MARK);
    out.push(c);
  }
  return out;
}
function probe(lit: string): Probe {
  const cs = literalCodes(lit);
  if (cs.length === 1) return { kind: 1, slots: [cs[0]!] };
  if (cs.length === 2) return { kind: 2, slots: [(cs[0]! << 7) | cs[1]!] };
  const slots = new Set<number>();
  if (cs.length === 3) return { kind: 3, slots: [triSlot(cs[0]!, cs[1]!, cs[2]!)] };
  for (let i = 3; i < cs.length; i++) slots.add(quadSlot(cs[i - 3]!, cs[i - 2]!, cs[i - 1]!, cs[i]!));
  return { kind: 4, slots: [...slots] };
}

/**
 * Required literals of a regex: every listed set must have one member in the text (empty: nothing is certain,
 * the rule always runs). `words`: the rule only ever reads whole sentences or texts, so its word boundaries
 * (\\b, (?<![\\w-]) ...) are kept as markers, which makes "risk" not match "risks".
 */
export function requiredLiterals(re: RegExp, words = false): string[][] {
  return new Parser(re.source, words).required();
}

/** A compiled prefilter: true when the rule may match text indexed by `p`. */
export interface LiteralFilter { (p: Presence): boolean; readonly literals: readonly string[][] }

/**
 * One literal set compiled: literals of one to three codes are a single slot of the 1-, 2- or 3-gram table (one
 * typed array per table, scanned without indirection); longer literals are grouped by their first 4-gram, each
 * with the other 4-grams it needs. The set is satisfied when any literal's slots are all stamped.
 */
interface CompiledSet { uni: Int32Array; bi: Int32Array; tri: Int32Array; quad: Int32Array; quadRests: Int32Array[][]; size: number }
function compileSet(set: string[]): CompiledSet {
  const short: [Set<number>, Set<number>, Set<number>] = [new Set(), new Set(), new Set()];
  const quads = new Map<number, Int32Array[]>();
  for (const lit of set) {
    const p = probe(lit);
    if (p.kind < 4) { short[p.kind - 1].add(p.slots[0]!); continue; }
    let g = quads.get(p.slots[0]!);
    if (!g) quads.set(p.slots[0]!, (g = []));
    g.push(Int32Array.from(p.slots.slice(1)));
  }
  const quad = Int32Array.from(quads.keys());
  return { uni: Int32Array.from(short[0]), bi: Int32Array.from(short[1]), tri: Int32Array.from(short[2]), quad, quadRests: [...quads.values()], size: short[0].size + short[1].size + short[2].size + quad.length };
}
function anyPresent(c: CompiledSet, gen: number): boolean {
  const { uni, bi, tri, quad, quadRests } = c;
  for (let i = 0; i < uni.length; i++) if (UNI[uni[i]!] === gen) return true;
  for (let i = 0; i < bi.length; i++) if (BI[bi[i]!] === gen) return true;
  for (let i = 0; i < tri.length; i++) if (TRI[tri[i]!] === gen) return true;
  for (let i = 0; i < quad.length; i++) {
    if (QUAD[quad[i]!] !== gen) continue;
    const rests = quadRests[i]!;
    for (let j = 0; j < rests.length; j++) {
      const r = rests[j]!;
      let all = true;
      for (let k = 0; k < r.length; k++) if (QUAD[r[k]!] !== gen) { all = false; break; }
      if (all) return true;
    }
  }
  return false;
}

/** Compiles the prefilter of a regex. */
export function literalFilter(re: RegExp, words = false): LiteralFilter {
  // a set with a literal that reduces to nothing (a bare boundary) is always satisfied: it filters nothing
  const literals = requiredLiterals(re, words).filter((set) => set.every((l) => probe(l).slots.length > 0));
  // a conjunction is true in any order: the set with the fewest first-gram groups is checked first, so that an
  // absent short set rejects before a long alternation (hundreds of lexicon words) is scanned
  const sets = literals.map(compileSet).sort((a, b) => a.size - b.size);
  return Object.assign((p: Presence) => { for (const c of sets) if (!anyPresent(c, p.gen)) return false; return true; }, { literals });
}

/** The presence index gated regexes consult; undefined outside a check (then they always run). */
let scope: Presence | undefined;

/** Runs `fn` with gated regexes reading `p` (every text they see inside must be a substring of the indexed text). */
export function withPresence<T>(p: Presence, fn: () => T): T {
  const saved = scope;
  scope = p;
  try { return fn(); } finally { scope = saved; }
}

/** What the rules use of a regex (a gated rule offers exactly this). */
export type Rule = Pick<RegExp, 'exec' | 'test' | 'source' | 'lastIndex'>;

/**
 * A regex behind its prefilter: returns no match at once when the current check's text lacks its required
 * literals. A wrapper, not a RegExp subclass: V8 runs a subclass with its own `exec` on a slow path.
 */
class GatedRule implements Rule {
  private gen = 0;
  private may = true;
  /** Built on the first check that consults it: rule tables are declared at import, which must stay cheap. */
  private filter: LiteralFilter | undefined;
  constructor(private readonly re: RegExp, private readonly words: boolean) {}
  get source(): string { return this.re.source; }
  get lastIndex(): number { return this.re.lastIndex; }
  set lastIndex(v: number) { this.re.lastIndex = v; }
  private skip(): boolean {
    const p = scope;
    // a stale index (another text was indexed since, e.g. by a nested check) says nothing about this text: run
    if (p === undefined || p.gen !== generation) return false;
    if (this.gen !== p.gen) { this.gen = p.gen; this.may = (this.filter ??= literalFilter(this.re, this.words))(p); }
    if (this.may) return false;
    this.re.lastIndex = 0;
    return true;
  }
  exec(s: string): RegExpExecArray | null { return this.skip() ? null : this.re.exec(s); }
  mayMatch(): boolean { return !this.skip(); }
  test(s: string): boolean { return this.skip() ? false : this.re.test(s); }
}

/**
 * Whether a rule may match the text of the current check: false only when it is gated and its required literals
 * are certainly absent (the same test its exec makes). Lets a caller drop, once per check, the rules of a long
 * table that cannot fire, instead of calling each on every sentence.
 */
export function mayMatch(r: Rule): boolean { return !(r instanceof GatedRule) || r.mayMatch(); }

/** The generation of the current check's presence index (-1 outside a check): a key for per-check caches. */
export function presenceGeneration(): number { return scope === undefined || scope.gen !== generation ? -1 : scope.gen; }

/**
 * Wraps a rule in its prefilter (`words`: see {@link requiredLiterals}), built when a check first consults it; a rule
 * with no required literal always runs.
 */
export function gated(re: RegExp, words = false): Rule {
  return new GatedRule(re, words);
}

// ---- a reader of the regex subset the rules use -------------------------------------------------------------

/** What a node can match: `exact` when it matches one of a few known strings, else `must` (sets that must each have a member present). */
interface Info { exact?: string[]; must?: string[][] }
const MAX_EXACT = 32;
const EMPTY: Info = { exact: [''] };
const ANY: Info = {};
const BOUNDARY: Info = { exact: ['\x01'] };
const mustOf = (x: Info): string[][] => (x.exact ? (x.exact.includes('') ? [] : [x.exact]) : (x.must ?? []));
/** How selective a literal set is: its shortest literal (spaces and markers not counted, capped), then fewer literals. */
const quality = (set: string[]): number => Math.min(8, ...set.map((l) => l.replace(/[\s\x01]/g, '').length)) * 10000 - set.length;
const bestOf = (sets: string[][]): string[] | undefined => sets.reduce<string[] | undefined>((b, x) => (!b || quality(x) > quality(b) ? x : b), undefined);
/** The most selective few sets of a conjunction. */
const top = (sets: string[][]): string[][] => [...sets].sort((a, b) => quality(b) - quality(a)).slice(0, 3);

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly words: boolean) {}

  required(): string[][] {
    const info = this.alt();
    if (this.i !== this.src.length) return []; // something not understood: never gate
    return top(mustOf(info)).map((set) => [...new Set(set.map((s) => s.toLowerCase()))]);
  }

  private alt(): Info {
    const branches = [this.seq()];
    while (this.src[this.i] === '|') { this.i++; branches.push(this.seq()); }
    if (branches.length === 1) return branches[0]!;
    if (branches.every((b) => b.exact)) {
      const u = [...new Set(branches.flatMap((b) => b.exact!))];
      if (u.length <= 4096) return { exact: u };
    }
    const picks = branches.map((b) => bestOf(mustOf(b)));
    return picks.every(Boolean) ? { must: [[...new Set(picks.flatMap((m) => m!))]] } : ANY;
  }

  private seq(): Info {
    let run: string[] = [''];
    const conj: string[][] = [];
    let broken = false;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const x = this.quantified();
      if (x.exact && run.length * x.exact.length <= MAX_EXACT) { run = run.flatMap((r) => x.exact!.map((e) => r + e)); continue; }
      broken = true;
      conj.push(...mustOf({ exact: run }));
      if (x.exact) run = x.exact;
      else { conj.push(...mustOf(x)); run = ['']; }
    }
    if (!broken) return { exact: run };
    conj.push(...mustOf({ exact: run }));
    return { must: top(conj) };
  }

  private quantified(): Info {
    const x = this.atom();
    const c = this.src[this.i];
    let min = 1, max = 1;
    if (c === '*') { min = 0; max = Infinity; this.i++; }
    else if (c === '+') { min = 1; max = Infinity; this.i++; }
    else if (c === '?') { min = 0; max = 1; this.i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m) { min = Number(m[1]); max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min; this.i += m[0].length; }
    }
    if (min !== 1 || max !== 1) { if (this.src[this.i] === '?') this.i++; }
    if (min === 1 && max === 1) return x;
    if (min === 0) return max === 1 && x.exact ? { exact: [...new Set([...x.exact, ''])] } : ANY;
    return { must: mustOf(x) };
  }

  private atom(): Info {
    const s = this.src;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let kind = 'group';
      // "not preceded / followed by a word character": a word boundary wherever the neighbour is a word character
      const edge = /^\?<?!\[\\w'?-\]\)/.exec(s.slice(this.i));
      if (edge) { this.i += edge[0].length; return this.words ? BOUNDARY : EMPTY; }
      if (s.startsWith('?:', this.i)) { this.i += 2; }
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) { kind = 'look'; this.i += 2; }
      else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) { kind = 'look'; this.i += 3; }
      else if (s[this.i] === '?') throw new Error(`prefilter: unsupported group at ${this.i} in ${s.slice(0, 60)}`);
      const inner = this.alt();
      if (s[this.i] !== ')') throw new Error(`prefilter: unbalanced group in ${s.slice(0, 60)}`);
      this.i++;
      return kind === 'look' ? EMPTY : inner;
    }
    if (c === '[') return this.cls();
    if (c === '.') { this.i++; return ANY; }
    if (c === '^' || c === '$') { this.i++; return EMPTY; }
    if (c === '\\') return this.escape();
    this.i++;
    return { exact: [c] };
  }

  private escape(): Info {
    const s = this.src;
    const e = s[this.i + 1]!;
    this.i += 2;
    if (e === 'b') return this.words ? BOUNDARY : EMPTY;
    if (e === 'B') return EMPTY;
    if (e === 's') return this.src[this.i] === '+' ? this.plusSpace() : ANY;
    if ('SwWdD'.includes(e)) return ANY;
    if (/[1-9]/.test(e)) return ANY;
    const ch = this.escapedChar(e);
    return ch === undefined ? ANY : { exact: [ch] };
  }

  /** `\s+`: one indexed space (the index folds every whitespace run into one), consumed with its quantifier. */
  private plusSpace(): Info {
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return { exact: [' '] };
  }

  /** The character of an escape (after the backslash and `e`), or undefined for a class. */
  private escapedChar(e: string): string | undefined {
    const s = this.src;
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e === 'x') { const h = s.slice(this.i, this.i + 2); this.i += 2; return String.fromCharCode(parseInt(h, 16)); }
    if (e === 'u') {
      if (s[this.i] === '{') { const end = s.indexOf('}', this.i); const h = s.slice(this.i + 1, end); this.i = end + 1; return String.fromCodePoint(parseInt(h, 16)); }
      const h = s.slice(this.i, this.i + 4); this.i += 4; return String.fromCharCode(parseInt(h, 16));
    }
    if (/[a-zA-Z0-9]/.test(e)) return undefined; // any other letter escape is a class or unknown: be safe
    return e;
  }

  /** A character class: a small set of plain characters is exact, anything else (ranges, negation) is ANY. */
  private cls(): Info {
    const s = this.src;
    this.i++;
    const negated = s[this.i] === '^';
    if (negated) this.i++;
    const chars: string[] = [];
    let plain = !negated;
    let first = true;
    while (this.i < s.length && (s[this.i] !== ']' || first)) {
      first = false;
      let ch: string | undefined;
      if (s[this.i] === '\\') { const e = s[this.i + 1]!; this.i += 2; ch = 'sSwWdDbB'.includes(e) ? undefined : this.escapedChar(e); }
      else { ch = s[this.i]!; this.i++; }
      if (ch === undefined) { plain = false; continue; }
      if (s[this.i] === '-' && s[this.i + 1] !== ']') { plain = false; this.i++; if (s[this.i] === '\\') this.i += 2; else this.i++; continue; }
      chars.push(ch);
    }
    this.i++; // ]
    return plain && chars.length > 0 && chars.length <= 6 ? { exact: [...new Set(chars)] } : ANY;
  }
}
