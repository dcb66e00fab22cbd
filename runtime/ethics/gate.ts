/**
 * The ethics gate: runs every checker on a text under one deadline and turns their findings into one verdict
 * by the policy.
 *
 * Combination rule (documented, tested): each finding at or above its category's threshold whose action is not
 * `allow` is a candidate; candidates rank by action (block before heal), then severity, then score; the top
 * one decides — so the most severe verdict of any checker wins. A checker that throws, or has not answered by
 * the deadline, makes the verdict `blocked` with category `gate-error` (fail closed).
 */
import { createHash } from 'node:crypto';
import { scrubSecrets } from '../logger.js';
import type { Category, CheckInput, CheckResult, Checker, Finding, Stage } from './checker.types.js';
import type { GateMetrics } from './gate.metrics.js';
import { createOfflineChecker } from './offline.checker.js';
import { createLearnedChecker } from './learned.js';
import { SEVERITIES, defaultPolicy, type Policy } from './policy.js';

/** The three verdicts. */
export type VerdictKind = 'approved' | 'blocked' | 'needs-healing';

/** One verdict of the gate: plain data, journaled as is. */
export interface Verdict {
  verdict: VerdictKind;
  /** The deciding category; `none` when approved, `gate-error` when a checker failed or timed out. */
  category: Category | 'none' | 'gate-error';
  /** Risk score of the deciding finding in [0, 1] (0 when approved). */
  score: number;
  reasoning: string;
  /** For blocks: what the user can do instead. */
  alternative?: string;
  stage: Stage;
  /** SHA-256 of the exact text that was checked. */
  textHash: string;
  /** Every finding of every checker, with the checker that found it. */
  findings: (Finding & { checker: string })[];
}

/** Options of one gate check. */
export interface CheckOptions {
  stage: Stage;
  purpose?: string;
  signal?: AbortSignal;
  /**
   * The first `systemLength` characters of the text are the request's system prompt: the caller's own
   * instructions, not what a person asked. Checkers that judge requests (the learned checker) skip them; the rules
   * read everything.
   */
  systemLength?: number;
}

/** A gate. */
export interface Gate {
  readonly policy: Policy;
  check(text: string, options: CheckOptions): Promise<Verdict>;
  /**
   * Optional: checks the text `joinParts(parts)` — a request's system prompt and messages, unjoined — and may
   * answer synchronously with a verdict it already knows for exactly that text (a cache; see withVerdictCache).
   * The verdict is the one `check(joinParts(parts))` gives; the parts only let a cache skip joining and
   * re-reading long prompts whose pieces repeat.
   */
  checkParts?(parts: readonly string[], options: CheckOptions): Verdict | Promise<Verdict>;
}

/** The text of a request's parts as the gate reads it: non-empty parts joined by a blank line. */
export function joinParts(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) if (p.length > 0) out = out.length > 0 ? `${out}\n\n${p}` : p;
  return out;
}

/** Options of {@link createGate}. */
export interface GateOptions {
  policy?: Policy;
  /** Checkers to combine (default: the offline rules and the learned checker, both offline). */
  checkers?: Checker[];
  /** Deadline for all checkers together, ms (default: the policy's deadlineMs). */
  deadlineMs?: number;
  metrics?: GateMetrics;
}

const ACTION_RANK = { block: 2, heal: 1, allow: 0 } as const;

/**
 * The hash the gate records for a text (what "the validated prompt equals the sent prompt" compares): SHA-256 hex
 * of the canonical JSON `{"text":…}`, i.e. the value `hashOf({ text })` gives (journals recorded so far keep
 * verifying), written directly instead of through the generic canonical-JSON walk.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(`{"text":${JSON.stringify(text)}}`).digest('hex');
}

/** How many microtask turns the gate waits for checkers to settle before it arms the deadline timer. */
const SYNC_TURNS = 8;

type Settled = { ok: true; r: CheckResult } | { ok: false; id: string; e: unknown };

/** Creates a gate. */
export function createGate(options: GateOptions = {}): Gate {
  const policy = options.policy ?? defaultPolicy();
  const checkers = options.checkers ?? [createOfflineChecker(), createLearnedChecker()];
  const deadlineMs = options.deadlineMs ?? policy.deadlineMs;
  const metrics = options.metrics;
  if (checkers.length === 0) throw new Error('createGate: at least one checker is required');

  /**
   * Runs every checker under the deadline. Checkers that answer without I/O (the offline checker) settle within
   * a few microtask turns, so the timer, the abort controller and the race are only set up for checkers still
   * pending after that: the deadline still runs from the start (microtask turns take no measurable time).
   */
  async function runAll(text: string, stage: Stage, purpose: string | undefined, signal: AbortSignal | undefined, systemLength: number | undefined): Promise<{ results: CheckResult[]; failure?: string }> {
    let ac: AbortController | undefined;
    let callerAborted = false;
    let callerReason: unknown;
    const onAbort = (): void => { callerAborted = true; callerReason = signal?.reason; ac?.abort(callerReason); };
    signal?.addEventListener('abort', onAbort, { once: true });
    // the signal a checker sees, created only when a checker asks for it
    const opts = {
      get signal(): AbortSignal {
        if (!ac) { ac = new AbortController(); if (callerAborted) ac.abort(callerReason); }
        return ac.signal;
      },
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const input: CheckInput = { text, stage };
      if (purpose) input.purpose = purpose;
      if (systemLength) input.systemLength = systemLength;
      let outcome: Settled[] | undefined;
      const all = Promise.all(checkers.map((c) => c.check(input, opts).then(
        (r): Settled => ({ ok: true, r }), (e: unknown): Settled => ({ ok: false, id: c.id, e })))).then((o) => (outcome = o));
      for (let i = 0; i < SYNC_TURNS && outcome === undefined; i++) await undefined;
      if (outcome === undefined) {
        const deadline = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), deadlineMs); });
        if ((await Promise.race([all, deadline])) === 'timeout') {
          ac?.abort(new Error('gate deadline'));
          for (const c of checkers) metrics?.checkerErrors.inc({ checker: c.id, reason: 'timeout' });
          return { results: [], failure: `checkers did not answer within ${deadlineMs} ms` };
        }
        outcome = await all;
      }
      const failed = outcome.find((o) => !o.ok);
      if (failed && !failed.ok) {
        metrics?.checkerErrors.inc({ checker: failed.id, reason: 'error' });
        const msg = failed.e instanceof Error ? failed.e.message : String(failed.e);
        return { results: [], failure: `checker ${failed.id} failed: ${scrubSecrets(msg)}` };
      }
      return { results: outcome.flatMap((o) => (o.ok ? [o.r] : [])) };
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    policy,
    async check(text, { stage, purpose, signal, systemLength }) {
      const hash = textHash(text);
      const { results, failure } = await runAll(text, stage, purpose, signal, systemLength);
      let v: Verdict;
      if (failure) {
        v = { verdict: 'blocked', category: 'gate-error', score: 1, reasoning: `fail-closed: ${failure}`, alternative: 'The safety check could not complete, so the call was not made. Try again later.', stage, textHash: hash, findings: [] };
      } else {
        const findings = results.flatMap((r) => r.findings.map((f) => ({ ...f, checker: r.checker })));
        const candidates = findings.filter((f) => {
          const cp = policy.categories[f.category];
          return cp.action !== 'allow' && f.score >= (cp.threshold ?? policy.defaultThreshold);
        });
        candidates.sort((a, b) => {
          const pa = policy.categories[a.category], pb = policy.categories[b.category];
          return ACTION_RANK[pb.action] - ACTION_RANK[pa.action] || SEVERITIES.indexOf(pb.severity) - SEVERITIES.indexOf(pa.severity) || b.score - a.score;
        });
        const top = candidates[0];
        if (!top) {
          const notes = results.flatMap((r) => r.notes).slice(0, 3);
          v = { verdict: 'approved', category: 'none', score: 0, reasoning: notes.length ? `approved; ${notes.join('; ')}` : 'approved: no rule or checker flagged the text', stage, textHash: hash, findings };
        } else {
          const cp = policy.categories[top.category];
          const blocked = cp.action === 'block';
          v = {
            verdict: blocked ? 'blocked' : 'needs-healing', category: top.category, score: top.score,
            reasoning: `${top.category} (${cp.severity}) by ${top.checker}: ${top.reason}`, stage, textHash: hash, findings,
            ...(blocked ? { alternative: cp.alternative } : {}),
          };
        }
      }
      if (metrics) {
        metrics.verdicts.inc({ verdict: v.verdict, category: v.category, stage });
        if (v.verdict === 'blocked') metrics.interventions.inc({ kind: 'blocked', category: v.category });
        metrics.observeRisk(v.score);
      }
      return v;
    },
  };
}
