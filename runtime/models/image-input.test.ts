import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackPng } from '../../test/fakes/png.js';
import { imageFromBytes, imageFromFile, imageFromUrl, loadImage, sniffImage } from './image-input.js';
import { imageTokens, type ImageTokenRule } from './image-tokens.js';

const tiles = (base: number, tile: number): ImageTokenRule => ({ rule: 'tiles', base, tile });
const GPT4O = tiles(85, 170);
const AREA: ImageTokenRule = { rule: 'area', divisor: 750, maxEdge: 1568, maxTokens: 1600 };
const GEMINI: ImageTokenRule = { rule: 'gemini-tiles', small: 384, tile: 768, tokens: 258 };

describe('image token rules: the providers\' documented worked examples', () => {
  it('OpenAI tiles (GPT-4o): 1024² high = 765, 2048×4096 = 1105, any size low = 85', () => {
    expect(imageTokens(GPT4O, 1024, 1024, 'high')).toBe(765);
    expect(imageTokens(GPT4O, 2048, 4096, 'high')).toBe(1105);
    expect(imageTokens(GPT4O, 4096, 8192, 'low')).toBe(85);
    expect(imageTokens(GPT4O, 1024, 1024, 'auto')).toBe(765); // auto counted as high (upper bound)
    expect(imageTokens(tiles(2833, 5667), 1024, 1024)).toBe(2833 + 4 * 5667); // GPT-4o mini: same dollars
  });

  it('OpenAI patches: 1024² = 1024 patches, 1800×2400 = 1452 patches (times the model multiplier)', () => {
    expect(imageTokens({ rule: 'patches', multiplier: 1 }, 1024, 1024)).toBe(1024);
    expect(imageTokens({ rule: 'patches', multiplier: 1 }, 1800, 2400)).toBe(1452);
    expect(imageTokens({ rule: 'patches', multiplier: 1.62 }, 1800, 2400)).toBe(Math.floor(1452 * 1.62));
  });

  it('Anthropic area: 200² ≈ 54, 1000² ≈ 1334, 1092² ≈ 1590, larger images scaled to ~1600', () => {
    expect(imageTokens(AREA, 200, 200)).toBe(54);
    expect(imageTokens(AREA, 1000, 1000)).toBe(1334);
    expect(imageTokens(AREA, 1092, 1092)).toBe(1590);
    expect(imageTokens(AREA, 4000, 3000)).toBeLessThanOrEqual(1600);
    expect(imageTokens(AREA, 4000, 3000)).toBeGreaterThan(1550);
  });

  it('Gemini: ≤ 384 px both sides = 258, else 258 per 768 px tile', () => {
    expect(imageTokens(GEMINI, 384, 384)).toBe(258);
    expect(imageTokens(GEMINI, 600, 400)).toBe(258);
    expect(imageTokens(GEMINI, 1600, 900)).toBe(258 * 3 * 2);
  });

  it('property: tokens never decrease when an image grows (within the rules that do not resize), and are positive', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 1, max: 6000 }), (w, h) => {
      for (const r of [GPT4O, AREA, GEMINI, { rule: 'patches', multiplier: 1.62 } as const]) expect(imageTokens(r, w, h)).toBeGreaterThan(0);
      expect(imageTokens(GEMINI, w + 1, h)).toBeGreaterThanOrEqual(imageTokens(GEMINI, w, h));
      expect(imageTokens(AREA, w, h)).toBeLessThanOrEqual(1600);
      expect(imageTokens({ rule: 'patches', multiplier: 1 }, w, h)).toBeLessThanOrEqual(1536);
    }));
  });

  it('an unknown size is counted at the rule\'s largest image', () => {
    expect(imageTokens(GPT4O, undefined, undefined)).toBe(imageTokens(GPT4O, 2048, 768));
    expect(imageTokens(AREA, undefined, 10)).toBe(1600);
  });
});

describe('image inputs', () => {
  it('sniffs PNG, JPEG, GIF and WebP headers', () => {
    expect(sniffImage(blackPng(640, 480))).toEqual({ mediaType: 'image/png', width: 640, height: 480 });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(sniffImage(jpeg)).toEqual({ mediaType: 'image/jpeg', width: 640, height: 480 });
    const gif = Buffer.from('GIF89a\x80\x02\xe0\x01\x00\x00', 'latin1');
    expect(sniffImage(gif)).toEqual({ mediaType: 'image/gif', width: 640, height: 480 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0); vp8x.write('WEBP', 8); vp8x.write('VP8X', 12);
    vp8x.writeUIntLE(639, 24, 3); vp8x.writeUIntLE(479, 27, 3);
    expect(sniffImage(vp8x)).toEqual({ mediaType: 'image/webp', width: 640, height: 480 });
    expect(sniffImage(Buffer.from('%PDF-1.7 not an image'))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
  });

  it('property: arbitrary bytes never throw in the sniffer', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => { sniffImage(b); }));
  });

  it('reads a file into base64 with its size; bad files are BAD_INPUT naming them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'img-'));
    const png = join(dir, 'a.png');
    writeFileSync(png, blackPng(300, 200));
    const img = await imageFromFile(png, { detail: 'low' });
    expect(img).toMatchObject({ source: 'base64', mediaType: 'image/png', width: 300, height: 200, detail: 'low' });
    writeFileSync(join(dir, 'b.png'), 'not a png');
    await expect(imageFromFile(join(dir, 'b.png'))).rejects.toThrow(/b\.png: not a PNG, JPEG, GIF or WebP/);
    await expect(imageFromFile(join(dir, 'missing.png'))).rejects.toThrow(/cannot read image .*missing\.png: ENOENT/);
    await expect(imageFromFile(dir)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(() => imageFromBytes(Buffer.alloc(21 * 1024 * 1024))).toThrow(/image limit/);
  });

  it('URLs: http(s) kept (media type from the extension), data: decoded, anything else refused', async () => {
    expect(imageFromUrl('https://example.org/x/cat.JPG')).toEqual({ source: 'url', url: 'https://example.org/x/cat.JPG', mediaType: 'image/jpeg' });
    const data = `data:image/png;base64,${blackPng(10, 20).toString('base64')}`;
    expect(imageFromUrl(data)).toMatchObject({ source: 'base64', width: 10, height: 20 });
    expect(() => imageFromUrl('file:///etc/passwd')).toThrow(/scheme file:/);
    expect(() => imageFromUrl('not a url')).toThrow(/invalid image URL/);
    expect(() => imageFromUrl('https://x.org/a.png', { width: 0 })).toThrow(/width/);
    await expect(loadImage('https://x.org/a.webp')).resolves.toMatchObject({ source: 'url', mediaType: 'image/webp' });
  });
});
