import { createHash } from 'node:crypto';
import { canonicalJson, hashOf } from './canonical.js';

/** What a journal records. */
export type JournalKind = 'deliberation' | 'completion' | 'simulation';

/**
 * One journal event. `type` is a past-tense `noun.verb`; `data` is plain JSON. No wall-clock values are
 * recorded (timings live beside the journal), so the same seed and replies give the same bytes.
 */
export interface JournalEntry {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** A whole journal as stored and replayed. */
export interface JournalRecord {
  id: string;
  kind: JournalKind;
  /** Format version of the entries. */
  version: 1;
  entries: JournalEntry[];
}

/** Receives entries as they are appended (the WebSocket stream, progress printers). */
export type JournalListener = (entry: JournalEntry, journal: Journal) => void;

/** An append-only, in-memory journal of one run. Persistence is a {@link JournalStore}'s job. */
export class Journal {
  private _id: string;
  private sealed = false;
  readonly kind: JournalKind;
  private readonly list: JournalEntry[] = [];
  private listeners: JournalListener[] | undefined;

  constructor(id: string, kind: JournalKind) {
    this._id = id;
    this.kind = kind;
  }

  /** The journal's id: provisional until {@link seal}, then content-addressed. */
  get id(): string {
    return this._id;
  }

  /**
   * Gives the journal its content-addressed id, `j-` + 16 hex digits of a SHA-256 over its entries: the same
   * events give the same id (an exact replay reproduces it), different events a different one (no collisions in
   * a store between two runs of the same request). The verbatim `request` of model calls is left out of the
   * digest: it is fixed by the code version and the other entries (replay re-builds every request and checks it
   * against the recorded one), and it is most of the bytes — hashing it dominated the per-turn cost.
   */
  seal(): string {
    if (this.sealed) return this._id;
    // native JSON.stringify: entries are built by one code path in a fixed key order (the engine normalises
    // what it journals); canonicalJson is for comparing stored copies, whose key order a database may change.
    // One string, one digest call: many small update() calls cost more than the hashing itself.
    let text = this.kind;
    for (const e of this.list) {
      let data = e.data;
      if (data.request !== undefined) {
        const { request: _omit, ...rest } = data;
        data = rest;
      }
      text += `\n${e.seq}|${e.type}|${JSON.stringify(data)}`;
    }
    this._id = `j-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    this.sealed = true;
    return this._id;
  }

  /**
   * The finished journal as a record whose `id` is sealed on first read: a run whose id nobody reads (a simulation
   * streaming results) never pays for the digest; JSON.stringify, stores and structuredClone all read it.
   * Appending after this is an error of the caller (the record shares the entry list).
   */
  finishedRecord(): JournalRecord {
    const record = { kind: this.kind, version: 1 as const, entries: this.list } as unknown as JournalRecord;
    Object.defineProperty(record, 'id', { get: () => this.seal(), enumerable: true, configurable: true });
    return record;
  }

  /** Appends an event; returns its sequence number. */
  append(type: string, data: Record<string, unknown>): number {
    const entry: JournalEntry = { seq: this.list.length, type, data };
    this.list.push(entry);
    // listeners checked before doing anything: the common case (none) costs one branch
    if (this.listeners) for (const l of this.listeners) l(entry, this);
    return entry.seq;
  }

  /** Subscribes to new entries; returns an unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    (this.listeners ??= []).push(listener);
    return () => {
      this.listeners = this.listeners?.filter((l) => l !== listener);
      if (this.listeners?.length === 0) this.listeners = undefined;
    };
  }

  get length(): number {
    return this.list.length;
  }

  /** Entries from `offset` (for resumable streams). */
  entries(offset = 0): readonly JournalEntry[] {
    return offset === 0 ? this.list : this.list.slice(offset);
  }

  toRecord(): JournalRecord {
    return { id: this.id, kind: this.kind, version: 1, entries: this.list.slice() };
  }

  /** Canonical bytes of the journal (what "byte-identical" compares). */
  serialize(): string {
    return canonicalJson(this.toRecord());
  }

  /** SHA-256 of the canonical bytes. */
  digest(): string {
    return hashOf(this.toRecord());
  }

  static fromRecord(record: JournalRecord): Journal {
    const j = new Journal(record.id, record.kind);
    j._id = record.id;
    for (const e of record.entries) j.list.push(e);
    return j;
  }
}

/** Persists journals (the helix memory store implements it; an in-memory one ships for tests). */
export interface JournalStore {
  saveJournal(record: JournalRecord): Promise<void>;
  loadJournal(id: string): Promise<JournalRecord | undefined>;
}

/** A JournalStore in a Map. */
export function createInMemoryJournalStore(): JournalStore & { readonly size: number } {
  const map = new Map<string, string>();
  return {
    get size() { return map.size; },
    async saveJournal(r) { map.set(r.id, canonicalJson(r)); },
    async loadJournal(id) { const s = map.get(id); return s === undefined ? undefined : (JSON.parse(s) as JournalRecord); },
  };
}
