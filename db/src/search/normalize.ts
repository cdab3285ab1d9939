/**
 * Job-title normalisation: tokens (`tokens.ts`, mirrored in SQL by migration 0005), the words people add to
 * titles and their short forms (`title-words.ts`), and the analysis of a typed title (`query.ts`).
 */
export * from './query.ts';
export * from './title-words.ts';
export * from './tokens.ts';
