/** Envelope encryption and master-key resolution: tag length enforced, AAD binding, key file on first run. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveMasterKey } from '../../adapters/store/master-key.js';
import { entryAad, open, parseMasterKey, seal, unwrapKey, wrapKey } from '../../runtime/memory/envelope.js';

const key = Buffer.alloc(32, 1);

describe('envelope encryption', () => {
  it('round-trips and binds the ciphertext to user, seq, field and key version', () => {
    const s = seal(key, Buffer.from('secret memory'), entryAad('ana', 3, 'content', 1));
    expect(s.iv).toHaveLength(12);
    expect(s.tag).toHaveLength(16);
    expect(open(key, s, entryAad('ana', 3, 'content', 1)).toString()).toBe('secret memory');
    for (const aad of [entryAad('ben', 3, 'content', 1), entryAad('ana', 4, 'content', 1), entryAad('ana', 3, 'embedding', 1), entryAad('ana', 3, 'content', 2)]) {
      expect(() => open(key, s, aad)).toThrow(/authentication failed/);
    }
  });

  it('refuses a truncated tag that Node would otherwise accept', () => {
    const s = seal(key, Buffer.from('x'), entryAad('ana', 1, 'content', 1));
    expect(() => open(key, { ...s, tag: s.tag.subarray(0, 4) }, entryAad('ana', 1, 'content', 1))).toThrow(/GCM tag is 4 bytes/);
  });

  it('wraps data keys per user and version', () => {
    const dk = Buffer.alloc(32, 9);
    const w = wrapKey(key, dk, 'ana', 1);
    expect(unwrapKey(key, w, 'ana', 1).equals(dk)).toBe(true);
    expect(() => unwrapKey(key, w, 'ben', 1)).toThrow(/authentication failed/);
    expect(() => unwrapKey(Buffer.alloc(32, 2), w, 'ana', 1)).toThrow(/authentication failed/);
  });

  it('rejects a malformed master key without echoing it', () => {
    let message = '';
    try { parseMasterKey('c2VjcmV0LXRvby1zaG9ydA=='); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/invalid LUKHAS_MASTER_KEY: expected base64 of exactly 32 bytes \(got 16 bytes\)/);
    expect(message).not.toContain('c2VjcmV0');
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
  });
});

describe('master key resolution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lukhas-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a 0600 key file on first run with a notice, then reads it back silently', () => {
    const notices: string[] = [];
    const first = resolveMasterKey({ env: {}, dataDir: dir, notice: (m) => notices.push(m) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/generated a new memory master key in .*master\.key.*Back it up/);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(notices[0]).not.toContain(first.key.toString('base64'));
    const again = resolveMasterKey({ env: {}, dataDir: dir, notice: (m) => notices.push(m) });
    expect(again.key.equals(first.key)).toBe(true);
    expect(notices).toHaveLength(1);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('prefers LUKHAS_MASTER_KEY, and requires it on PostgreSQL', () => {
    const env = { LUKHAS_MASTER_KEY: key.toString('base64') };
    expect(resolveMasterKey({ env, dataDir: dir, notice: () => undefined }).source).toBe('LUKHAS_MASTER_KEY');
    expect(() => resolveMasterKey({ env: {}, notice: () => undefined })).toThrow(/missing LUKHAS_MASTER_KEY/);
    expect(() => resolveMasterKey({ env: { LUKHAS_MASTER_KEY: 'short' }, notice: () => undefined })).toThrow(/invalid LUKHAS_MASTER_KEY/);
  });
});
