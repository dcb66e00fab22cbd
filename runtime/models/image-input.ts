/**
 * Image inputs for the model port (v2): a file path or a URL becomes an {@link ImageInput} that each SDK adapter
 * turns into its provider's image part (OpenAI `image_url` with a data URL, Anthropic `image` with a base64 or url
 * source, Gemini `inlineData` or `fileData`). A file is read once, its format and pixel size are taken from its
 * header (PNG, JPEG, GIF, WebP — the formats all three providers accept), so the ledger can estimate its tokens
 * before the call. Nothing is decoded beyond the header, and nothing is resized: what the provider bills is what
 * the provider reports.
 */
import { readFile, stat } from 'node:fs/promises';
import { LukhasError } from '../errors.js';
import type { ImageDetail, ImageInput, ImageMediaType } from './model.port.js';

/** Largest image file read (bytes): the providers' own per-image limits are 5–20 MB. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Format and pixel size read from an image header. */
export interface ImageInfo { mediaType: ImageMediaType; width: number; height: number }

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    const len = u16be(b, i + 2);
    if (len < 2) return undefined;
    // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + len;
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return undefined;
}

/** Reads the format and pixel size from an image's first bytes; undefined for anything else. */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const b = bytes;
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && ascii(b, 12, 4) === 'IHDR') {
    return { mediaType: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const s = jpegSize(b);
    return s ? { mediaType: 'image/jpeg', ...s } : undefined;
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    return { mediaType: 'image/gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const s = webpSize(b);
    return s ? { mediaType: 'image/webp', ...s } : undefined;
  }
  return undefined;
}

/** Options of the image constructors. */
export interface ImageOptions {
  /** OpenAI's detail setting (default: none sent, which the API treats as `auto`). */
  detail?: ImageDetail;
}

/** An image from bytes in memory; `source` names it in errors. BAD_INPUT when the bytes are not PNG/JPEG/GIF/WebP. */
export function imageFromBytes(bytes: Uint8Array, options: ImageOptions = {}, source = 'image'): ImageInput {
  if (bytes.length > MAX_IMAGE_BYTES) throw new LukhasError('BAD_INPUT', `${source}: ${bytes.length} bytes is more than the ${MAX_IMAGE_BYTES}-byte image limit`, { details: { source } });
  const info = sniffImage(bytes);
  if (!info) throw new LukhasError('BAD_INPUT', `${source}: not a PNG, JPEG, GIF or WebP image (the formats every provider accepts)`, { details: { source } });
  if (info.width < 1 || info.height < 1) throw new LukhasError('BAD_INPUT', `${source}: its header gives a ${info.width}x${info.height} size`, { details: { source } });
  return { source: 'base64', mediaType: info.mediaType, data: Buffer.from(bytes).toString('base64'), width: info.width, height: info.height, ...(options.detail ? { detail: options.detail } : {}) };
}

/** Reads an image file (at most {@link MAX_IMAGE_BYTES}); a missing or unreadable file is BAD_INPUT naming it. */
export async function imageFromFile(path: string, options: ImageOptions = {}): Promise<ImageInput> {
  let bytes: Buffer;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (s.size > MAX_IMAGE_BYTES) throw new LukhasError('BAD_INPUT', `image ${path}: ${s.size} bytes is more than the ${MAX_IMAGE_BYTES}-byte image limit`, { details: { source: path } });
    bytes = await readFile(path);
  } catch (err) {
    if (LukhasError.isInstance(err)) throw err;
    throw new LukhasError('BAD_INPUT', `cannot read image ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { details: { source: path } });
  }
  return imageFromBytes(bytes, options, `image ${path}`);
}

const EXT_TYPES: Record<string, ImageMediaType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/**
 * An image by URL (http, https, or a `data:` URL, which is decoded and checked like a file). The provider
 * fetches an http(s) image itself; its size is unknown here unless given, so the ledger's pre-call estimate uses
 * the provider's largest image (see image-tokens.ts). Gemini receives the URL as `fileData.fileUri`: the Gemini
 * API reads Files-API URIs and public URLs, so for other URLs load the file instead.
 */
export function imageFromUrl(url: string, options: ImageOptions & { width?: number; height?: number; mediaType?: ImageMediaType } = {}): ImageInput {
  const data = /^data:(image\/[a-z+.-]+);base64,(.*)$/is.exec(url);
  if (data) return imageFromBytes(Buffer.from(data[2]!, 'base64'), options, 'data: URL');
  let parsed: URL;
  try { parsed = new URL(url); } catch {
    throw new LukhasError('BAD_INPUT', `invalid image URL ${JSON.stringify(url.slice(0, 200))} (expected http://, https:// or data:image/...;base64,)`, { details: { source: 'url' } });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LukhasError('BAD_INPUT', `invalid image URL scheme ${parsed.protocol} (expected http://, https:// or data:image/...;base64,)`, { details: { source: 'url' } });
  }
  const ext = /\.([a-z]+)$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  const mediaType = options.mediaType ?? (ext ? EXT_TYPES[ext] : undefined);
  for (const k of ['width', 'height'] as const) {
    const v = options[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new LukhasError('BAD_OPTION', `invalid image ${k}: ${v} (expected a positive integer)`, { details: { option: k } });
  }
  return {
    source: 'url', url,
    ...(mediaType ? { mediaType } : {}),
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
  };
}

/** `imageFromUrl` for http(s)/data: URLs, else `imageFromFile`: what a CLI flag or a config value holds. */
export function loadImage(pathOrUrl: string, options: ImageOptions = {}): Promise<ImageInput> {
  if (/^(https?|data):/i.test(pathOrUrl)) return Promise.resolve().then(() => imageFromUrl(pathOrUrl, options));
  return imageFromFile(pathOrUrl, options);
}

/** The data URL of a base64 image (OpenAI's `image_url` form). */
export function dataUrlOf(image: Extract<ImageInput, { source: 'base64' }>): string {
  return `data:${image.mediaType};base64,${image.data}`;
}
