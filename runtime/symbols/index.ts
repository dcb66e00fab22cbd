/** The symbol engine: personal vocabularies, translation between users, private matching on the worker pool. */
export { attestSymbols, commitmentOf, generateSigningKeys, verifySymbolAttestation, type AttestationPayload, type SigningKeys, type SymbolAttestation } from './attest.js';
export { CKKS_PARAMS, createCkksSession, type CkksParams, type CkksPublicMaterial, type CkksSession } from './ckks.js';
export type { CkksMatchInput, CkksMatchOutput } from './ckks-match.worker.js';
export { createSymbolIndex, extractSymbols, prepareMessage, type Occurrence, type SymbolIndex } from './extract.js';
export type { MatchInput, MatchOutput } from './match.worker.js';
export { createMemoryVocabularyStore, SYMBOLS_INDEX_USER, type MemoryLike } from './memory-vocabulary.store.js';
export { graphemes, normaliseSymbolText } from './normalise.js';
export {
  createSymbolTranslator, createTranslator, type PersonalSymbolTranslation, type Privacy, type SymbolMapping,
  type TranslateRequest, type TranslationResult, type Translator, type TranslatorOptions,
} from './translate.js';
export { createVocabularies, type Vocabularies } from './vocabularies.js';
export {
  conceptText, parseVocabularyFile, toVocabularyFile, vocabularyFileSchema, VOCABULARY_LIMITS,
  type Concept, type Vocabulary, type VocabularyEntry, type VocabularyFile,
} from './vocabulary.js';
export { createFileVocabularyStore, createInMemoryVocabularyStore, type FileVocabularyStoreOptions, type VocabularyStore } from './vocabulary.store.js';
