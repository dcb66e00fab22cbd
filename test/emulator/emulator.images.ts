/**
 * How the emulator bills image inputs: each provider's documented rule, written here independently of
 * runtime/models/image-tokens.ts (which the runtime uses for estimates), so that a test comparing the two checks
 * something. Sources: platform.openai.com/docs/guides/images-vision ("Calculating costs"),
 * docs.anthropic.com/en/docs/build-with-claude/vision ("Calculate image costs"),
 * ai.google.dev/gemini-api/docs/tokens ("Multimodal tokens").
 */
import type { EmulatorProvider } from './emulator.wire.js';

/** An image the emulator received, with its pixel size when it could read it. */
export interface EmulatedImage {
  mediaType?: string;
  width?: number;
  height?: number;
  /** OpenAI detail setting, when sent. */
  detail?: string;
  /** An image sent by URL (resolved against the emulator's hosted images). */
  url?: string;
  /** Base64 bytes of an inline image. */
  data?: string;
}

// OpenAI tile models: [base, per 512 px tile]; patch models: token multiplier per 32 px patch
const OPENAI_TILES: Record<string, [number, number]> = {
  'gpt-4o': [85, 170], 'gpt-4o-mini': [2833, 5667], 'gpt-4.1': [85, 170], 'gpt-4.5': [85, 170], 'gpt-5': [70, 140], o1: [75, 150], o3: [75, 150],
};
const OPENAI_PATCHES: Record<string, number> = { 'gpt-4.1-mini': 1.62, 'gpt-4.1-nano': 2.46, 'gpt-5-mini': 1.62, 'gpt-5-nano': 2.46, 'o4-mini': 1.72 };

/** Whole pixels, at least one. */
const whole = (x: number) => Math.max(1, Math.floor(x));
const undated = (model: string) => model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');

function openai(model: string, w: number, h: number, detail: string | undefined): number {
  const m = undated(model);
  const patch = OPENAI_PATCHES[m];
  if (patch !== undefined) {
    const count = (a: number, b: number) => Math.ceil(a / 32) * Math.ceil(b / 32);
    let n = count(w, h);
    if (n > 1536) {
      const r = Math.sqrt((1024 * 1536) / (w * h));
      const adj = r * Math.min(Math.floor((w * r) / 32) / ((w * r) / 32), Math.floor((h * r) / 32) / ((h * r) / 32));
      n = Math.min(1536, count(whole(w * adj), whole(h * adj)));
    }
    return Math.floor(n * patch);
  }
  const [base, tile] = OPENAI_TILES[m] ?? OPENAI_TILES['gpt-4o']!;
  if (detail === 'low') return base;
  let x = w;
  let y = h;
  const long = Math.max(x, y);
  if (long > 2048) { x = whole((x * 2048) / long); y = whole((y * 2048) / long); }
  const short = Math.min(x, y);
  if (short > 768) { x = whole((x * 768) / short); y = whole((y * 768) / short); }
  return base + tile * Math.ceil(x / 512) * Math.ceil(y / 512);
}

function anthropic(w: number, h: number): number {
  let x = w;
  let y = h;
  const scale = Math.min(1, 1568 / Math.max(x, y), Math.sqrt((1600 * 750) / (x * y)));
  if (scale < 1) { x = whole(x * scale); y = whole(y * scale); }
  return Math.ceil((x * y) / 750);
}

function gemini(w: number, h: number): number {
  return w <= 384 && h <= 384 ? 258 : Math.ceil(w / 768) * Math.ceil(h / 768) * 258;
}

/** Input tokens the emulator bills for one image (undefined size: the request is refused upstream). */
export function billImage(provider: EmulatorProvider, model: string, image: EmulatedImage): number {
  const w = image.width ?? 0;
  const h = image.height ?? 0;
  if (provider === 'openai') return openai(model, w, h, image.detail);
  if (provider === 'anthropic') return anthropic(w, h);
  return gemini(w, h);
}
