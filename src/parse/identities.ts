// 勾稽关系: every identity the templates' tables obey, in one place. The table reader uses them to
// choose how glued digits are cut and in which order a PDF block is read; the checks turn failures
// into warnings; answers sum parts and list breakdowns through them. An identity is stated over
// cells named by (metric, slice): slice "" is a table's own total column (or its only one).
import type { Template } from "../domain.js";
import { APPLICANT_COLUMNS, CUMULATIVE_SLICE, MERGED_ORGS } from "./template.js";

/** A cell's value: a number, null when printed blank, undefined when the table does not have it. */
export type Getter = (metric: string, slice: string) => number | null | undefined;

/** total = Σ parts, for each column (perSlice) or once. `variants`: the part lists a table may print. */
export interface SumIdentity {
  kind: "sum";
  id: string;
  total: string;
  variants: readonly (readonly string[])[];
  perSlice: boolean;
  templates: readonly Template[];
}

/** Σ plus = Σ minus per column (表三: 一 + 二 = 三(七) + 四). */
export interface BalanceIdentity {
  kind: "balance";
  id: string;
  plus: readonly string[];
  minus: readonly string[];
  templates: readonly Template[];
}

/** Per row: the total column = Σ the other columns (表三: 总计 = six kinds of applicant). */
export interface RowSumIdentity {
  kind: "rowSum";
  id: string;
  parts: readonly string[];
  templates: readonly Template[];
}

/** small ≤ large. Soft: true of real data, not a rule printed on the form. */
export interface AtMostIdentity {
  kind: "atMost";
  id: string;
  /** [metric, slice] pairs; slice "*" = the same in every column. */
  small: readonly [string, string];
  large: readonly [string, string];
  templates: readonly Template[];
  soft: boolean;
}

export type Identity = SumIdentity | BalanceIdentity | RowSumIdentity | AtMostIdentity;

const OLD: readonly Template[] = ["stat2016", "stat2008"];
const NEW: readonly Template[] = ["gbf2019", "gbf2021"];

const WITHHELD_2019 = [
  "state_secret",
  "other_law",
  "security_stability",
  "third_party",
  "internal_affairs",
  "process_info",
  "enforcement_file",
  "admin_query",
].map((k) => `requests.result.withheld.${k}`);
const UNABLE = ["not_held", "needs_creation", "still_unclear"].map((k) => `requests.result.unable.${k}`);
const NOT_PROCESSED = ["petition_complaint", "duplicate", "publication", "mass_repeat", "confirm_reissue"].map((k) => `requests.result.not_processed.${k}`);
export const OTHER_PARTS = ["requests.result.other.no_correction", "requests.result.other.fee_unpaid", "requests.result.other.misc"] as const;
const OUTCOMES_HEAD = ["requests.result.granted", "requests.result.partial"];

const sum = (id: string, total: string, variants: string[][], templates: readonly Template[], perSlice = true): SumIdentity => ({
  kind: "sum",
  id,
  total,
  variants,
  perSlice,
  templates,
});
const ch = (...k: string[]) => k.map((x) => `requests.channel.${x}`);

/** Every identity of every template. */
export const IDENTITIES: readonly Identity[] = [
  // ── the pre-2019 统计表 (national 2016 form, and the older provincial forms) ──
  sum(
    "收到申请=各渠道",
    "requests.received",
    [
      ch("in_person", "fax", "online", "letter"),
      ch("in_person", "fax", "email", "online", "letter", "other"),
      ch("in_person", "fax", "email", "online", "letter"),
      ch("in_person", "online", "letter_fax"),
    ],
    OLD,
  ),
  sum("办结=按时+延期", "requests.closed", [["requests.closed.on_time", "requests.closed.late"]], OLD),
  sum(
    "答复=各类答复",
    "requests.answered",
    [
      [
        "requests.result.already_public",
        "requests.result.granted",
        "requests.result.partial",
        "requests.result.withheld",
        "requests.result.not_this_agency",
        "requests.result.not_exist",
        "requests.result.needs_change",
        "requests.result.other_channel",
      ],
      ["requests.result.granted", "requests.result.partial", "requests.result.withheld"],
      ["requests.result.granted", "requests.result.partial", "requests.result.withheld", "requests.result.other_types"],
    ],
    OLD,
  ),
  sum(
    "不同意公开=各情形",
    "requests.result.withheld",
    [
      [
        "requests.result.withheld.state_secret",
        "requests.result.withheld.commercial_secret",
        "requests.result.withheld.privacy",
        "requests.result.withheld.security_stability",
        "requests.result.withheld.not_gov_info",
        "requests.result.withheld.legal_other",
      ],
    ],
    OLD,
  ),
  sum("行政复议=维持+纠错+其他", "review.total", [["review.upheld", "review.corrected", "review.other"]], OLD),
  sum("行政诉讼=维持+纠错+其他", "litigation.total", [["litigation.upheld", "litigation.corrected", "litigation.other"]], OLD),
  sum("举报投诉=维持+纠错+其他", "complaints.total", [["complaints.upheld", "complaints.corrected", "complaints.other"]], OLD),
  sum("工作人员=专职+兼职", "staff.total", [["staff.fulltime", "staff.parttime"]], OLD),
  // 历年累计 includes this year.
  ...["*"].map((): AtMostIdentity => ({ kind: "atMost", id: "本年≤历年累计", small: ["*", ""], large: ["*", CUMULATIVE_SLICE], templates: OLD, soft: false })),
  // A channel never publishes more than is published (the same item in two channels counts once).
  ...["gazette", "website", "weibo", "wechat", "platform", "other"].map(
    (c): AtMostIdentity => ({
      kind: "atMost",
      id: `渠道≤主动公开`,
      small: [`proactive.channel.${c}`, "*"],
      large: ["proactive.total", "*"],
      templates: OLD,
      soft: true,
    }),
  ),
  // ── 2019 and 2021 ──
  // 表三 (b): (七)总计 = every outcome row; 2021 splits (六)其他处理 in three.
  sum(
    "办理结果总计=各项之和",
    "requests.result.total",
    [
      [...OUTCOMES_HEAD, ...WITHHELD_2019, ...UNABLE, ...NOT_PROCESSED, "requests.result.other"],
      [...OUTCOMES_HEAD, ...WITHHELD_2019, ...UNABLE, ...NOT_PROCESSED, ...OTHER_PARTS],
    ],
    NEW,
  ),
  sum("不予公开=1至8项", "requests.result.withheld", [WITHHELD_2019], NEW),
  sum("无法提供=1至3项", "requests.result.unable", [UNABLE], NEW),
  sum("不予处理=1至5项", "requests.result.not_processed", [NOT_PROCESSED], NEW),
  sum("其他处理=1至3项", "requests.result.other", [[...OTHER_PARTS]], ["gbf2021"]),
  // 表三 (a): 一 + 二 = 三(七) + 四, the template's own note.
  {
    kind: "balance",
    id: "新收+上年结转=办理结果+结转下年度",
    plus: ["requests.received", "requests.carried_over"],
    minus: ["requests.result.total", "requests.carried_forward"],
    templates: NEW,
  },
  // 表三 (c): 总计 = the six kinds of applicant.
  { kind: "rowSum", id: "总计=各类申请人之和", parts: APPLICANT_COLUMNS.slice(0, 6), templates: NEW },
  // …or of its two, where the five organisations are one column (tables-gbf.ts SLICES_MERGED).
  { kind: "rowSum", id: "总计=各类申请人之和", parts: ["natural_person", MERGED_ORGS], templates: NEW },
  // 表四 (d): each group 维持 + 纠正 + 其他 + 尚未审结 = 总计.
  ...["review", "litigation.direct", "litigation.after_review"].map((g) =>
    sum(`${g}=维持+纠正+其他+尚未审结`, `${g}.total`, [["upheld", "corrected", "other", "pending"].map((p) => `${g}.${p}`)], NEW, false),
  ),
  // 表二 2021: what was issued this year is in force at its end (soft: one could be issued and repealed).
  ...["rules", "normative_docs"].map(
    (k): AtMostIdentity => ({
      kind: "atMost",
      id: "本年制发≤现行有效",
      small: [`art20.${k}.issued`, ""],
      large: [`art20.${k}.in_force`, ""],
      templates: ["gbf2021"],
      soft: true,
    }),
  ),
  // 表二 2021: the documents in force outnumber those repealed this year (a stock against a flow).
  ...["rules", "normative_docs"].map(
    (k): AtMostIdentity => ({
      kind: "atMost",
      id: "本年废止≤现行有效",
      small: [`art20.${k}.repealed`, ""],
      large: [`art20.${k}.in_force`, ""],
      templates: ["gbf2021"],
      soft: true,
    }),
  ),
  // 表二 2019: a procurement total (万元) is not smaller than the number of projects bought.
  {
    kind: "atMost",
    id: "采购项目数≤采购总金额",
    small: ["art20.procurement.items", ""],
    large: ["art20.procurement.amount", ""],
    templates: ["gbf2019"],
    soft: true,
  },
  // 表二 2019: what was published this year is among what is published.
  ...["rules", "normative_docs"].map(
    (k): AtMostIdentity => ({
      kind: "atMost",
      id: "本年新公开≤对外公开总数",
      small: [`art20.${k}.new_published`, ""],
      large: [`art20.${k}.total_published`, ""],
      templates: ["gbf2019"],
      soft: true,
    }),
  ),
];

/** The identities of one template. */
export function identitiesOf(template: Template): Identity[] {
  return IDENTITIES.filter((i) => i.templates.includes(template));
}

/** The sum rules whose total is this metric (for breakdowns and summed answers). */
export function sumRulesFor(total: string, template?: Template): SumIdentity[] {
  return IDENTITIES.filter((i): i is SumIdentity => i.kind === "sum" && i.total === total && (!template || i.templates.includes(template)));
}

/** Every metric a sum rule counts as a part, with its totals. */
const PARENTS = new Map<string, string[]>();
for (const i of IDENTITIES) {
  if (i.kind !== "sum") continue;
  for (const v of i.variants) for (const p of v) if (!(PARENTS.get(p) ?? []).includes(i.total)) PARENTS.set(p, [...(PARENTS.get(p) ?? []), i.total]);
}

/** The totals a metric is a part of (同意公开 is under 办理结果 in 2019+ and under 申请答复数 in the old 统计表). */
export function totalsOf(metric: string): string[] {
  return PARENTS.get(metric) ?? [];
}

/** One evaluated instance of an identity: which cells, and whether it holds. */
export interface Outcome {
  identity: Identity;
  /** Column the instance is about ("" = total column or a table without columns). */
  slice: string;
  /** For rowSum: the row (metric). */
  metric?: string;
  holds: boolean;
  /** Left side and right side as computed, for the message. */
  lhs: number;
  rhs: number;
  /** The cells involved, as [metric, slice, value]. */
  cells: [string, string, number][];
}

const EPS = 1e-6;

/**
 * One instance of an identity over a table (a sum in one column, a row's total…): the cells it may
 * read, and its outcome from a getter — undefined when it does not apply to what the table holds
 * (it applies only when all its cells are present and not blank: blank is not 0). The solver
 * scores each instance only when a choice among the cells it reads changes; the checks list the
 * cells (`withCells`) of those that fail.
 *
 *   instancesOf(identitiesOf("gbf2021"), { slices: ["", "natural_person", …], metrics: [...] })
 */
export interface Instance {
  reads: readonly (readonly [string, string])[];
  run(get: Getter, withCells: boolean): Outcome | undefined;
}

/** Instances made for a table's shape, kept: a report's tables come in a few shapes, read again and again. */
const MADE = new Map<string, Instance[]>();
/** Each identity object's number, for MADE's keys (ids are names, several identities share one). */
const NUMBER = new WeakMap<Identity, number>();
let nextNumber = 0;
function numberOf(i: Identity): number {
  let n = NUMBER.get(i);
  if (n === undefined) NUMBER.set(i, (n = nextNumber++));
  return n;
}

/** Every instance of the identities over a table's columns and rows (evaluate runs them all). */
export function instancesOf(identities: readonly Identity[], scope: { slices: readonly string[]; metrics: readonly string[] }): Instance[] {
  const key = `${identities.map(numberOf).join(",")}\u0002${scope.slices.join("\u0001")}\u0002${scope.metrics.join("\u0001")}`;
  const made = MADE.get(key);
  if (made) return made;
  const out = makeInstances(identities, scope);
  if (MADE.size >= 256) MADE.delete(MADE.keys().next().value!);
  MADE.set(key, out);
  return out;
}

function makeInstances(identities: readonly Identity[], scope: { slices: readonly string[]; metrics: readonly string[] }): Instance[] {
  const out: Instance[] = [];
  const val = (get: Getter, m: string, s: string) => {
    const v = get(m, s);
    return typeof v === "number" ? v : undefined;
  };
  /** Every one of `metrics` is in the table (a blank too). */
  const printsAll = (get: Getter, metrics: readonly string[], s: string) => {
    for (const m of metrics) if (get(m, s) === undefined) return false;
    return true;
  };
  /** The sum of `metrics`' numbers, in order; undefined when one has none. */
  const sumOf = (get: Getter, metrics: readonly string[], s: string) => {
    let sum = 0;
    for (const m of metrics) {
      const v = val(get, m, s);
      if (v === undefined) return undefined;
      sum += v;
    }
    return sum;
  };
  for (const id of identities) {
    switch (id.kind) {
      case "sum": {
        for (const slice of id.perSlice ? scope.slices : [""]) {
          const reads: [string, string][] = [[id.total, slice]];
          for (const v of id.variants) for (const p of v) reads.push([p, slice]);
          out.push({
            reads,
            run(get, withCells) {
              const total = val(get, id.total, slice);
              if (total === undefined) return undefined;
              // The fullest variant whose parts the table prints, all of them (of the fullest, the
              // first listed). Loops, not arrays: the solver runs an instance for each reading it
              // weighs, thousands of times a report.
              let variant: readonly string[] | undefined;
              for (const v of id.variants) if (v.length > 0 && (!variant || v.length > variant.length) && printsAll(get, v, slice)) variant = v;
              if (!variant) return undefined;
              let rhs = 0;
              for (const p of variant) {
                const v = val(get, p, slice);
                if (v === undefined) return undefined;
                rhs += v;
              }
              return {
                identity: id,
                slice,
                holds: Math.abs(total - rhs) < EPS,
                lhs: total,
                rhs,
                cells: withCells ? [[id.total, slice, total], ...variant.map((p) => [p, slice, val(get, p, slice)!] as [string, string, number])] : [],
              };
            },
          });
        }
        break;
      }
      case "balance": {
        for (const slice of scope.slices) {
          out.push({
            reads: [...id.plus, ...id.minus].map((m) => [m, slice] as const),
            run(get, withCells) {
              const lhs = sumOf(get, id.plus, slice);
              const rhs = lhs === undefined ? undefined : sumOf(get, id.minus, slice);
              if (lhs === undefined || rhs === undefined) return undefined;
              const cells = withCells ? [...id.plus, ...id.minus].map((m) => [m, slice, val(get, m, slice)!] as [string, string, number]) : [];
              return { identity: id, slice, holds: Math.abs(lhs - rhs) < EPS, lhs, rhs, cells };
            },
          });
        }
        break;
      }
      case "rowSum": {
        for (const metric of scope.metrics) {
          out.push({
            reads: [[metric, ""], ...id.parts.map((s) => [metric, s] as const)],
            run(get, withCells) {
              const total = val(get, metric, "");
              if (total === undefined) return undefined;
              // Every part printed (a blank cell counts 0), and not all of them blank.
              let rhs = 0;
              let printed = false;
              for (const s of id.parts) {
                const v = get(metric, s);
                if (v === undefined) return undefined;
                if (v !== null) printed = true;
                rhs += v ?? 0;
              }
              if (!printed) return undefined;
              return {
                identity: id,
                slice: "",
                metric,
                holds: Math.abs(total - rhs) < EPS,
                lhs: total,
                rhs,
                cells: withCells ? [[metric, "", total], ...id.parts.map((s) => [metric, s, get(metric, s) ?? 0] as [string, string, number])] : [],
              };
            },
          });
        }
        break;
      }
      case "atMost": {
        if (id.large[1] !== "*" && id.large[1] !== "" && !scope.slices.includes(id.large[1])) break;
        const metrics = id.small[0] === "*" ? scope.metrics : [id.small[0]];
        const slices = id.small[1] === "*" ? scope.slices : [id.small[1]];
        for (const m of metrics) {
          for (const s of slices) {
            const lm = id.large[0] === "*" ? m : id.large[0];
            const ls = id.large[1] === "*" ? s : id.large[1];
            out.push({
              reads: [
                [m, s],
                [lm, ls],
              ],
              run(get, withCells) {
                const a = val(get, m, s);
                const b = val(get, lm, ls);
                if (a === undefined || b === undefined) return undefined;
                return {
                  identity: id,
                  slice: s,
                  metric: m,
                  holds: a <= b + EPS,
                  lhs: a,
                  rhs: b,
                  cells: withCells
                    ? [
                        [m, s, a],
                        [lm, ls, b],
                      ]
                    : [],
                };
              },
            });
          }
        }
        break;
      }
    }
  }
  return out;
}

/** Is this instance a hard rule (printed on the form), or only true of real data? */
export function isSoft(o: Outcome): boolean {
  return o.identity.kind === "atMost" && o.identity.soft;
}
