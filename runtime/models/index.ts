/** The model layer of the runtime: the port, resilience, fallback, provider guards and the cost ledger. */
export * from './model.port.js';
export { withResilience, realSleep, type ResilienceOptions, type ResilienceEvent } from './resilience.js';
export { withFallback, canFailOver, type FallbackOptions } from './fallback.js';
export { createProviderGuard, isProviderFailure, type ProviderGuard, type ProviderGuardOptions, type GuardSlot } from './provider-guard.js';
export { createLedger, loadPriceTable, parsePriceTable, priceFor, costOf, DEFAULT_PRICES, batchPriceFor, imageRuleFor, priceForResponse, costOfResponse, estimateImageTokens, type Ledger, type LedgerEntry, type LedgerTotals, type LedgerOptions, type Budget, type BudgetCheck, type CallEstimate, type PriceEntry, type PriceTable, type PriceSection } from './ledger.js';
export { imageTokens, type ImageTokenRule } from './image-tokens.js';
export { imageFromFile, imageFromUrl, imageFromBytes, loadImage, sniffImage, dataUrlOf, MAX_IMAGE_BYTES, type ImageInfo, type ImageOptions } from './image-input.js';
export { withLedger, type MeteredOptions } from './metered.js';
