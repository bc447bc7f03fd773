// Deterministic randomness for the synthetic-report generator: mulberry32 keyed by (seed, index),
// plus the small helpers the generators share (ranges, picks, weights, splitting a total).
// Never Math.random: the same (seed, index) always gives the same report.

/** Mix two 32-bit integers into one well-spread seed (murmur3 finaliser over a combination). */
export function mixSeed(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul((index | 0) + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a tiny, fast 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number, index = 0) {
    this.next = mulberry32(mixSeed(seed, index));
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick by weight: [[value, weight], …]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1]![0];
  }

  /** n distinct items in random order (or all of them, shuffled, when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  /**
   * A count on a log scale between lo and hi (inclusive): small values as likely per decade as
   * large ones, which is how report figures spread (a township has 3, a city 30 000).
   */
  logInt(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    const a = Math.log(lo + 1);
    const b = Math.log(hi + 1);
    return Math.min(hi, Math.max(lo, Math.round(Math.exp(a + (b - a) * this.next()) - 1)));
  }

  /** Like logInt, but 0 with probability pZero ("many zeros"). */
  sparse(pZero: number, lo: number, hi: number): number {
    return this.chance(pZero) ? 0 : this.logInt(lo, hi);
  }

  /**
   * Split `total` into parts with the given relative weights (each jittered), so that the parts
   * are non-negative integers summing exactly to `total`.
   */
  split(total: number, weights: readonly number[]): number[] {
    if (weights.length === 0) return [];
    const jittered = weights.map((w) => (w <= 0 ? 0 : w * (0.3 + 1.4 * this.next())));
    const sum = jittered.reduce((s, w) => s + w, 0);
    if (total <= 0 || sum === 0) {
      const out = weights.map(() => 0);
      if (total > 0) out[0] = total;
      return out;
    }
    const raw = jittered.map((w) => (w / sum) * total);
    const out = raw.map((x) => Math.floor(x));
    let rest = total - out.reduce((s, x) => s + x, 0);
    // Hand the remainder to the largest fractional parts (ties: a random eligible part).
    const order = raw
      .map((x, i) => ({ i, f: x - Math.floor(x) + this.next() * 1e-6 }))
      .filter(({ i }) => jittered[i]! > 0)
      .sort((p, q) => q.f - p.f);
    if (order.length === 0) out[0]! += rest;
    else for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]!++;
    return out;
  }
}

/** A decimal printed as reports print it: at most `digits` decimals, no trailing zeros. */
export function decimal(value: number, digits: number): string {
  const s = value.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}
