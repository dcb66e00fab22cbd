/** The storage suite on PGlite (the embedded default), one shared in-memory instance for the file. */
import { pgliteBackend } from './backends.js';
import { defineStorageSuite } from './storage.suite.js';

defineStorageSuite('PGlite', pgliteBackend);
