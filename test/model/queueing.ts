// Analytic results of classical queueing theory, for checking the simulation against them.
//
// Source: D. Gross, J. F. Shortle, J. M. Thompson and C. M. Harris, Fundamentals of Queueing Theory,
// 4th ed. (Wiley, 2008): §2.3 (M/M/c: the probability of waiting, Erlang's C formula, and Wq, Lq),
// §2.5 (M/M/c/c: Erlang's loss formula B) and §2.6 (M/M/∞: a Poisson number in the system). Erlang B
// is insensitive to the service-time distribution beyond its mean (M/G/c/c; Gross et al. §6.2), and
// so is the Poisson occupancy of M/G/∞. The stable recursion for B is the standard one,
// B(0, a) = 1, B(n, a) = a B(n-1, a) / (n + a B(n-1, a)) (e.g. D. L. Jagerman, "Some properties of
// the Erlang loss function", Bell System Technical Journal 53, 1974), which avoids the factorials
// of the textbook form. C follows from B: C(c, a) = c B / (c - a (1 - B)).
//
// Units: a is the offered load in erlangs (arrival rate x mean service time; here referrals a day x
// mean stay in days = children), c the number of servers (beds).

/**
 * Erlang's loss formula B(c, a): the share of arrivals blocked in an M/G/c/c system.
 * @param c servers (a non-negative integer)
 * @param a offered load in erlangs (> 0)
 * @example erlangB(23, 20) // 0.08493...
 */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0 || !(a > 0)) throw new RangeError(`erlangB(${c}, ${a})`);
  let b = 1;
  for (let n = 1; n <= c; n++) b = (a * b) / (n + a * b);
  return b;
}

/**
 * Erlang's C formula: the probability an arrival waits in an M/M/c queue (a < c).
 * @example erlangC(2, 1) // 1/3
 */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC needs a < c, got a = ${a}, c = ${c}`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c: mean wait in the queue, all arrivals counted (0 for those who do not wait), in days. */
export function mmcMeanWait(c: number, a: number, meanService: number): number {
  return (erlangC(c, a) * meanService) / (c - a);
}

/** M/M/c: mean number waiting, Lq = C a / (c - a) (= λ Wq by Little's law). */
export function mmcMeanQueue(c: number, a: number): number {
  return (erlangC(c, a) * a) / (c - a);
}

/** Poisson probability mass P(N = k) for mean m: the occupancy of M/G/∞ with offered load m. */
export function poissonPmf(k: number, m: number): number {
  // Summed in logs so that large k do not overflow.
  let logp = -m + k * Math.log(m);
  for (let i = 2; i <= k; i++) logp -= Math.log(i);
  return Math.exp(logp);
}
