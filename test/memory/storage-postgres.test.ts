/** The storage suite on PostgreSQL 15 (`DATABASE_URL`), a fresh schema per test, dropped afterwards. */
import { describe, it } from 'vitest';
import { postgresBackend } from './backends.js';
import { defineStorageSuite } from './storage.suite.js';

const url = process.env.DATABASE_URL;
if (url) defineStorageSuite('PostgreSQL', async () => postgresBackend(url));
else {
  console.warn('memory storage suite on PostgreSQL skipped: DATABASE_URL is not set');
  describe.skip('memory store on PostgreSQL (DATABASE_URL not set)', () => { it('runs when DATABASE_URL is set', () => undefined); });
}
