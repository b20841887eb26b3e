/**
 * The expected value of partial perfect information of a choice between two options, from
 * simulated incremental net benefits (option B's net benefit minus option A's, one per
 * simulated world) and the fitted E[INB | φ] of a parameter φ (Strong, Oakley and Brennan 2014,
 * eq. 8):
 *
 *   EVPPI(φ) = E_φ[ max(0, E[INB | φ]) ] − max(0, E[INB])
 *
 * what a decision maker who learned φ before choosing would gain, on average, over one who
 * chooses now on the expected net benefit. Estimated through the regression rather than the raw
 * INB, so the chance variation within one world (which no study of φ could remove) is not
 * counted as value.
 */

/** EVPPI of two options from the fitted conditional expectations of the incremental net benefit. */
export function evppiFromFitted(fitted: ArrayLike<number>): number {
  const n = fitted.length;
  if (n === 0) throw new RangeError('no fitted values');
  let mean = 0;
  let meanOfMax = 0;
  for (let i = 0; i < n; i++) {
    mean += fitted[i]!;
    meanOfMax += Math.max(0, fitted[i]!);
  }
  mean /= n;
  meanOfMax /= n;
  // Never negative in exact arithmetic (Jensen); rounding could make it -1e-12.
  return Math.max(0, meanOfMax - Math.max(0, mean));
}
