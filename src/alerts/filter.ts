// What a subscription asks for, as a typed filter: where (areas of the gazetteer, held bodies, a
// level), what (conditions on figures, failed checks, words of the text). Parsed from what follows
// /subscribe, echoed back in words, matched against a report's subject (subject.ts).
//
//   parseFilter("江苏省 行政复议>=10", ctx) → { places: [江苏省 (province)], conditions: [review.total >= 10], … }
//   describeFilter(that) → "江苏省（含省内各地）的报告，行政复议 ≥ 10件"
import { z } from "zod";
import { parentsOf } from "../parse/checks.js";
import { type DivisionLevel, lookupStem, resolveRegion } from "../parse/gazetteer.js";
import { metricLabel } from "../parse/metrics.js";
import { matchMetrics } from "../parse/question-metric.js";

export const PlaceSchema = z.object({
  /** A division of the gazetteer (covers every body inside it), or a held body the gazetteer lacks (平潭综合实验区). */
  kind: z.enum(["area", "body"]),
  /** 江苏省, 淮安市, 洪泽区, 小板桥街道; for a body, its name as held. */
  name: z.string(),
  level: z.enum(["province", "city", "county", "township", "body"]),
  /** The city (county for a township) it lies in, telling homonyms apart (西湖区 of 杭州市). */
  within: z.string().optional(),
});
export type Place = z.infer<typeof PlaceSchema>;

export const LEVEL_FILTERS = ["government", "department", "township"] as const;
export type LevelFilter = (typeof LEVEL_FILTERS)[number];

export const OPS = [">", ">=", "<", "<=", "="] as const;
export type Op = (typeof OPS)[number];

export const ConditionSchema = z.object({
  /** Registry metric id (review.total). */
  metric: z.string(),
  /** The metric over its parent total, in percent (纠错率: review.corrected / review.total). */
  rate: z.boolean(),
  op: z.enum(OPS),
  value: z.number(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const CHECKS = ["sum", "text", "any"] as const;
/** sum: 勾稽关系不符; text: 表格与正文不一致; any: either. */
export type Check = (typeof CHECKS)[number];

export const FilterSchema = z.object({
  places: z.array(PlaceSchema),
  levels: z.array(z.enum(LEVEL_FILTERS)),
  conditions: z.array(ConditionSchema),
  checks: z.array(z.enum(CHECKS)),
  /** Words as typed, each with its jieba tokens: a report matches when its text has every token. */
  words: z.array(z.object({ word: z.string(), tokens: z.array(z.string()) })),
});
export type Filter = z.infer<typeof FilterSchema>;

export const EMPTY_FILTER: Filter = { places: [], levels: [], conditions: [], checks: [], words: [] };

/** What a filter is matched against: one version of one report (built by subject.ts). */
export interface Subject {
  /** Names of the areas it lies in, by level (province, city, county, township). */
  province?: string;
  city?: string;
  county?: string;
  township?: string;
  /** Its body's names: region, full region, org (for bodies the gazetteer lacks). */
  bodyNames: ReadonlySet<string>;
  level: LevelFilter;
  /** Registry metric → the value a question gets first. */
  values: Readonly<Record<string, number>>;
  /** Warning codes of the report. */
  warnings: ReadonlySet<string>;
  /** jieba tokens of the report's title and text. */
  tokens: ReadonlySet<string>;
}

/** The value a condition compares: the figure, or the rate over its parent in percent; null when unknown. */
export function conditionValue(c: Pick<Condition, "metric" | "rate">, values: Readonly<Record<string, number>>): number | null {
  const v = values[c.metric];
  if (v === undefined) return null;
  if (!c.rate) return v;
  for (const p of parentsOf(c.metric)) {
    const total = values[p];
    if (total) return Math.round((v / total) * 10000) / 100;
  }
  return null;
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "=":
      return a === b;
  }
}

export function placeCovers(p: Place, s: Subject): boolean {
  switch (p.level) {
    case "province":
      return s.province === p.name;
    case "city":
      return s.city === p.name;
    case "county":
      return s.county === p.name && (!p.within || s.city === p.within);
    case "township":
      return s.township === p.name && (!p.within || s.county === p.within);
    case "body":
      return s.bodyNames.has(p.name);
  }
}

/** Where: any place (none = everywhere) and any level (none = every level). */
export function matchesWhere(f: Filter, s: Subject): boolean {
  return (f.places.length === 0 || f.places.some((p) => placeCovers(p, s))) && (f.levels.length === 0 || f.levels.includes(s.level));
}

/** What: every condition, check and word. A figure the report does not hold fails its condition. */
export function matchesWhat(f: Filter, s: Subject): boolean {
  for (const c of f.conditions) {
    const v = conditionValue(c, s.values);
    if (v === null || !compare(v, c.op, c.value)) return false;
  }
  for (const c of f.checks) {
    const sum = s.warnings.has("SUM_MISMATCH") || s.warnings.has("BALANCE_MISMATCH");
    const text = s.warnings.has("TABLE_NARRATIVE_MISMATCH");
    if (c === "sum" ? !sum : c === "text" ? !text : !(sum || text)) return false;
  }
  for (const w of f.words) if (!w.tokens.every((t) => s.tokens.has(t))) return false;
  return true;
}

export function matchesFilter(f: Filter, s: Subject): boolean {
  return matchesWhere(f, s) && matchesWhat(f, s);
}

/** A filter about a report's content: a missing report cannot match it (deadlines skip it). */
export function asksContent(f: Filter): boolean {
  return f.conditions.length > 0 || f.checks.length > 0 || f.words.length > 0;
}

// ── in words ─────────────────────────────────────────────────────────────────────────────────────

const OP_TEXT: Record<Op, string> = { ">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=" };
const LEVEL_TEXT: Record<LevelFilter, string> = { government: "政府", department: "部门", township: "街道乡镇" };
const CHECK_TEXT: Record<Check, string> = { sum: "勾稽关系不符", text: "表格与正文不一致", any: "数据有矛盾（勾稽不符或表文不一致）" };
const COVER: Record<DivisionLevel, string> = { province: "含省内各地", city: "含市内各地", county: "含辖内街道乡镇和部门", township: "" };

export function describePlace(p: Place): string {
  const name = p.within ? `${p.within}${p.name}` : p.name;
  const cover = p.level === "body" ? "" : COVER[p.level];
  return cover ? `${name}（${cover}）` : name;
}

export function describeCondition(c: Condition): string {
  const label = metricLabel(c.metric);
  return c.rate ? `${label}占比 ${OP_TEXT[c.op]} ${c.value}%` : `${label} ${OP_TEXT[c.op]} ${c.value}`;
}

/** 江苏省（含省内各地）的政府报告，行政复议 ≥ 10，正文含“12345” */
export function describeFilter(f: Filter): string {
  const where = f.places.length ? f.places.map(describePlace).join("或") : "全部地区";
  const level = f.levels.length ? `的${f.levels.map((l) => LEVEL_TEXT[l]).join("、")}报告` : "的报告";
  const what = [...f.conditions.map(describeCondition), ...f.checks.map((c) => CHECK_TEXT[c]), ...f.words.map((w) => `正文含“${w.word}”`)];
  return `${where}${level}${what.length ? `，${what.join("，")}` : ""}`;
}

// ── parsing ──────────────────────────────────────────────────────────────────────────────────────

/** What parsing needs besides the text: jieba, and the bodies held (names the gazetteer lacks). */
export interface FilterContext {
  segment: (text: string) => string[];
  /** Names of held bodies: region, full region, org. */
  bodyNames: () => Iterable<string>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MODE_WORDS: [RegExp, "immediate" | "daily" | "weekly"][] = [
  [/^(?:立即|即时|实时|马上|immediate|instant)$/i, "immediate"],
  [/^(?:每日|每天|日报|每日摘要|daily)$/i, "daily"],
  [/^(?:每周|每星期|周报|每周摘要|weekly)$/i, "weekly"],
];
const CHECK_WORDS: [RegExp, Check][] = [
  [/^(?:勾稽|勾稽不符|勾稽关系不符|勾稽不一致|勾稽关系|合计不符|不平衡)$/, "sum"],
  [/^(?:表文不一致|表文不符|表文矛盾|表格与正文不一致|表格正文不一致)$/, "text"],
  [/^(?:矛盾|数据矛盾|数据有矛盾|有矛盾)$/, "any"],
];
const LEVEL_WORDS: [RegExp, LevelFilter][] = [
  [/^(?:政府|政府本级|人民政府|本级政府|政府报告)$/, "government"],
  [/^(?:部门|部门报告|政府部门)$/, "department"],
  [/^(?:街道乡镇|乡镇街道|街道|乡镇|乡镇街道报告)$/, "township"],
];
const ALL = /^(?:all|全部|所有|一切|全部报告)$/i;

/** ≥ ＞ 大于 … → the operator. */
const OP_WORDS: [RegExp, Op][] = [
  [/>=|≥|⩾|大于等于|不少于|不低于|至少/, ">="],
  [/<=|≤|⩽|小于等于|不多于|不超过|至多/, "<="],
  [/>|大于|超过|多于|高于/, ">"],
  [/<|小于|少于|低于/, "<"],
  [/==|=|等于/, "="],
];
const CONDITION = new RegExp(`^(.+?)(${OP_WORDS.map(([re]) => re.source).join("|")})(-?\\d+(?:\\.\\d+)?)(%|％|件|条|次|个)?$`);

/** A metric named in words: 行政复议 → review.total; 纠错率 → review.corrected as a rate. */
export function readMetric(words: string): { metric: string; rate: boolean } | null {
  const rate = /率|比例|占比|百分比/.test(words);
  let base = words.replace(/率|比例|占比|百分比|数量|总数|件数/g, "");
  if (/纠错|纠正/.test(base) && !/复议|诉讼/.test(base)) base = `复议${base}`;
  const top = matchMetrics(base)[0];
  return top ? { metric: top.id, rate } : null;
}

function readOp(s: string): Op {
  for (const [re, op] of OP_WORDS) if (new RegExp(`^(?:${re.source})$`).test(s)) return op;
  return "=";
}

/** A place name: a gazetteer division (a stem too: 江苏, 长寿), or a held body's name. */
export function readPlace(word: string, ctx: FilterContext): Parsed<Place> | null {
  const held = heldNames(ctx);
  const m = resolveRegion(word);
  if (m?.division) {
    const d = m.division;
    const within = d.level === "county" ? m.chain.city?.name : d.level === "township" ? m.chain.county?.name : undefined;
    // A parent written (杭州市西湖区) or needed (a homonym) is kept; otherwise the name alone.
    const needsParent = m.written.length > 1;
    return { ok: true, value: { kind: "area", name: d.name, level: d.level, ...(needsParent && within ? { within } : {}) } };
  }
  if (m?.ambiguous?.length) {
    // 西湖区: the one whose bodies are held, else ask for the city.
    const options = m.ambiguous.map((d) => ({ d, parent: d.parent?.name }));
    const heldOnes = options.filter((o) => o.parent && [...held].some((n) => n.startsWith(o.parent!) && n.includes(o.d.name)));
    if (heldOnes.length === 1) {
      const o = heldOnes[0]!;
      return { ok: true, value: { kind: "area", name: o.d.name, level: o.d.level, within: o.parent! } };
    }
    return {
      ok: false,
      error: `“${word}”有好几处：${options.map((o) => `${o.parent ?? ""}${o.d.name}`).join("、")}，请写明是哪一个（例如 ${options[0]!.parent ?? ""}${options[0]!.d.name}）`,
    };
  }
  if (held.has(word)) return { ok: true, value: { kind: "body", name: word, level: "body" } };
  if (m && m.how === "zone") return { ok: true, value: { kind: "body", name: m.name, level: "body" } };
  // A stem: the highest level that has exactly one division of it (江苏 → 江苏省, 长寿 → 长寿区).
  const stems = lookupStem(word);
  for (const level of ["province", "city", "county"] as const) {
    const at = stems.filter((d) => d.level === level);
    if (at.length === 1) {
      const d = at[0]!;
      return { ok: true, value: { kind: "area", name: d.name, level } };
    }
    if (at.length > 1) break;
  }
  return null;
}

// The held bodies' names, once per context (a parse looks at several words).
const heldCache = new WeakMap<FilterContext, Set<string>>();
function heldNames(ctx: FilterContext): Set<string> {
  let set = heldCache.get(ctx);
  if (!set) heldCache.set(ctx, (set = new Set(ctx.bodyNames())));
  return set;
}

/** A place glued before a metric (江苏省行政复议 → 江苏省 + 行政复议): the longest such split. */
function leadingPlace(s: string, ctx: FilterContext): { place: Place; rest: string } | null {
  for (let n = Math.min(s.length - 2, 12); n >= 2; n--) {
    if (!readMetric(s.slice(n))) continue;
    const r = readPlace(s.slice(0, n), ctx);
    if (r?.ok) return { place: r.value, rest: s.slice(n) };
  }
  return null;
}

/**
 * The words after /subscribe → a filter and a mode, or what could not be read. Words are split at
 * spaces, commas and 、; a comparison is read as a condition (a place glued before it is split
 * off: 江苏省行政复议>=10); a word that is no place, level, check or mode is a word of the text.
 */
export function parseFilter(text: string, given: FilterContext): Parsed<{ filter: Filter; mode?: "immediate" | "daily" | "weekly" }> {
  const ctx: FilterContext = { ...given }; // its own cache of held names: bodies are added between two parses
  const norm = text.normalize("NFKC").replace(/[＞]/g, ">").replace(/[＜]/g, "<").replace(/[＝]/g, "=");
  // Glue an operator to its neighbours: "行政复议 >= 10" is one condition.
  const glued = norm
    .replace(/\s*(>=|<=|≥|≤|>|<|=|大于等于|小于等于|不少于|不低于|不多于|不超过|大于|小于|超过|多于|少于|高于|低于|等于)\s*(?=-?\d)/g, "$1")
    .replace(/(\d)\s+(%|件|条|次)/g, "$1$2");
  const parts = glued.split(/[\s,，、;；]+/).filter(Boolean);
  const filter: Filter = { places: [], levels: [], conditions: [], checks: [], words: [] };
  let mode: "immediate" | "daily" | "weekly" | undefined;
  for (const part of parts) {
    if (ALL.test(part)) continue;
    const modeHit = MODE_WORDS.find(([re]) => re.test(part));
    if (modeHit) {
      mode = modeHit[1];
      continue;
    }
    const check = CHECK_WORDS.find(([re]) => re.test(part));
    if (check) {
      if (!filter.checks.includes(check[1])) filter.checks.push(check[1]);
      continue;
    }
    const level = LEVEL_WORDS.find(([re]) => re.test(part));
    if (level) {
      if (!filter.levels.includes(level[1])) filter.levels.push(level[1]);
      continue;
    }
    const cond = CONDITION.exec(part);
    if (cond) {
      let left = cond[1]!;
      const lead = leadingPlace(left, ctx);
      if (lead) {
        filter.places.push(lead.place);
        left = lead.rest;
      }
      const metric = readMetric(left);
      if (!metric) return { ok: false, error: `看不懂“${left}”是哪项数字（可以写 行政复议、行政诉讼、收到申请、主动公开、复议纠错率 等）` };
      const rate = metric.rate || /[%％]/.test(cond[4] ?? "");
      filter.conditions.push({ metric: metric.metric, rate, op: readOp(cond[2]!), value: Number(cond[3]) });
      continue;
    }
    const explicitWord = /^(?:关键词|关键字|keyword|kw|词)[:：](.+)$/i.exec(part);
    const place = explicitWord ? null : readPlace(part.replace(/^(?:地区|省份|region|province)[:：]/i, ""), ctx);
    if (place && !place.ok) return place;
    if (place?.ok) {
      filter.places.push(place.value);
      continue;
    }
    const word = explicitWord ? explicitWord[1]! : part;
    if (Array.from(word).length > 30) return { ok: false, error: `“${word.slice(0, 30)}…”太长了（一个词最多 30 个字）` };
    const tokens = [...new Set(ctx.segment(word))];
    if (tokens.length === 0) return { ok: false, error: `“${word}”里没有可以检索的词` };
    filter.words.push({ word, tokens });
  }
  return { ok: true, value: { filter, ...(mode ? { mode } : {}) } };
}
