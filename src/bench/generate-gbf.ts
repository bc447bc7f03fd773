// The figures of the 2019 (60号) and 2021 (30号) tables: 表二 第二十条, 表三 (seven applicant
// columns, each balanced: 新收 + 上年结转 = 总计 + 结转下年度; 总计 column = sum of the six) and
// 表四 (15 numbers: 维持 + 纠正 + 其他 + 尚未审结 = 总计 in each of the three groups).
import type { GenLevel } from "./generate-identity.js";
import { disputeCount, requestCount, SCALES, thinWeights } from "./generate-scale.js";
import { decimal, type Rng } from "./random.js";

/** Applicant columns of 表三 in print order (the seventh, 总计, is their sum). */
export const SLICES = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"] as const;
export const TABLE3_COLUMNS = [...SLICES, "total"] as const;

/** Outcome rows of 表三 (metric ids) with their relative weights, 2019 and 2021. */
const OUTCOMES_COMMON: readonly (readonly [string, number])[] = [
  ["requests.result.granted", 4],
  ["requests.result.partial", 0.8],
  ["requests.result.withheld.state_secret", 0.05],
  ["requests.result.withheld.other_law", 0.1],
  ["requests.result.withheld.security_stability", 0.05],
  ["requests.result.withheld.third_party", 0.2],
  ["requests.result.withheld.internal_affairs", 0.15],
  ["requests.result.withheld.process_info", 0.2],
  ["requests.result.withheld.enforcement_file", 0.1],
  ["requests.result.withheld.admin_query", 0.3],
  ["requests.result.unable.not_held", 2.5],
  ["requests.result.unable.needs_creation", 0.3],
  ["requests.result.unable.still_unclear", 0.3],
  ["requests.result.not_processed.petition_complaint", 0.3],
  ["requests.result.not_processed.duplicate", 0.3],
  ["requests.result.not_processed.publication", 0.05],
  ["requests.result.not_processed.mass_repeat", 0.05],
  ["requests.result.not_processed.confirm_reissue", 0.1],
];
const OUTCOMES_2019 = [...OUTCOMES_COMMON, ["requests.result.other", 0.6] as const];
const OUTCOMES_2021 = [
  ...OUTCOMES_COMMON,
  ["requests.result.other.no_correction", 0.6] as const,
  ["requests.result.other.fee_unpaid", 0.03] as const,
  ["requests.result.other.misc", 0.5] as const,
];

/** The 表三 outcome metric ids of a generation, in print order. */
export function outcomeIds(generation: "gbf2019" | "gbf2021"): string[] {
  return (generation === "gbf2019" ? OUTCOMES_2019 : OUTCOMES_2021).map(([id]) => id);
}

/** 表三: column key → metric id → value. */
export type Table3 = Record<(typeof TABLE3_COLUMNS)[number], Record<string, number>>;

export function table3(rng: Rng, level: GenLevel, generation: "gbf2019" | "gbf2021"): Table3 {
  const outcomes = generation === "gbf2019" ? OUTCOMES_2019 : OUTCOMES_2021;
  const received = requestCount(rng, level);
  const colWeights = thinWeights(rng, [1, 0.25, 0.01, 0.015, 0.05, 0.04], 0.45);
  const perCol = rng.split(received, colWeights);
  // Carried over from last year: mostly none, a few percent otherwise.
  const carriedTotal = rng.chance(0.55) ? 0 : rng.logInt(0, Math.max(1, Math.round(received * 0.06)));
  const carried = rng.split(carriedTotal, colWeights);
  const weights = outcomes.map(([, w], i) => (i === 0 || i === 10 ? w : rng.chance(0.45) ? 0 : w));
  const out = {} as Table3;
  const total: Record<string, number> = {};
  SLICES.forEach((slice, c) => {
    const n = perCol[c]!;
    const co = carried[c]!;
    const forward = rng.chance(0.6) ? 0 : rng.int(0, Math.round((n + co) * 0.06));
    const values = rng.split(n + co - forward, weights);
    const col: Record<string, number> = { "requests.received": n, "requests.carried_over": co };
    outcomes.forEach(([id], i) => (col[id] = values[i]!));
    col["requests.result.total"] = n + co - forward;
    col["requests.carried_forward"] = forward;
    out[slice] = col;
    for (const [k, v] of Object.entries(col)) total[k] = (total[k] ?? 0) + v;
  });
  out.total = total;
  return out;
}

/** 表四 column metric ids in print order (5 复议, 5 直接起诉, 5 复议后起诉). */
export const TABLE4_IDS = ["review", "litigation.direct", "litigation.after_review"].flatMap((g) =>
  ["upheld", "corrected", "other", "pending", "total"].map((k) => `${g}.${k}`),
);

export function table4(rng: Rng, level: GenLevel, requests: number): Record<string, number> {
  const f: Record<string, number> = {};
  for (const [group, factor] of [
    ["review", 1],
    ["litigation.direct", 0.35],
    ["litigation.after_review", 0.25],
  ] as const) {
    const total = disputeCount(rng, level, requests, factor);
    const [u, c, o, p] = rng.split(total, thinWeights(rng, [3, 1, 2, 0.7], 0.35));
    Object.assign(f, { [`${group}.upheld`]: u, [`${group}.corrected`]: c, [`${group}.other`]: o, [`${group}.pending`]: p, [`${group}.total`]: total });
  }
  return f;
}

/** A 表二 row: label, metric key under art20, and the printed cells. */
export interface Art20Row {
  label: string;
  key: string;
  /** Column key → value (numbers), in print order. */
  values: [string, number][];
}

export interface Art20Group {
  /** 第二十条第（一）项 … */
  item: string;
  /** Column headers in print order. */
  headers: string[];
  rows: Art20Row[];
}

export function art20(rng: Rng, level: GenLevel, generation: "gbf2019" | "gbf2021"): Art20Group[] {
  const big = SCALES[level].org;
  const makesRules = level === "city" || (level === "county" && rng.chance(0.05));
  const docs = (n: number) => rng.sparse(0.3, 1, Math.max(1, Math.round(n * big)));
  const items = (lo: number, hi: number) => rng.sparse(0.25, lo, Math.max(lo, Math.round(hi * big)));
  // A yearly count up to hi (scaled): zero sometimes (often for a township), else within two decades.
  const count = (hi: number) => {
    const top = Math.round(hi * big) + 1;
    return rng.sparse(level === "township" ? 0.5 : 0.12, Math.max(1, Math.round(top / 200)), top);
  };
  const signed = (base: number) => (rng.chance(0.4) ? 0 : rng.int(-Math.round(base / 3), Math.round(base / 2) + 1));
  if (generation === "gbf2019") {
    const doc = (label: string, key: string, made: number, active = true): Art20Row => {
      const pub = Math.min(made, rng.int(Math.round(made * 0.7), made));
      const total = active ? pub + rng.logInt(0, Math.round((key === "rules" ? 15 : 80) * big)) : 0;
      return {
        label,
        key,
        values: [
          ["new_made", made],
          ["new_published", pub],
          ["total_published", total],
        ],
      };
    };
    const svc = (label: string, key: string, hi: number): Art20Row => {
      const prev = items(1, hi);
      return {
        label,
        key,
        values: [
          ["prev_items", prev],
          ["delta", signed(prev)],
          ["decisions", count(hi * 40)],
        ],
      };
    };
    const fee = items(1, 30);
    const procurement = rng.sparse(0.2, 1, Math.round(40000 * big));
    return [
      {
        item: "第二十条第（一）项",
        headers: ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        rows: [doc("规章", "rules", makesRules ? rng.int(0, 6) : 0, makesRules), doc("规范性文件", "normative_docs", docs(25))],
      },
      {
        item: "第二十条第（五）项",
        headers: ["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: [svc("行政许可", "licensing", 300), svc("其他对外管理服务事项", "other_services", 60)],
      },
      {
        item: "第二十条第（六）项",
        headers: ["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: [svc("行政处罚", "penalty", 1500), svc("行政强制", "coercion", 80)],
      },
      {
        item: "第二十条第（八）项",
        headers: ["上一年项目数量", "本年增/减"],
        rows: [
          {
            label: "行政事业性收费",
            key: "fees",
            values: [
              ["prev_items", fee],
              ["delta", signed(fee)],
            ],
          },
        ],
      },
      {
        item: "第二十条第（九）项",
        headers: ["采购项目数量", "采购总金额"],
        rows: [
          {
            label: "政府集中采购",
            key: "procurement",
            values: [
              ["items", items(1, 200)],
              ["amount", procurement === 0 ? 0 : Number(decimal(procurement + rng.int(0, 99) / 100, 2))],
            ],
          },
        ],
      },
    ];
  }
  const doc = (label: string, key: string, issued: number, active = true): Art20Row => {
    if (!active)
      return {
        label,
        key,
        values: [
          ["issued", 0],
          ["repealed", 0],
          ["in_force", 0],
        ],
      };
    const inForce = issued + rng.logInt(0, Math.round((key === "rules" ? 15 : 120) * big));
    const repealed = Math.min(inForce, rng.sparse(0.5, 1, Math.max(1, Math.round(issued / 2))));
    return {
      label,
      key,
      values: [
        ["issued", issued],
        ["repealed", repealed],
        ["in_force", inForce],
      ],
    };
  };
  const decisions = (label: string, key: string, hi: number): Art20Row => ({ label, key, values: [["decisions", count(hi)]] });
  const amount = rng.chance(0.3) ? 0 : Number(decimal(rng.logInt(1, Math.round(90000 * big)) / (rng.chance(0.5) ? 10 : 100), 2));
  return [
    {
      item: "第二十条第（一）项",
      headers: ["本年制发件数", "本年废止件数", "现行有效件数"],
      rows: [doc("规章", "rules", makesRules ? rng.int(0, 5) : 0, makesRules), doc("行政规范性文件", "normative_docs", docs(20))],
    },
    { item: "第二十条第（五）项", headers: ["本年处理决定数量"], rows: [decisions("行政许可", "licensing", 40000)] },
    { item: "第二十条第（六）项", headers: ["本年处理决定数量"], rows: [decisions("行政处罚", "penalty", 30000), decisions("行政强制", "coercion", 800)] },
    { item: "第二十条第（八）项", headers: ["本年收费金额（单位：万元）"], rows: [{ label: "行政事业性收费", key: "fees", values: [["amount", amount]] }] },
  ];
}

/** Truth figures of 表二: art20.<key>.<column> → value. */
export function art20Figures(groups: readonly Art20Group[]): Record<string, number> {
  const f: Record<string, number> = {};
  for (const g of groups) for (const r of g.rows) for (const [col, v] of r.values) f[`art20.${r.key}.${col}`] = v;
  return f;
}
