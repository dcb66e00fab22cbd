/**
 * Prompt-injection detection. Looks for instructions aimed at the model (override, role prefixes, prompt
 * leaks, jailbreak personas), for instructions aimed at a deliberation (telling other agents how to vote,
 * voting on someone's behalf), and for forged quote delimiters — on the folded text (full-width, homoglyphs,
 * zero-width and tag characters undone), again after undoing leetspeak and spaced letters, and inside base64
 * or percent-encoded runs. Obfuscation alone is not an injection (emoji use zero-width joiners); obfuscation
 * together with an instruction raises the score.
 */
import type { Finding } from './checker.types.js';
import { foldText, unleet, unspace, type Folded } from './normalise.js';
import { gated, indexText, withPresence, type Rule } from './prefilter.js';

const SOURCE_RULES: { name: string; re: RegExp; score: number }[] = [
  { name: 'override', score: 0.9, re: /\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|discard|neglect|overrule|cancel|delete|erase|stop following|do not follow|don't follow)\b(?:\s+(?:all|any|every|each|of|the|your|my|these|those|previous|prior|above|earlier|preceding|former|original|initial|system|safety|existing|old|other|current|given|developer|hidden|ethical|default))*\s+(?:instructions?|rules?|prompts?|directions?|guidelines?|context|messages?|constraints?|programming|polic(?:y|ies)|guardrails?|restrictions?|orders?|commands?|filters?|training|directives?|system prompt)\b/ },
  { name: 'new-instructions', score: 0.85, re: /\b(?:new|updated|real|actual|revised|true|secret|hidden|additional|important|urgent|priority)\s+(?:instructions?|system prompt|rules?|task|directive|orders?)\s*[:\-]/ },
  { name: 'role-prefix', score: 0.85, re: /(?:^|[\n.!?"'>\]]\s*)(?:system|assistant|developer|admin|administrator|root|sys|operator|moderator|supervisor|orchestrator)\s*(?::|>|\]|says:|message:|override:|note:)/ },
  { name: 'chat-markup', score: 0.9, re: /<\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|\[\/?(?:inst|sys|system)\]|<<\/?sys>>|###\s*(?:instruction|system)|<\/?system>/ },
  { name: 'persona', score: 0.85, re: /\b(?:you are now|from now on,? you(?: are| will| must)?|pretend (?:that )?you (?:are|have)|act as (?:if you (?:are|were|have) )?(?:an? )?(?:unrestricted|unfiltered|jailbroken|evil|uncensored)|developer mode|dan mode|do anything now|jailbreak(?:ed)? mode|no longer bound by|without (?:any )?(?:restrictions|filters|rules|limits))\b/ },
  { name: 'prompt-leak', score: 0.85, re: /\b(?:reveal|print|show|repeat|output|leak|display|tell me|give me|dump|echo|recite)\s+(?:me\s+)?(?:your|the|all|its)\s+(?:(?:system|hidden|initial|original|secret|internal|full)\s+)+(?:prompt|instructions?|message|rules|configuration)\b/ },
  { name: 'vote-steering', score: 0.9, re: /\b(?:everyone|everybody|all agents|all of you|every agent|other agents|each agent|all models|all (?:the )?(?:other )?(?:participants|voters|members|agents|assistants|models)|the (?:other )?agents|all roles|you all)\s+(?:must|should|shall|will|now|need to|have to|are (?:required|instructed|ordered) to|,)?\s*(?:now\s+)?(?:(?:vote|choose|pick|select|answer|switch to|support|back)\s+(?:for\s+)?(?:option\s+)?(?:[a-z0-9]|option \w+|the same|unanimously|as (?:instructed|told))(?![\w-])|change (?:your|their) (?:vote|answer|position))/ },
  { name: 'agent-address', score: 0.8, re: /\b(?:note|message|instruction|instructions|attention|memo|order|orders)s?\s+(?:to|for)\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?(?:agents|models|assistants|voters|judges?)\b/ },
  { name: 'vote-proxy', score: 0.9, re: /\b(?:cast(?:ing)?|submit(?:ting)?|record(?:ing)?|register(?:ing)?)\s+(?:a|the|my|their|his|her|your|this|an extra|another|one more)?\s*(?:votes?|ballots?)\s+(?:for|on behalf of|as|in the name of)\s+(?:agent|another|the other|them|him|her|everyone|all|each|[a-z]+\/[a-z0-9-]+)|\bon behalf of (?:agent|the other agents?|everyone|all agents|the colony)\b|\b(?:agent|role)\s+[a-z0-9/-]+\s+(?:also\s+)?(?:votes|has voted|chooses|picks)\b|\bcount (?:this|my) (?:vote|ballot) (?:twice|as|for)\b/ },
  { name: 'authority-claim', score: 0.8, re: /\b(?:i am|this is|message from) (?:the|your) (?:system|developer|admin|administrator|moderator|judge|supervisor|orchestrator|creator|operator)\b|\boverride (?:the )?(?:consensus|vote|votes|decision|protocol|judge|verdict|gate)\b/ },
  { name: 'delimiter-forgery', score: 0.9, re: /<<<\s*(?:end\s+)?untrusted\b|<\/untrusted\b|\[\/untrusted\b|«\/\s*untrusted|\b(?:end|close|closing) of (?:the )?(?:untrusted|quoted|quote|data|user) (?:data|text|input|block|section)\b|\bbegin (?:trusted|system) (?:data|instructions)\b|```\s*system/ },
  { name: 'exfiltration', score: 0.8, re: /\b(?:send|post|upload|forward|exfiltrate|email)\s+(?:all\s+)?(?:the\s+)?(?:conversation|chat history|api keys?|secrets?|credentials|passwords?|tokens?|environment variables|system prompt|user data)\s+(?:to|at)\b|!\[[^\]]*\]\(https?:\/\/[^)]*\?(?:q|data|d)=/ },
];

/**
 * Each rule behind its literal prefilter (prefilter.ts): it reads whole variant texts only, and detectInjection
 * indexes every variant it matches, so a rule whose required literals are all absent is skipped, never missed.
 */
const RULES: { name: string; re: Rule; score: number }[] = SOURCE_RULES.map((r) => ({ name: r.name, score: r.score, re: gated(r.re, true) }));

const SQUASHED = /ignore(?:all|any|the|your|previous|prior|above)*(?:instructions|rules)|disregard(?:all|the|your|previous|prior|above)*(?:rules|instructions)|reveal(?:your|the)(?:hidden|system|secret)*prompt|(?:everyone|allagents|everyagent|youall)(?:must|should|now)?vote(?:for)?[a-z0-9]?(?:this|now|$)|youarenow(?:dan|unrestricted|jailbroken)|developermode|newinstructions:|system:/;
const BASE64_RUN = /(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?/g;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2}){6,}/g;

function matchRules(text: string): { name: string; score: number; match: string } | undefined {
  let best: { name: string; score: number; match: string } | undefined;
  for (const r of RULES) {
    const m = r.re.exec(text);
    if (m && (!best || r.score > best.score)) best = { name: r.name, score: r.score, match: m[0].trim() };
  }
  return best;
}

/** Whether `text` has 16 base64 characters in a row, which every BASE64_RUN match needs (a scan is cheaper than the regex). */
function hasBase64Run(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 43) { if (++run >= 16) return true; } else run = 0;
  }
  return false;
}

/** Decoded base64 / percent-encoded runs that read as text (mostly printable ASCII). */
export function decodedRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of (hasBase64Run(text) ? text.match(BASE64_RUN) : null) ?? []) {
    if (!/[a-z]/.test(m) || !/[A-Z0-9+/]/.test(m)) continue;
    const bytes = Buffer.from(m, 'base64');
    const s = bytes.toString('utf8');
    const printable = s.replace(/[^\x20-\x7e\n]/g, '').length;
    if (s.length >= 8 && printable / s.length > 0.9) out.push(s);
  }
  for (const m of (text.includes('%') ? text.match(PERCENT_RUN) : null) ?? []) {
    try { out.push(decodeURIComponent(m)); } catch { /* not text */ }
  }
  return out;
}

/** Finds prompt injection in a text (raw) given its folded form. */
export function detectInjection(raw: string, folded: Folded = foldText(raw), notes: string[] = []): Finding[] {
  const obf = folded.obfuscation;
  const hidden = obf.invisible || obf.tags || obf.homoglyph || obf.fullWidth;
  const variants: { via: string; text: string }[] = [{ via: hidden ? 'folded' : 'plain', text: folded.text }];
  const alt = unspace(unleet(folded.text));
  if (alt !== folded.text) variants.push({ via: 'leetspeak or spaced letters', text: alt });
  for (const d of decodedRuns(folded.cased)) variants.push({ via: 'base64 or percent-encoding', text: foldText(d).text });
  // one index over every variant (joined: a join only ever reports more presence); the rules read nothing else
  const presence = indexText(variants.length === 1 ? variants[0]!.text : variants.map((v) => v.text).join('\n'));
  for (const v of variants) {
    const hit = withPresence(presence, () => matchRules(v.text));
    if (!hit) continue;
    const encoded = v.via !== 'plain';
    const score = Math.min(0.99, hit.score + (encoded ? 0.05 : 0));
    const how = encoded ? ` (found after undoing ${v.via === 'folded' ? describe(obf) : v.via})` : '';
    return [{ category: 'prompt-injection', score, reason: `${hit.name}: "${hit.match.slice(0, 80)}"${how}` }];
  }
  // zero-width characters used as word separators glue words together: match key phrases with no spaces at all
  if (obf.invisible || obf.tags) {
    const squashed = folded.text.replace(/[^a-z0-9:]/g, '');
    const m = SQUASHED.exec(squashed);
    if (m) return [{ category: 'prompt-injection', score: 0.9, reason: `instruction hidden with zero-width characters: "${m[0]}"` }];
  }
  if (hidden) notes.push(`obfuscation present (${describe(obf)}) but no instruction found`);
  return [];
}

function describe(o: Folded['obfuscation']): string {
  return [o.invisible && 'zero-width characters', o.tags && 'tag characters', o.homoglyph && 'homoglyphs', o.fullWidth && 'full-width forms'].filter(Boolean).join(', ') || 'folding';
}
