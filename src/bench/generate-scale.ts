// Magnitudes by level: a township receives a handful of requests (often none), a county a few
// hundred, a city thousands. Shared by the 2016 统计表 and the 2019/2021 tables.
import type { GenLevel } from "./generate-identity.js";
import type { Rng } from "./random.js";

export interface Scale {
  /** 收到/新收 申请 (件): [probability of 0, lo, hi]. */
  requests: readonly [number, number, number];
  /** 主动公开政府信息 (条). */
  proactive: readonly [number, number];
  /** Share of requests that end in 行政复议 (upper bound). */
  reviewRate: number;
  /** Probability that a report has no 复议 at all. */
  reviewZero: number;
  /** Staff, meetings, trainees … multiplier. */
  org: number;
}

export const SCALES: Record<GenLevel, Scale> = {
  township: { requests: [0.6, 1, 12], proactive: [20, 3000], reviewRate: 0.15, reviewZero: 0.85, org: 0.1 },
  department: { requests: [0.25, 1, 150], proactive: [50, 8000], reviewRate: 0.08, reviewZero: 0.55, org: 0.3 },
  county: { requests: [0.04, 3, 600], proactive: [400, 40000], reviewRate: 0.08, reviewZero: 0.3, org: 1 },
  city: { requests: [0, 30, 5000], proactive: [3000, 300000], reviewRate: 0.1, reviewZero: 0.05, org: 4 },
};

/** The year's new requests (件) for a level. */
export function requestCount(rng: Rng, level: GenLevel): number {
  const [pZero, lo, hi] = SCALES[level].requests;
  return rng.sparse(pZero, lo, hi);
}

/** Number of 复议 (or a 诉讼 group) given the requests: zero often, a few percent otherwise. */
export function disputeCount(rng: Rng, level: GenLevel, requests: number, factor = 1): number {
  const s = SCALES[level];
  if (rng.chance(s.reviewZero)) return 0;
  const hi = Math.max(1, Math.round(requests * s.reviewRate * factor));
  return rng.logInt(0, hi);
}

/** Some weights of a breakdown set to zero (real tables are mostly zeros), the first kept. */
export function thinWeights(rng: Rng, weights: readonly number[], pDrop: number): number[] {
  return weights.map((w, i) => (i === 0 || !rng.chance(pDrop) ? w : 0));
}
