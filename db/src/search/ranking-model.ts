/** The ranking model's weights (coding.ts RANKING_FEATURES) and confidence model, as bench/titles/fit-ranking.ts
 * writes them: fitted on 3000 titles of the development split of the leave-out benchmark. */
export const RANKING_MODEL: {
  fitted: string;
  weights: Record<string, number>;
  confidence?: Record<string, number>;
  autoCode?: number;
} = {
  fitted: 'bench/titles/fit-ranking.ts --n 3000 --seed 13',
  weights: {
    vocabulary: 0.293,
    vocabularyMissing: 1.668,
    vocabularyRank: -0.38,
    coverage: -0.548,
    titleScore: 0.268,
    titleMissing: 0.058,
    titleRank: -0.414,
    titleComplete: 0,
    titleCompleteFuzzy: 0,
    titleHead: 0.238,
    allOther: -0.417,
    nameHead: -0.44,
    headInName: 0.412,
    modifiersInName: 1.015,
    headEvidence: 0.118,
    titleEvidence: 0.124,
    vocabularyEvidence: 0.123,
    forms: 0.189,
    headShare: 0.963,
    idfCover: -0.548,
    titleTypoOfKnown: -0.102,
    excepted: -0.246,
    titleUnknownWords: 0.228,
    titleViaCloseMatch: -0.116,
  },
  confidence: {
    intercept: -0.801,
    margin: -0.386,
    titleScore: 0.009,
    complete: -0.272,
    completeFuzzy: -1.402,
    coverage: 0.933,
    share: 0.941,
    vocabularyFirst: 0.328,
    titleFirst: 0.256,
  },
  autoCode: 0.9,
};
