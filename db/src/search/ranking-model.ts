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
    vocabularyMissing: 1.66,
    vocabularyRank: -0.379,
    coverage: -0.543,
    titleScore: 0.257,
    titleMissing: 0.04,
    titleRank: -0.409,
    titleComplete: 0,
    titleCompleteFuzzy: 0,
    titleHead: 0.246,
    allOther: -0.42,
    nameHead: -0.44,
    headInName: 0.414,
    modifiersInName: 1.009,
    headEvidence: 0.116,
    titleEvidence: 0.124,
    vocabularyEvidence: 0.124,
    forms: 0.19,
    headShare: 0.958,
    idfCover: -0.554,
    titleTypoOfKnown: -0.1,
    excepted: -0.247,
    titleUnknownWords: 0.23,
    titleViaCloseMatch: -0.193,
  },
  confidence: {
    intercept: -0.794,
    margin: -0.381,
    titleScore: 0.004,
    complete: -0.291,
    completeFuzzy: -1.427,
    coverage: 0.933,
    share: 0.929,
    vocabularyFirst: 0.319,
    titleFirst: 0.268,
  },
  autoCode: 0.95,
};
