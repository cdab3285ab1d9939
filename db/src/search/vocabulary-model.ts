/**
 * Ranking by each occupation's vocabulary (title_vocabulary_evidence(), migrations 0015 and 0030), for titles the index does
 * not hold: "tanning wheel operator" is an operator (the head noun, matched against the heads of each
 * occupation's titles) of something tanning (a modifier, matched against all the words of its titles, tasks,
 * tools and technology, description, SOC definition and ESCO labels). The parameters were chosen on a
 * development sample of titles left out of the index (bench/titles.ts --dev), not on the evaluation sample.
 */
export const VOCABULARY_FIELDS = {
  task: 0.2,
  technology: 0.2,
  tool: 0.2,
  description: 0.2,
  definition: 0.2,
  esco: 0.3,
} as const;

export const VOCABULARY_MODEL = {
  /** Smoothing of a modifier's share of an occupation's titles by its share of all titles. */
  mu: 5,
  /** The same for the head noun. */
  headMu: 2,
  /** A title with the head noun elsewhere than at its end counts this much of one that ends in it. */
  headAnywhere: 0.3,
  /** Weight of how many titles an occupation has (occupations with many titles are named more often). */
  prior: 1,
};
