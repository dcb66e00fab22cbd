/**
 * Types shared by every checker of the ethics gate: the policy categories, what a checker finds, and the
 * Checker port that the offline rules, OpenAI's moderation endpoint and an LLM judge all implement.
 */

/**
 * The policy's harm categories. `privacy` is asking for a private person's data; `pii` is personal data present
 * in the text itself (healed by redaction).
 */
/** The policy's harm categories (the policy file may give each its own severity, action and threshold). */
export const CATEGORIES = [
  'violence', 'self-harm', 'weapons', 'hate', 'sexual-minors', 'drugs', 'fraud-cybercrime', 'crime', 'privacy', 'pii',
  'prompt-injection',
] as const;

/** One harm category. */
export type Category = (typeof CATEGORIES)[number];

/** Something a checker found: a category, a score in [0, 1] and a reason a person can read. */
export interface Finding {
  category: Category;
  /** Strength of the evidence in [0, 1] (not a calibrated probability). */
  score: number;
  /** Why, in words: which rule fired on which words. */
  reason: string;
}

/** Where in a call the text sits: the request sent to a model, or the model's response. */
export type Stage = 'input' | 'output';

/** What a checker is asked to look at. */
export interface CheckInput {
  text: string;
  stage: Stage;
  /** What the model call is for (from ModelRequest.purpose). */
  purpose?: string;
  /** The text's first `systemLength` characters are the request's system prompt (the caller's instructions). */
  systemLength?: number;
}

/** A checker's answer: every finding (possibly none) plus notes on rules that considered and allowed the text. */
export interface CheckResult {
  checker: string;
  findings: Finding[];
  /** Transparency: e.g. "'kill' matched but its object is not a person (homonym)". */
  notes: string[];
}

/** A checker. It may throw; the gate treats a throw or a missed deadline as a block (fail closed). */
export interface Checker {
  readonly id: string;
  check(input: CheckInput, options?: { signal?: AbortSignal }): Promise<CheckResult>;
}
