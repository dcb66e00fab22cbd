import { createHashedEmbedder } from '../../../runtime/embedding/hashed.embedder.js';
import { UserEmbeddingCache } from '../../../runtime/memory/embedding-cache.js';
import { entryAad, seal } from '../../../runtime/memory/envelope.js';
import similarity from '../../../runtime/memory/similarity.worker.js';
import { createDecipheriv } from 'node:crypto';
const emb = createHashedEmbedder(); const key = Buffer.alloc(32, 3);
const c = new UserEmbeddingCache(512);
for (let i = 0; i < 20000; i++) { const v = emb.embedSync('text ' + i); const s = seal(key, new Uint8Array(v.buffer), entryAad('ana', i + 1, 'embedding', 1)); c.add(i + 1, 1, null, s.iv, s.tag, s.ciphertext); }
const q = emb.embedSync('text 5');
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const out = similarity({ userId: 'ana', query: q, dims: 512, keys: { 1: key }, slices: c.partition(1)[0]!, k: 5, threshold: 0.85, now: 0 });
  console.log('sim', performance.now() - t, out.seqs);
  t = performance.now();
  for (let i = 0; i < 20000; i++) entryAad('ana', i, 'embedding', 1);
  console.log('aad', performance.now() - t);
  t = performance.now();
  const iv = Buffer.alloc(12); 
  for (let i = 0; i < 20000; i++) { const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 }); }
  console.log('createDecipheriv', performance.now() - t);
}
