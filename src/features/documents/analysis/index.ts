/** Public API of the document analysis. */
export { createAnalyzer } from './analyzer';
export { splitSentences, type SentenceSpan } from './sentences';
export * from './analysis.types';
