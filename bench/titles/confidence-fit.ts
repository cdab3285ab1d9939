import type { ConfidenceSignals } from '../../db/src/search/coding.ts';

/** The signals the confidence model weighs, in its order. */
const SIGNALS = [
  'margin',
  'titleScore',
  'complete',
  'completeFuzzy',
  'coverage',
  'share',
  'vocabularyFirst',
  'titleFirst',
] as const;

/**
 * Logistic regression of "the first match is right" on the first match's confidence signals (gradient descent,
 * light L2 on the weights): what bench/titles/fit-ranking.ts writes into CONFIDENCE_MODEL, and what bench/titles
 * prints for a development sample.
 */
export function fitConfidence(ranked: ReadonlyArray<{ rank: number; signals?: ConfidenceSignals }>) {
  const data = ranked
    .filter((r) => r.signals)
    .map((r) => ({ x: SIGNALS.map((k) => r.signals![k]), y: r.rank === 1 ? 1 : 0 }));
  const w = new Array(SIGNALS.length + 1).fill(0);
  for (let step = 0; step < 8000; step++) {
    const grad = w.map((x, i) => (i ? 0.002 * x : 0));
    for (const d of data) {
      const z = w[0] + d.x.reduce((a, x, i) => a + x * w[i + 1], 0);
      const err = 1 / (1 + Math.exp(-z)) - d.y;
      grad[0] += err / data.length;
      d.x.forEach((x, i) => {
        grad[i + 1] += (err * x) / data.length;
      });
    }
    for (let i = 0; i < w.length; i++) w[i] -= 0.2 * grad[i];
  }
  return Object.fromEntries(
    [['intercept', w[0]], ...SIGNALS.map((k, i) => [k, w[i + 1]])].map(([k, x]) => [
      k,
      Number((x as number).toFixed(3)),
    ]),
  ) as Record<string, number>;
}
