/** The ethics gate: policy, checkers (offline rules, OpenAI moderation, LLM judge), the gate, withGate, quoting. */
export { CATEGORIES, type Category, type CheckInput, type CheckResult, type Checker, type Finding, type Stage } from './checker.types.js';
export { PolicySchema, SEVERITIES, defaultPolicy, loadPolicyFile, parsePolicy, type CategoryPolicy, type Policy } from './policy.js';
export { checkOffline, createOfflineChecker, type OfflineCheckerOptions } from './offline.checker.js';
export { createLlmJudgeChecker, createOpenAIModerationChecker, judgePrompt, parseJudgeAnswer, JUDGE_TAXONOMY, OPENAI_CATEGORY_MAP, type OpenAIModerationOptions } from './model.checkers.js';
export { createGate, textHash, type Gate, type GateOptions, type Verdict, type VerdictKind } from './gate.js';
export { createGateMetrics, type GateMetrics } from './gate.metrics.js';
export { gateBlocked, promptText, withGate, type GateEvent, type WithGateOptions } from './with-gate.js';
export { quoteUntrusted, unquoteUntrusted, UNTRUSTED_NOTICE } from './quote.js';
export { detectInjection, decodedRuns } from './injection.js';
export { findPii, redactPii, luhn, type PiiKind } from './pii.js';
export { foldText } from './normalise.js';
export { readXsTest, evaluateGateOnXsTest, evaluateInjections, evaluateAuthored, type XsTestRow, type RateReport } from './gate.evaluation.js';
