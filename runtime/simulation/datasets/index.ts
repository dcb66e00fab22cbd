/** Question files as scenario input and answer checking per format. */
export { ANSWER_FORMATS, answerSpecSchema, checkAnswer, normaliseAnswer, optionLetters, type AnswerFormat, type AnswerScore, type AnswerSpec } from './answer-check.js';
export { canonicalNumber, defaultTolerance, extractNumber, numbersAgree, parseNumberText, type NumericConvention, type NumericExtraction } from './numeric.js';
export { datasetConfigSchema, parseDataset, sampleDataset, type DatasetConfig, type DatasetQuestion } from './dataset.js';
export { parseCsv } from './csv.js';
