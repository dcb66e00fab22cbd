/** Tie tolerance: CKKS scores differ from plaintext ones by ~1e-7, so closer scores count as a tie. */
export const TIE_EPSILON = 1e-6;

/**
 * Index and value of the highest score; scores within {@link TIE_EPSILON} of the best go to the lower index, so
 * plaintext and CKKS matching choose the same candidate. Returns [-1, 0] for no candidates.
 */
export function pickBest(scores: ArrayLike<number>): [number, number] {
  let b = -1, s = -Infinity;
  for (let j = 0; j < scores.length; j++) if (scores[j]! > s + TIE_EPSILON) { b = j; s = scores[j]!; }
  return b < 0 ? [-1, 0] : [b, s];
}
