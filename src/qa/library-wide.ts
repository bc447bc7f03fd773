// Questions over the whole library (or a county, city or province named): rankings grouped by
// year, 哪些…有, totals (一共, 合计), the reports that contradict themselves, the list of reports.
// Rankings read the in-memory key figures; only the rows shown load their records.

import { CONFLICT_CODES, type ReportEntry } from "../catalog.js";
import type { Answer, AnswerItem, Report } from "../domain.js";
import { metricDef } from "../parse/metrics.js";
import type { ParsedQuestion, RegionMention } from "../parse/question.js";
import { levelAsked } from "../parse/question-intent.js";
import { RATE_ASKED, rateOf, resolveMetric, shareWhole } from "./figures.js";
import { fmtValue, item, labelFor, sourceLine, unsure, who } from "./render.js";
import type { AnswerDeps } from "./select.js";
import { asksOtherKind } from "./units.js";

/** The reports a library-wide question reads: every one with a year, or those inside the area named. */
export function scopeEntries(deps: AnswerDeps, area?: RegionMention): ReportEntry[] {
  const all = area ? area.keys.flatMap((k) => deps.catalog.forKey(k)) : deps.catalog.all();
  return all.filter((r) => r.year !== null);
}

/** A report's value of the asked metric: the in-memory key figure, or the record for a column slice. */
export function entryValue(pq: ParsedQuestion, deps: AnswerDeps): (e: ReportEntry) => number | undefined {
  const keyOf = (e: ReportEntry): number | undefined => {
    for (const m of pq.metricCandidates) if (m in e.key) return e.key[m];
    for (const alt of metricDef(pq.metricCandidates[0] ?? "")?.crosswalk ?? []) if (alt in e.key) return e.key[alt];
    return undefined;
  };
  return (e) => {
    if (!pq.slice) return keyOf(e);
    const r = deps.load(e.id);
    const f = r ? resolveMetric(r, pq) : null;
    // A report without that column gives none (not its total: "自然人" had ranked 上海 2019's 859).
    if (!f || f.sliceMissing) return undefined;
    const fig = f.primary ?? f.narrative;
    return fig?.value ?? undefined;
  };
}

/** Years shown, newest first, when a library-wide answer is grouped by year. */
export const MAX_YEARS = 8;

/**
 * A count of another kind than the metric's asked (粉丝, while 政务微博 counts posts in 条): no ranking
 * or sum of the metric answers it ("哪个地区的政务微博粉丝最多" had ranked the posts). The refusal, or
 * null when the kinds agree.
 */
function otherKind(pq: ParsedQuestion, base: Answer, act: "排列" | "相加"): Answer | null {
  const unit = metricDef(pq.metric ?? "")?.unit;
  if (!asksOtherKind(unit, pq.normalized)) return null;
  const what = pq.keywordSource
    .replace(/\s+/g, "")
    .replace(/(?:哪个|哪些|哪里|哪家|各)(?:地区|地方|地|单位|部门)?的?|最多|最少|最高|最低|排名|排行|一共|合计|总共|加起来|是|有|多少|几/g, "");
  return {
    ...base,
    kind: "none",
    text: `统计表没有“${what}”这一项（“${labelFor(pq.metric!, pq.slice)}”数的是${unit}），无法在各报告之间${act}。可以问某一份报告正文中的数字，例如“某地某年${what}多少”。`,
  };
}

/**
 * A ranking over the library (or the area named): the year asked, else every year held, each year
 * ranked on its own (a 2012 table and a 2024 one count different things). "哪些…有" lists every
 * report with more than nought. The counts said are the reports that have the figure.
 */
export function rank(pq: ParsedQuestion, deps: AnswerDeps, base: Answer, area?: RegionMention): Answer {
  const other = otherKind(pq, base, "排列");
  if (other) return other;
  const all = scopeEntries(deps, area);
  // 纠错率最高: ranked by each report's share, not by its count. The in-memory key figures give
  // every report's share (a column's needs the record); the rows shown are read again from their
  // records below, so what is said is the record's.
  const rated = RATE_ASKED.test(pq.normalized);
  const counted = entryValue(pq, deps);
  const keyShare = (e: ReportEntry): number | undefined => {
    const m = pq.metricCandidates.find((c) => c in e.key) ?? metricDef(pq.metricCandidates[0] ?? "")?.crosswalk?.find((c) => c in e.key);
    if (!m || pq.slice) return undefined;
    const of = shareWhole(m, undefined, (x) => e.key[x]);
    const part = e.key[m]!;
    return of && of.whole > 0 && part <= of.whole ? Math.round((part / of.whole) * 10000) / 100 : undefined;
  };
  const recordShare = (e: ReportEntry): number | undefined => {
    const r = deps.load(e.id);
    const found = r ? resolveMetric(r, pq) : null;
    const f = found?.primary ?? found?.narrative;
    return (r && f ? rateOf(r, f, pq) : null)?.item?.value ?? undefined;
  };
  const valueOf = rated ? (pq.slice ? recordShare : keyShare) : counted;
  const label = `${labelFor(pq.metric!, pq.slice)}${rated ? "的比例" : ""}`;
  const rows: { e: ReportEntry; v: number }[] = [];
  // 哪个部门…最多: the departments ranked, not the governments above them.
  const level = levelAsked(pq.normalized);
  for (const e of all) {
    if (pq.years.length && !pq.years.includes(e.year!)) continue;
    if (level && e.level !== level.level) continue;
    const v = valueOf(e);
    if (v !== undefined) rows.push({ e, v });
  }
  const where = area ? area.area!.name : "";
  const kind = level ? `${level.name}的` : "";
  if (rows.length === 0) {
    const yearText = pq.years.map((y) => `${y}年`).join("、");
    return {
      ...base,
      text: pq.years.length ? `${where}${yearText}没有${kind}报告含有“${label}”这一项。` : `${where}没有任何${kind}报告含有“${label}”这一项。`,
    };
  }
  const order = pq.rank?.order ?? "desc";
  const byYear = new Map<number, { e: ReportEntry; v: number }[]>();
  for (const row of rows) {
    const list = byYear.get(row.e.year!) ?? [];
    list.push(row);
    byYear.set(row.e.year!, list);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const shown = years.slice(0, MAX_YEARS);
  const which = pq.rank?.which === true;
  const top = pq.rank?.top ?? (years.length > 1 ? 3 : 10);
  const items: AnswerItem[] = [];
  const blocks: string[] = [];
  for (const y of shown) {
    let list = byYear.get(y)!;
    list.sort((a, b) => (order === "desc" ? b.v - a.v : a.v - b.v));
    const held = list.length;
    if (which) list = list.filter((x) => x.v > 0);
    // Shares ranked by the key figures: the first few read again from their records, in that order.
    if (rated && !pq.slice) {
      const exact = (x: { e: ReportEntry }) => ({ e: x.e, v: recordShare(x.e) });
      list = list
        .slice(0, Math.max(3 * top, top + 10))
        .map(exact)
        .filter((x): x is { e: ReportEntry; v: number } => x.v !== undefined)
        .sort((a, b) => (order === "desc" ? b.v - a.v : a.v - b.v));
    }
    const lines: string[] = [];
    for (const row of list.slice(0, which ? 30 : top)) {
      const r = deps.load(row.e.id);
      const found = r ? resolveMetric(r, pq) : null;
      const f = found?.primary ?? found?.narrative;
      if (!r || !f) continue;
      const share = rated ? rateOf(r, f, pq)?.item : undefined;
      items.push(share ?? item(r, f));
      lines.push(`${lines.length + 1}. ${r.org}（${r.year}年）${share ? `${share.value}%（${share.note}）` : fmtValue(f)}${unsure(f)}${sourceLine(f)}`);
    }
    const head = which
      ? `${where}${y}年${kind}${label}不为0的（${held}份报告有此项，${list.length}份不为0）：`
      : `${where}${y}年${kind}${label}${order === "desc" ? "从多到少" : "从少到多"}（共${held}份报告有此项）：`;
    blocks.push(lines.length ? `${head}\n${lines.join("\n")}` : `${head}无`);
  }
  const more =
    years.length > shown.length
      ? `\n（另有${years
          .slice(shown.length)
          .map((y) => `${y}年`)
          .join("、")}的报告有此项，未列出。）`
      : "";
  const note =
    rows.length === 1
      ? `\n（库中只有这一份报告有此项数据。）`
      : years.length > 1
        ? `\n（共${rows.length}份报告有此项，分布在${years.length}个年度；各年分开排列。）`
        : "";
  return { ...base, kind: items.length ? "rank" : "none", answers: items, text: `${blocks.join("\n\n")}${more}${note}` };
}

/**
 * "2019年全部地区行政复议一共多少件": the sum of the asked figure over the reports of each year (or of
 * the area named), with its parts. Reports of a city and of its counties may count the same cases:
 * the reply says it is a sum of reports.
 */
export function total(pq: ParsedQuestion, deps: AnswerDeps, base: Answer, area?: RegionMention): Answer {
  const other = otherKind(pq, base, "相加");
  if (other) return other;
  const valueOf = entryValue(pq, deps);
  const label = labelFor(pq.metric!, pq.slice);
  const byYear = new Map<number, { e: ReportEntry; v: number }[]>();
  for (const e of scopeEntries(deps, area)) {
    if (pq.years.length && !pq.years.includes(e.year!)) continue;
    const v = valueOf(e);
    if (v === undefined) continue;
    const list = byYear.get(e.year!) ?? [];
    list.push({ e, v });
    byYear.set(e.year!, list);
  }
  const where = area ? area.area!.name : "库中";
  if (byYear.size === 0) return { ...base, text: `${where}${pq.years.map((y) => `${y}年`).join("、")}没有报告含有“${label}”这一项。` };
  const items: AnswerItem[] = [];
  const lines: string[] = [];
  for (const y of [...byYear.keys()].sort((a, b) => b - a).slice(0, MAX_YEARS)) {
    const list = byYear.get(y)!.sort((a, b) => b.v - a.v);
    const sum = Math.round(list.reduce((n, x) => n + x.v, 0) * 1e4) / 1e4;
    const unit = metricDef(pq.metric!)?.unit ?? "";
    const parts = list.map((x) => `${x.e.org} ${x.v}`);
    items.push({
      reportId: "",
      org: `${where}${list.length}份报告`,
      region: area?.area?.name ?? "全部地区",
      year: y,
      metric: pq.metric!,
      label: `${label}（${list.length}份报告合计）`,
      value: sum,
      unit,
      source: "derived",
      certain: true,
      note: parts.join(" + "),
      evidence: parts.join(" + "),
      line: 0,
    });
    lines.push(
      `${y}年${where}${list.length}份报告的${label}合计：${sum}${unit}（${parts.slice(0, 20).join(" + ")}${parts.length > 20 ? ` + …另${parts.length - 20}份` : ""}）`,
    );
  }
  lines.push("（各报告所列数字之和；市、县报告可能统计到同一批案件。）");
  return { ...base, kind: "value", answers: items, text: lines.join("\n") };
}

/** "哪些报告的数据有矛盾": the reports (of the body or year named) whose figures contradict each other. */
export function conflicts(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  let entries = pq.mentions.length
    ? [...new Set(pq.mentions.flatMap((m) => (m.areaOnly ? m.keys : [m.keys[0]!])))].flatMap((k) => deps.catalog.forKey(k))
    : deps.catalog.all();
  if (pq.years.length) entries = entries.filter((e) => e.year !== null && pq.years.includes(e.year));
  const found: { r: Report; messages: string[] }[] = [];
  for (const e of entries) {
    if (e.warningCount === 0 || e.conflictCount === 0) continue;
    const r = deps.load(e.id);
    const messages = r?.warnings.filter((w) => CONFLICT_CODES.has(w.code)).map((w) => w.message) ?? [];
    if (r && messages.length) found.push({ r, messages });
  }
  found.sort((a, b) => (b.r.year ?? 0) - (a.r.year ?? 0) || a.r.org.localeCompare(b.r.org, "zh-CN"));
  if (entries.length === 0) {
    // No report to check: say whose and which years are missing, not "0份报告中没有发现矛盾".
    const whose = pq.mentions.map((m) => deps.catalog.labelOf(m.keys[0]!)).join("、");
    return { ...base, text: `没有${whose}${pq.years.map((y) => `${y}年`).join("、")}的报告，无从核对。` };
  }
  if (found.length === 0) return { ...base, text: `${entries.length}份报告中没有发现数据矛盾（勾稽关系和表文一致性均已核对）。` };
  const lines = found
    .slice(0, 30)
    .map((x, i) => `${i + 1}. ${who(x.r)}：${x.messages.slice(0, 3).join("；")}${x.messages.length > 3 ? `；…另${x.messages.length - 3}处` : ""}`);
  const more = found.length > 30 ? `\n…另有${found.length - 30}份` : "";
  return {
    ...base,
    kind: "list",
    warnings: found.flatMap((x) => x.messages),
    text: `${entries.length}份报告中有${found.length}份数据有矛盾（分项之和与合计不符，或表格与正文不一致）：\n${lines.join("\n")}${more}`,
  };
}

export function listReports(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  // A county, city or province lists every body inside it (江苏省 → 淮安市, 淮安市洪泽区 …); a year
  // asked lists that year's reports only, a kind of body asked (县级, 部门) that kind's.
  const level = levelAsked(pq.normalized);
  const inYears = (e: ReportEntry) => (pq.years.length === 0 || (e.year !== null && pq.years.includes(e.year))) && (!level || e.level === level.level);
  const all = pq.mentions.length ? [...new Set(pq.mentions.flatMap((m) => m.area?.keys ?? [m.keys[0]!]))] : deps.catalog.keys();
  const keys = all.filter((k) => deps.catalog.forKey(k).some(inYears));
  const lines = keys
    .map((k) => {
      const years = [
        ...new Set(
          deps.catalog
            .forKey(k)
            .filter(inYears)
            .map((r) => r.year),
        ),
      ].sort();
      return `${deps.catalog.labelOf(k)}：${years.map((y) => (y === null ? "年份不明" : `${y}年`)).join("、")}`;
    })
    .sort();
  const count = keys.reduce((n, k) => n + deps.catalog.forKey(k).filter(inYears).length, 0);
  const areas = pq.mentions.filter((m) => m.area).map((m) => m.area!.name);
  const yearText = pq.years.map((y) => `${y}年`).join("、") + (level?.name ?? "");
  if (keys.length === 0) {
    const named = pq.mentions.map((m) => m.area?.name ?? deps.catalog.labelOf(m.keys[0]!));
    const held = all.flatMap((k) => deps.catalog.forKey(k).map((e) => e.year)).filter((y): y is number => y !== null);
    const have = [...new Set(held)]
      .sort()
      .map((y) => `${y}年`)
      .join("、");
    return { ...base, text: `没有${named.join("、")}${yearText}的报告。${have ? `现有：${have}。` : ""}` };
  }
  const head = pq.mentions.length
    ? `${areas.length ? `${areas.join("、")}：` : ""}${yearText}共${count}份报告${keys.length > 1 ? `，${keys.length}个机关或地区` : ""}：`
    : pq.years.length || level
      ? `库中${yearText}共${count}份报告，${keys.length}个${level ? "机关或地区" : "地区"}：`
      : `库中共${deps.catalog.size}份报告，${keys.length}个地区：`;
  return { ...base, kind: "list", text: `${head}\n${lines.slice(0, 100).join("\n")}${lines.length > 100 ? `\n…另有${lines.length - 100}个地区` : ""}` };
}
