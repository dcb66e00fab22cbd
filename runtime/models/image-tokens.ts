/**
 * How each provider counts an image's input tokens, as its documentation states it (sources in prices.json,
 * section `images`, dated). The rule of each model lives in the price table, so a changed rate is a table edit,
 * not a code change. These counts are ESTIMATES for budgets before a call: the ledger records the usage the
 * provider reports after it, never these numbers.
 *
 * - `tiles` (OpenAI GPT-4o, GPT-4.1, GPT-5, o1/o3; platform.openai.com/docs/guides/images-vision, "Calculating
 *   costs"): detail `low` costs `base`. Otherwise the image is scaled to fit a 2048×2048 square, then (if its
 *   shorter side is over 768 px) scaled so that side is 768 px; tokens = base + tile × ⌈w/512⌉ × ⌈h/512⌉.
 *   GPT-4o: 85 + 170/tile; GPT-4o mini: 2,833 + 5,667/tile (same dollars per image at its lower price).
 * - `patches` (OpenAI GPT-4.1 mini/nano, GPT-5 mini/nano, o4-mini): patches = ⌈w/32⌉ × ⌈h/32⌉; above 1,536 the
 *   image is scaled down (factor √(32²·1536 / (w·h)), then shrunk so whole patches cover it) and patches are
 *   capped at 1,536; tokens = ⌊patches × multiplier⌋ (1.62 for the minis, 2.46 for the nanos, 1.72 o4-mini).
 * - `area` (Anthropic; docs.anthropic.com/en/docs/build-with-claude/vision, "Calculate image costs"): an image
 *   whose long edge exceeds 1,568 px or whose tokens exceed ~1,600 is first scaled down (aspect kept) to fit both;
 *   tokens = ⌈w × h / 750⌉.
 * - `gemini-tiles` (Gemini 2.x; ai.google.dev/gemini-api/docs/tokens, "Multimodal tokens"): an image with both
 *   sides ≤ 384 px is 258 tokens; a larger one is cut into 768×768 tiles of 258 tokens each: ⌈w/768⌉ × ⌈h/768⌉ × 258.
 *
 * `auto` detail is counted as `high` (the upper bound: the API may choose low). An image whose size is unknown
 * (a URL given without width/height) is counted at the rule's largest image: 2048×768 for tiles (the most tiles
 * any size yields), 1,536 patches, 1,600 tokens for area, and 2×2 tiles for Gemini (an assumption: Gemini's count
 * grows with size without bound).
 */
import type { ImageDetail } from './model.port.js';

/** One model's image-token rule (see the module comment). */
export type ImageTokenRule =
  | { rule: 'tiles'; base: number; tile: number }
  | { rule: 'patches'; multiplier: number }
  | { rule: 'area'; divisor: number; maxEdge: number; maxTokens: number }
  | { rule: 'gemini-tiles'; small: number; tile: number; tokens: number };

/** A scaled side in whole pixels, never below 1 (a 6000×1 strip scaled down is still one pixel high). */
const px = (x: number) => Math.max(1, Math.floor(x));

function tiles(r: Extract<ImageTokenRule, { rule: 'tiles' }>, width: number, height: number, detail: ImageDetail | undefined): number {
  if (detail === 'low') return r.base;
  let w = width;
  let h = height;
  if (Math.max(w, h) > 2048) { const s = 2048 / Math.max(w, h); w = px(w * s); h = px(h * s); }
  if (Math.min(w, h) > 768) { const s = 768 / Math.min(w, h); w = px(w * s); h = px(h * s); }
  return r.base + r.tile * Math.ceil(w / 512) * Math.ceil(h / 512);
}

const PATCH = 32;
const MAX_PATCHES = 1536;

function patches(r: Extract<ImageTokenRule, { rule: 'patches' }>, width: number, height: number): number {
  let n = Math.ceil(width / PATCH) * Math.ceil(height / PATCH);
  if (n > MAX_PATCHES) {
    const shrink = Math.sqrt((PATCH * PATCH * MAX_PATCHES) / (width * height));
    const wp = (width * shrink) / PATCH;
    const hp = (height * shrink) / PATCH;
    const fit = shrink * Math.min(Math.floor(wp) / wp, Math.floor(hp) / hp);
    n = Math.min(MAX_PATCHES, Math.ceil(px(width * fit) / PATCH) * Math.ceil(px(height * fit) / PATCH));
  }
  return Math.floor(n * r.multiplier);
}

function area(r: Extract<ImageTokenRule, { rule: 'area' }>, width: number, height: number): number {
  const s = Math.min(1, r.maxEdge / Math.max(width, height), Math.sqrt((r.maxTokens * r.divisor) / (width * height)));
  const w = s < 1 ? px(width * s) : width;
  const h = s < 1 ? px(height * s) : height;
  return Math.ceil((w * h) / r.divisor);
}

function geminiTiles(r: Extract<ImageTokenRule, { rule: 'gemini-tiles' }>, width: number, height: number): number {
  if (width <= r.small && height <= r.small) return r.tokens;
  return Math.ceil(width / r.tile) * Math.ceil(height / r.tile) * r.tokens;
}

/** Tokens of one image of width×height px under a rule; unknown sizes are counted at the rule's largest image. */
export function imageTokens(rule: ImageTokenRule, width: number | undefined, height: number | undefined, detail?: ImageDetail): number {
  if (!width || !height) {
    switch (rule.rule) {
      case 'tiles': return tiles(rule, 2048, 768, detail);
      case 'patches': return Math.floor(MAX_PATCHES * rule.multiplier);
      case 'area': return rule.maxTokens;
      case 'gemini-tiles': return 4 * rule.tokens;
    }
  }
  switch (rule.rule) {
    case 'tiles': return tiles(rule, width, height, detail);
    case 'patches': return patches(rule, width, height);
    case 'area': return area(rule, width, height);
    case 'gemini-tiles': return geminiTiles(rule, width, height);
  }
}
