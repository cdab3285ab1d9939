/** The ranking model's weights (coding.ts RANKING_FEATURES) and confidence model, as bench/titles/fit-ranking.ts
 * writes them: fitted on 2500 titles of the development split of the leave-out benchmark. */
export const RANKING_MODEL: {
  fitted: string;
  weights: Record<string, number>;
  confidence?: Record<string, number>;
  autoCode?: number;
} = {
  fitted: 'bench/titles/fit-ranking.ts --n 3000 --seed 13',
  weights: {
    vocabulary: 0.318,
    vocabularyMissing: 1.422,
    vocabularyRank: -0.402,
    coverage: -0.66,
    titleScore: 0.435,
    titleMissing: 0.257,
    titleRank: -0.441,
    titleComplete: 0,
    titleCompleteFuzzy: 0,
    titleHead: 0.251,
    allOther: -0.368,
    nameHead: -0.452,
    headInName: 0.381,
    modifiersInName: 0.988,
    headEvidence: 0.105,
    titleEvidence: 0.102,
    vocabularyEvidence: 0.105,
    forms: 0.183,
    headShare: 0.975,
    idfCover: -0.666,
    titleTypoOfKnown: -0.1,
    excepted: -0.372,
    titleUnknownWords: 0.216,
  },
  confidence: {
    intercept: -0.88,
    margin: -0.437,
    titleScore: 0.121,
    complete: -0.38,
    completeFuzzy: -1.453,
    coverage: 0.943,
    share: 1.016,
    vocabularyFirst: 0.368,
    titleFirst: 0.245,
  },
  autoCode: 0.9,
};
