/** The ranking model's weights (coding.ts RANKING_FEATURES) and confidence model, as bench/titles/fit-ranking.ts
 * writes them: fitted on 2500 titles of the development split of the leave-out benchmark. */
export const RANKING_MODEL: {
  fitted: string;
  weights: Record<string, number>;
  confidence?: Record<string, number>;
  autoCode?: number;
} = {
  fitted: 'bench/titles/fit-ranking.ts --n 2500 --seed 13',
  weights: {
    vocabulary: 0.271,
    vocabularyMissing: 1.509,
    vocabularyRank: -0.448,
    coverage: -0.781,
    titleScore: 0.33,
    titleMissing: 0.081,
    titleRank: -0.42,
    titleComplete: 0,
    titleCompleteFuzzy: 0,
    titleHead: 0.265,
    allOther: -0.384,
    nameHead: -0.406,
    headInName: 0.359,
    modifiersInName: 1.037,
    headEvidence: 0.126,
    titleEvidence: 0.142,
    vocabularyEvidence: 0.132,
    forms: 0.184,
    headShare: 1.141,
    idfCover: -0.473,
    titleTypoOfKnown: -0.013,
    excepted: -0.368,
    titleUnknownWords: 0.062,
  },
  confidence: {
    intercept: -0.927,
    margin: -0.387,
    titleScore: 0.109,
    complete: -0.386,
    completeFuzzy: -1.466,
    coverage: 0.932,
    share: 0.917,
    vocabularyFirst: 0.407,
    titleFirst: 0.316,
  },
  autoCode: 0.9,
};
