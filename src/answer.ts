// answer(question) → Answer: figures first (with org, year, unit, the line they were read from and
// the record's warnings about them), full-text passages otherwise. Never another region or year
// silently, never an invented number: what is missing is said, with what exists instead.

import { levelRank, type ReportEntry, regionKey } from "./catalog.js";
import { type Answer, type AnswerItem, COMBINED_METRICS, type Figure, type Hit, type QueryContext, type Report, type Section } from "./domain.js";
import { proseAgrees } from "./parse/checks.js";
import { APPLICANT_KEYS, childrenOf, metricDef, metricLabel, sliceLabel } from "./parse/metrics.js";
import { COUNT_UNITS, PROSE_UNITS, unitAlternation } from "./parse/numbers.js";
import { SUB_UNIT } from "./parse/phrases.js";
import { METRICS_COMPARED, type ParsedQuestion, type ProblemsAspect, parseQuestion, type RegionMention } from "./parse/question.js";
import { contactAsked } from "./parse/question-contact.js";
import { ASKS_TOTAL, insideKind } from "./parse/question-intent.js";
import { matchMetrics } from "./parse/question-metric.js";
import { AGAINST_PREVIOUS } from "./parse/question-years.js";
import { SPARSE_NOTE } from "./parse/table-read.js";
import { aboutReport } from "./qa/about.js";
import { bestSentence, type ClauseAnswer, coverage, rarestWord } from "./qa/clause-match.js";
import { acrossYears, type Found, findFigures, printedParts, proseOf, rateOf, resolveMetric, resolveSlice, summed, tableFigure } from "./qa/figures.js";
import { completeFollowUp, contextOf } from "./qa/followup.js";
import { conflicts, listReports, rank, total } from "./qa/library-wide.js";
import { problemsPart } from "./qa/problems.js";
import { bestQuantity, betterRow, clauseOverFigure, figureCoverage, type ProseQuery, printedRow, restates } from "./qa/prose-answer.js";
import { fmtValue, hitsText, item, labelFor, numbered, shortLabel, sourceLine, TEMPLATE_NAME, toHit, unsure, unsureOf, warningsFor, who } from "./qa/render.js";
import { inReportScript } from "./qa/script.js";
import { type AnswerDeps, narrowByAnswer, narrowByReports, pickReport } from "./qa/select.js";
import { asksOtherKind, unitAgreement } from "./qa/units.js";

export { answerFigure, keyFigures } from "./qa/figures.js";
export { highlight } from "./qa/render.js";
export type { AnswerDeps };

const HELP =
  "我可以回答政府信息公开工作年度报告里的数字和内容，例如：\n· 长寿区2018年行政复议多少件\n· 蚌埠市2019年市直单位行政复议多少件\n· 长寿区和小板桥街道2018年行政诉讼对比\n· 2019年哪个地区行政处罚最多\n· 资阳区2020年存在哪些问题\n· 有哪些报告";

/**
 * Answer one question. Pure given its deps; never throws on any input. With the conversation's
 * last question (`context`), a fragment (那2019年呢, 行政诉讼呢) is read as that question changed;
 * the answer carries what it asked for the next one.
 */
export function answer(question: string, deps: AnswerDeps, context?: QueryContext): Answer {
  const text = String(question ?? "");
  const lexicon = deps.catalog.lexicon();
  let pq = parseQuestion(text, lexicon);
  // A name of its own, even one typed a character off (长受区), is no follow-up of the last body.
  const completed = context && !pq.didYouMean ? completeFollowUp(pq, context) : null;
  if (completed) pq = parseQuestion(completed, lexicon);
  const reply = answerParsed(pq, text, deps);
  const next = contextOf(pq, (k) => deps.catalog.labelOf(k)) ?? context;
  return {
    ...reply,
    ...(completed ? { understoodAs: completed, text: `（接上文，按“${completed}”理解。）\n${reply.text}` } : {}),
    ...(next ? { context: next } : {}),
  };
}

function answerParsed(pq: ParsedQuestion, text: string, deps: AnswerDeps): Answer {
  const base: Answer = { question: text, kind: "none", answers: [], hits: [], warnings: [], text: "" };
  if (!pq.normalized.replace(/[^\p{L}\p{N}]/gu, "")) {
    return { ...base, text: "请输入一个问题，例如：长寿区2018年行政复议多少件？" };
  }
  if (deps.catalog.size === 0) return { ...base, text: "还没有导入任何报告。" };
  // A word the report itself prints is typed right, however close to a template word (政务短信 is no
  // 政务微信 mistyped where the report says "推送政务短信5286条").
  if (pq.understood && reportsPrint(pq, deps, pq.understood.typed)) pq = asTyped(pq, deps);

  narrowByReports(pq, deps);
  const chosen = narrowByAnswer(pq, deps);
  const ambiguous = pq.mentions.find((m) => m.keys.length > 1 && !m.areaOnly);
  if (ambiguous) {
    const choices = ambiguous.keys.map((k) => deps.catalog.labelOf(k));
    return {
      ...base,
      choices,
      choiceFor: ambiguous.text,
      text: `“${ambiguous.text}”有${choices.length}个：${choices.join("、")}。请写明是哪一个，例如“${choices[0]}${pq.years[0] ?? ""}${pq.years.length ? "年" : ""}…”。`,
    };
  }
  // A held name one character away from what was typed (长受区 → 长寿区): asked back, with the names as
  // choices — unless it is one name only, and reading it so leaves a single body that can answer the year and the
  // figure asked (平谭2016年… → 平潭综合实验区, the only 平潭 with a 2016 report): that answers, saying so.
  if (pq.didYouMean && pq.mentions.length === 0) {
    const { typed, names } = pq.didYouMean;
    const readings = names.flatMap((n) => {
      const again = parseQuestion(pq.normalized.replace(typed, n), deps.catalog.lexicon());
      if (again.didYouMean || again.mentions.length !== 1 || again.mentions[0]!.areaOnly) return [];
      narrowByReports(again, deps);
      const note = narrowByAnswer(again, deps);
      return again.mentions[0]!.keys.length === 1 ? [{ name: n, again, note }] : [];
    });
    if (names.length === 1 && readings.length === 1 && pq.years.length > 0) {
      const { name, again, note } = readings[0]!;
      const reply = dispatch(again, deps, base);
      if (reply.answers.length > 0) return { ...reply, text: `（“${typed}”按“${name}”理解。）\n${note ? `${note}\n` : ""}${reply.text}` };
    }
    const shown = names.map((n) => labelOfName(n, deps));
    return {
      ...base,
      choices: names,
      choiceFor: typed,
      text: `没有“${typed}”的报告。您是不是要找${names.length === 1 ? `“${names[0]}”（${shown[0]}）` : `：${names.map((n, i) => `“${n}”（${shown[i]}）`).join("、")}`}？`,
    };
  }
  // No region held by that name, or one typed with a city that rules the held one out (杭州市西湖区).
  if (pq.unknownRegions.length > 0) {
    const held = deps.catalog
      .keys()
      .slice(0, 12)
      .map((k) => deps.catalog.labelOf(k));
    return { ...base, text: `没有“${pq.unknownRegions[0]}”的报告。现有地区：${held.join("、")}${deps.catalog.keys().length > 12 ? " 等" : ""}。` };
  }

  let dispatched = dispatch(pq, deps, base);
  // A word read as the registry's word one character off that the report does not state: the words
  // as typed may be the prose's own. A fix that finds nothing is none.
  let understood = pq.understood;
  if (understood && dispatched.answers.length === 0) {
    const typed = asTyped(pq, deps);
    narrowByReports(typed, deps);
    narrowByAnswer(typed, deps);
    const plain = dispatch(typed, deps, base);
    if (plain.answers.length > 0) {
      dispatched = plain;
      understood = undefined;
    }
  }
  let reply = chosen && !dispatched.choices ? { ...dispatched, text: `${chosen}\n${dispatched.text}` } : dispatched;
  // A word typed with one character wrong was read as the registry's word: say so.
  if (understood && reply.text) reply = { ...reply, text: `（“${understood.typed}”按“${understood.word}”理解。）\n${reply.text}` };
  // 去年 is read against the newest statistics year held, not the calendar: say which years that was.
  if (pq.relativeYears && pq.years.length && reply.text && !reply.choices) {
    const ys = pq.years.length === 1 ? `${pq.years[0]}年` : `${pq.years[0]}—${pq.years[pq.years.length - 1]}年`;
    return { ...reply, text: `${reply.text}\n（“${pq.relativeYears.word}”按库中最新的${pq.relativeYears.newest}年度报告推算为${ys}。）` };
  }
  return reply;
}

/** What a name typed stands for, for the reply: the body's label, or the area's name. */
function labelOfName(name: string, deps: AnswerDeps): string {
  const pq = parseQuestion(name, deps.catalog.lexicon());
  const m = pq.mentions[0];
  if (!m) return name;
  if (m.areaOnly) return `${m.area!.name}内${m.keys.length}个机关或地区`;
  return m.keys.map((k) => deps.catalog.labelOf(k)).join("或");
}

/**
 * The bodies inside the one named ranked (平潭综合实验区各部门, 淮安市各区县): the reports held under it,
 * its own report left out (its figure is the sum of theirs, or its own office's). None held under
 * it: said, with the body's own figure.
 */
function rankWithin(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  const m = pq.mentions[0]!;
  const own = new Set(m.keys);
  // The kind asked: 各乡镇 are towns, 各区县 county governments, 各部门 the departments; 各单位 any.
  const kind = insideKind(pq.normalized);
  const inside = (m.area?.keys ?? []).filter((k) => !own.has(k) && (!kind || deps.catalog.forKey(k).some((e) => kind.org.test(e.org))));
  const name = m.area?.name ?? deps.catalog.labelOf(m.keys[0]!);
  if (inside.length === 0) {
    const alone = value({ ...pq, intent: "value" }, deps, base);
    return { ...alone, text: `库中没有${name}下属${kind?.name ?? "机关或地区"}的报告，无从排列。\n${alone.text}` };
  }
  const ranked = rank(pq, deps, base, { ...m, keys: inside, areaOnly: true, area: { name, keys: inside } });
  return { ...ranked, text: `${name}内各机关或地区（不含${name}本级的报告）：\n${ranked.text}` };
}

function dispatch(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  // A province or city no body of which is its own (江苏省): a question over the bodies inside it.
  const area = pq.mentions.length === 1 && pq.mentions[0]!.areaOnly ? pq.mentions[0]! : undefined;
  if (area && pq.metric && pq.intent !== "list" && pq.intent !== "total") {
    const ranked = rank(pq, deps, base, area);
    return { ...ranked, text: `没有${area.area!.name}本级的报告，以下为库中${area.area!.name}内各报告：\n${ranked.text}` };
  }
  // About the report itself (发布日期, 编制单位, 统计期限): its record says, not its words searched.
  if (pq.about.length > 0 && pq.mentions.length >= 1 && pq.intent !== "list") return aboutReport(pq, deps, base);
  // 原文在哪 of no report named: which one is asked back (its words searched had found nothing).
  if (pq.about.includes("original") && pq.mentions.length === 0) return { ...base, text: "请写明是哪份报告的原文，例如“长寿区2018年的报告原文在哪”。" };
  switch (pq.intent) {
    case "total":
      return total(pq, deps, base, area);
    case "conflicts":
      return conflicts(pq, deps, base);
    case "list":
      return listReports(pq, deps, base);
    case "rank":
      return pq.rank?.within ? rankWithin(pq, deps, base) : rank(pq, deps, base);
    case "compare":
      // Years compared with no body named ("2024年和2023年收到的申请对比"): over the library, as a
      // value or trend asked so is (it had thrown: compare takes its body from the first mention).
      return pq.mentions.length === 0 ? rank(pq, deps, base) : compare(pq, deps, base);
    case "trend":
      return trend(pq, deps, base);
    case "value":
    case "breakdown":
      return pq.mentions.length === 0 ? rank(pq, deps, base) : uncountedApplicants(pq, value(pq, deps, base), deps);
    default:
      // A number no registry metric names (专栏访问量, 各乡镇主动公开): from the prose of those reports.
      if (pq.mentions.length >= 1 && pq.asksQuantity && !pq.asksProblems) {
        if (pq.mentions.length >= 2 || (pq.years.length >= 2 && /对比|比较|相比|差别|差异/.test(pq.normalized))) return compare(pq, deps, base);
        if (pq.years.length >= 2 || pq.asksTrend) return trend(pq, deps, base);
        return proseValue(pq, deps, base);
      }
      return search(pq, deps, base);
  }
}

/**
 * Applicants no form counts apart (外地人申请多少件): the report's whole is no answer for them. Said
 * so, and the whole given after as what the report does count — never as theirs (it had been
 * answered "收到政府信息公开申请数：70件", as if the 外地人 were all the applicants).
 *
 * Who brought a review or a lawsuit (行政复议申请人是谁) is no form's either: said so before the counts.
 */
function uncountedApplicants(pq: ParsedQuestion, whole: Answer, deps: AnswerDeps): Answer {
  const items = whole.answers;
  // Who brought a review or a lawsuit: the forms count the cases and their results, never who.
  const who = /是谁|哪些人|什么人|谁(?:申请|提起|起诉|告)|申请人(?:是|有)?(?:哪些|什么)/.test(pq.normalized);
  if (who && (whole.kind === "value" || whole.kind === "breakdown") && items.length > 0 && items.every((a) => /^(?:review|litigation)\./.test(a.metric))) {
    const a = items[0]!;
    return {
      ...whole,
      text: `${a.org}${a.year ? `${a.year}年` : ""}的报告没有写明由谁申请复议或提起诉讼：统计表只统计件数和结果。件数如下：\n${whole.text}`,
    };
  }
  if (!pq.uncounted || whole.kind !== "value" || items.length === 0 || !items.every((a) => a.metric.startsWith("requests."))) return whole;
  const a = items[0]!;
  const byKind = deps.load(a.reportId)?.figures.some((f) => f.slice !== undefined && APPLICANT_KEYS.includes(f.slice));
  const how = byKind ? "统计表只按申请人类别（自然人、法人或其他组织）统计" : "统计表不按申请人分列";
  return {
    ...whole,
    kind: "none",
    answers: [],
    text: `${a.org}${a.year ? `${a.year}年` : ""}的报告没有“${pq.uncounted}”申请人的数字：${how}。全部申请人的数字如下，仅供参考：\n${whole.text}`,
  };
}

/**
 * "行政复议和行政诉讼一共多少件": the metrics' first figures added up, when each part has one of the same
 * report and unit; said first, its parts after. Nothing when one is missing: a sum of some is no total.
 */
function sumAsked(pq: ParsedQuestion, parts: Answer[]): { item: AnswerItem; line: string } | null {
  if ((!ASKS_TOTAL.test(pq.normalized) && !/共(?:有)?(?:多少|几)/.test(pq.normalized)) || /历年累计/.test(pq.normalized)) return null;
  // Each asked with its own 多少 ("一共收到多少申请，答复了多少"): two questions, not one sum.
  if ((pq.normalized.match(/多少|几/g) ?? []).length >= 2) return null;
  const firsts = parts.map((p) => p.answers[0]);
  if (firsts.some((a) => !a || a.value === null || a.unit !== firsts[0]!.unit || a.reportId !== firsts[0]!.reportId)) return null;
  const list = firsts as AnswerItem[];
  const total = Math.round(list.reduce((s, a) => s + a.value!, 0) * 1e6) / 1e6;
  const names = list.map((a) => `${a.label} ${a.value}${a.unit}`).join(" + ");
  const a0 = list[0]!;
  const label = list.map((a) => a.label).join("与");
  return {
    item: { ...a0, metric: COMBINED_METRICS.sum, label: `${label}合计`, value: total, source: "derived", note: names, certain: list.every((a) => a.certain) },
    line: `${a0.org}${a0.year ?? ""}年${label}合计：${total}${a0.unit}${unsureOf(list)}（${names}）`,
  };
}

/** "当面申请比网络申请多多少": the first metric's figure less the second's, both of one report and unit. */
function differenceAsked(pq: ParsedQuestion, parts: Answer[]): { item: AnswerItem; line: string } | null {
  if (parts.length !== 2 || !METRICS_COMPARED.test(pq.normalized)) return null;
  const [a, b] = parts.map((p) => p.answers[0]);
  if (!a || !b || a.value === null || b.value === null || a.unit !== b.unit || a.reportId !== b.reportId) return null;
  const diff = Math.round((a.value - b.value) * 1e6) / 1e6;
  const how = diff === 0 ? "相同" : `${diff > 0 ? "多" : "少"} ${Math.abs(diff)}${a.unit}`;
  return {
    item: {
      ...a,
      metric: COMBINED_METRICS.difference,
      label: `${a.label}比${b.label}`,
      value: diff,
      source: "derived",
      note: `${a.value} − ${b.value}`,
      certain: a.certain && b.certain,
    },
    line: `${a.org}${a.year ?? ""}年${a.label}比${b.label}${how}${unsureOf([a, b])}（${a.value}${a.unit} − ${b.value}${b.unit}）`,
  };
}

/** Several answers to one question, in order, as one (a sum or difference asked first). */
function joined(base: Answer, parts: readonly Answer[], sum: { item: AnswerItem; line: string } | null): Answer {
  return {
    ...base,
    kind: parts.some((p) => p.answers.length) ? (parts[0]!.kind === "none" ? "value" : parts[0]!.kind) : "none",
    answers: [...(sum ? [sum.item] : []), ...parts.flatMap((p) => p.answers)],
    hits: parts.flatMap((p) => p.hits),
    warnings: [...new Set(parts.flatMap((p) => p.warnings))],
    text: [...(sum ? [sum.line] : []), ...parts.map((p) => p.text)].join("\n\n"),
  };
}

function value(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  if (pq.moreMetrics.length > 0) {
    // Several metrics in one question: one answer each, joined.
    const groups = [pq.metricCandidates, ...pq.moreMetrics];
    const clauses = clausesOf(
      pq.keywordSource,
      groups.map((g) => g[0]!),
    );
    // The words that named each metric, in its own clause (主动公开's words are not 依申请公开's).
    const wordsOf = (i: number) =>
      i === 0
        ? pq.metricWords
        : matchMetrics(clauses[i]!.replace(/\s+/g, ""))
            .find((c) => c.id === groups[i]![0])
            ?.words?.join(" ");
    const parts = groups.map((cands, i) =>
      value({ ...pq, metric: cands[0]!, metricCandidates: cands, moreMetrics: [], keywordSource: clauses[i]!, metricWords: wordsOf(i) }, deps, base),
    );
    // Two metrics read into one clause of the prose ("安全生产、应急管理类信息": both words name the one
    // quantity) are one answer, said once and never added to itself (it had been "…合计：126条", 63 twice).
    const seen = new Set<string>();
    const distinct = parts.filter((p) => {
      const a = p.answers[0];
      if (!a) return true;
      const key = `${a.reportId}|${a.label}|${a.value}|${a.evidence}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return joined(base, distinct, distinct.length > 1 ? (sumAsked(pq, distinct) ?? differenceAsked(pq, distinct)) : null);
  }
  // The whole and the column, in the order asked ("收到申请多少件，其中自然人多少"; "自然人申请多少件，总数多少").
  if (pq.totalToo) {
    const { slice: _column, totalToo: order, ...whole } = pq;
    const parts = [value(whole, deps, base), value({ ...whole, slice: pq.slice }, deps, base)];
    return joined(base, order === "after" ? parts.reverse() : parts, null);
  }
  const picked = pickReport(pq.mentions[0]!, pq.years, deps);
  if (!picked.report) return { ...base, text: picked.missing! };
  const r = picked.report;
  let found = resolveMetric(r, pq);
  const implied = picked.impliedYear ? `（未指明年份，按最新的${r.year ?? ""}年报告回答）` : "";
  // A metric named is a number asked, 多少 or not ("平潭2016年各乡镇主动公开？"): the prose is weighed
  // against the table too (the whole region's 3460 had answered for the towns' 1638).
  const px = pq.asksQuantity || pq.metric ? proseOf(r, pq, deps) : null;
  // A table row printed in the question's own words beats the metric its words suggested.
  if (px && found?.primary?.source === "table") {
    const cur = figureCoverage(px, found.primary, namedBy(found.metric, pq, found.via), found.primary.slice).score;
    const row = betterRow(px, r.figures, found.metric, cur, found.primary.slice);
    const other = row ? findFigures(r, row, resolveSlice(r, pq)) : null;
    if (other) found = other;
  }
  const best = px ? bestQuantity(px) : null;
  if (!found) {
    // Named as this report's form would name it, when one of the metrics asked is of its form
    // (收费金额 of a 2013 统计表 is 依申请公开信息收取的费用, not the 2021 form's 本年收费金额).
    const label = metricLabel(pq.metricCandidates.find((id) => metricDef(id)?.templates.includes(r.template)) ?? pq.metric!);
    // A number asked: the prose may state it; else the answer is that the report does not.
    if (px) {
      if (best) return clauseReply(r, px, best, base, implied);
      // The registry's label names the thing when its unit is the one asked (专项经费 万元); else the question's words do (访问量).
      const def = metricDef(pq.metric!);
      const none = notStated(
        r,
        px,
        !def?.unit || unitAgreement(def.unit, px.asked) > 0 || !px.phrase ? { metric: label } : { topic: px.phrase },
        base,
        implied,
      );
      // The record may say why (a glued row read more than one way).
      const why = warningsFor(r, pq.metricCandidates);
      if (!why.length) return none;
      // A row the table prints but whose digits could not be read is in the report: "没有这一项" would
      // be untrue of it ("行政规范性文件693665", three readings).
      const asked = new Set(pq.metricCandidates);
      const unread = r.warnings.some((w) => w.code === "TABLE_SHAPE" && w.metrics.some((m) => asked.has(m)));
      const head = unread ? `${who(r)}的报告中有“${label}”这一行，但它的数字无法确定，不给出数字。${implied}` : none.text;
      return { ...none, warnings: why, text: `${head}\n${why.map((w) => `⚠ ${w}`).join("\n")}` };
    }
    const hits = searchIn([r], pq, deps, 3);
    const why = `${who(r)}的报告（${TEMPLATE_NAME[r.template]}）中没有“${label}”这一项数据。`;
    return {
      ...base,
      kind: hits.length ? "search" : "none",
      hits,
      text: hits.length ? `${why}${implied}\n正文中的相关内容：\n${hitsText(hits)}` : `${why}${implied}`,
    };
  }
  // A cell left blank where the prose states the figure (未发生…行政诉讼: 0): the prose answers, and
  // the blank is said (it had been "报告没有给出这个数字").
  const blank = found.primary?.value === null && found.narrative && found.narrative.value !== null ? found.primary : undefined;
  const f: Found = blank ? { ...found, primary: undefined } : found;
  const main = f.primary ?? f.narrative!;
  // A figure of another kind than asked (访问量 asked, 条 counted) does not answer: the prose may.
  if (px && main.unit && unitAgreement(main.unit, px.asked) === 0 && !(px.asked.share && rateOf(r, main, pq))) {
    if (best) return clauseReply(r, px, best, base, implied);
    return notStated(r, px, px.phrase ? { topic: px.phrase } : { metric: metricLabel(f.metric) }, base, implied);
  }
  // The prose names what the question asks better than the table row (各乡镇, 粉丝, 不予公开信息数).
  // The same number in the prose confirms the table: the table's figure answers.
  if (px && best && best.q.value !== main.value && clauseOverFigure(px, best, main, namedBy(main.metric, pq, f.via), main.slice, r.org)) {
    return clauseReply(r, px, best, base, implied, main);
  }
  if (main.value === null) {
    return {
      ...base,
      kind: "none",
      text: `${who(r)}${labelFor(main.metric, main.slice)}：表中该栏空白（未填写，不等于0），报告没有给出这个数字。${implied}\n来源${sourceLine(main)}`,
      warnings: warningsFor(r, [main.metric]),
    };
  }
  // A column asked of a table whose 总计 was read from a row of untraced blanks: the column is there
  // but cannot be read. No figure answers; the total is said beside (it had been given as the
  // answer, 218 for 商业企业's 1).
  if (f.sliceMissing && (tableFigure(r, f.metric) ?? main).note?.startsWith(SPARSE_NOTE)) {
    return {
      ...base,
      text: `${who(r)}${labelFor(main.metric, f.sliceMissing)}：原文表中空白格不留痕迹，“${sliceLabel(f.sliceMissing)}”一列的数字无法确定。${implied}\n总计为 ${fmtValue(main)}${sourceLine(main)}`,
      warnings: warningsFor(r, [main.metric]),
    };
  }
  const items: AnswerItem[] = [];
  const lines: string[] = [];
  items.push(item(r, main));
  const via = f.via ? `（该报告没有“${metricLabel(f.via)}”，对应的是“${metricLabel(f.metric)}”）` : "";
  lines.push(`${who(r)}${labelFor(main.metric, main.slice)}：${fmtValue(main)}${via}${implied}`);
  if (f.sliceMissing) lines.push(`（表中没有“${sliceLabel(f.sliceMissing)}”这一列，以上为合计）`);
  if (blank) lines.push(`表中该栏空白，以上为正文所述${sourceLine(blank)}`);
  if (main.note) lines.push(`说明：${main.note}`);
  if (!main.certain && !main.note) lines.push("说明：该数字读取时有不确定之处，请核对原文。");
  lines.push(`来源${sourceLine(main)}`);
  if (f.primary && f.narrative && f.narrative.value !== f.primary.value) {
    items.push(item(r, f.narrative, `${metricLabel(f.metric)}（正文）`));
    // A round number the table's value rounds to (26.8万条 for 267886) says the same, roughly.
    const same = f.primary.value !== null && proseAgrees(f.primary.value, f.narrative);
    lines.push(
      `${same ? "正文的约数与此相符" : "正文的说法不同"}：${fmtValue(f.narrative)}${f.narrative.note ? `（${f.narrative.note}）` : ""}${sourceLine(f.narrative)}`,
    );
  } else if (px && best && f.primary?.source === "table" && best.q.value !== main.value && f.narrative?.value !== best.q.value) {
    // The prose answers the same question with another number: both are said, the table first.
    const part = SUB_UNIT.exec(best.q.left + best.q.right);
    if (!part && restates(px, best, main, namedBy(main.metric, pq, f.via), main.slice)) {
      const c = clauseItem(r, px, best);
      items.push({ ...c, label: `${metricLabel(f.metric)}（正文）` });
      lines.push(`正文的说法不同：${best.q.raw}（正文第${c.line}行：“${best.q.quote}”）`);
    }
  }
  if (f.columns.length > 0) {
    for (const c of f.columns) items.push(item(r, c));
    lines.push(`分列：${f.columns.map((c) => `${sliceLabel(c.slice!)} ${fmtValue(c)}`).join("，")}`);
  }
  const rate = rateOf(r, main, pq);
  if (rate) {
    if (rate.item) items.push(rate.item);
    lines.push(rate.text);
  }
  // The 2019 form counts a row's items as last year's and this year's change: both said.
  const change = main.metric.endsWith(".prev_items") ? tableFigure(r, main.metric.replace(/prev_items$/, "delta"), main.slice) : undefined;
  if (change && change.value !== null) {
    items.push(item(r, change));
    lines.push(`${labelFor(change.metric, change.slice)}：${change.value > 0 ? "+" : ""}${fmtValue(change)}`);
  }
  const average = averageLine(main, pq.normalized);
  if (average) lines.push(average);
  // "是不是15件", "有没有超过10件": the yes or no first, then the figure it rests on.
  const verdict = verdictOf(main, pq.normalized);
  if (verdict) lines.unshift(verdict);
  if (pq.intent === "breakdown") {
    // The parts of the template's sum rule for this figure when there is one (申请答复数 = 已主动公开 +
    // 同意公开 + …), else the registry's children.
    const rule = printedParts(r, f.metric);
    const kidIds = rule ?? childrenOf(f.metric).map((d) => d.id);
    const kids = kidIds
      .map((id) => ({
        id,
        fig: tableFigure(r, id, main.slice) ?? summed(r, id, main.slice) ?? r.figures.find((x) => x.metric === id && x.source === "narrative"),
      }))
      .filter((x) => x.fig);
    if (kids.length) {
      for (const k of kids) items.push(item(r, k.fig!));
      // "其中" only for the parts of a sum rule; 上年结转 or 结转下年度 sit under 收到申请 in the
      // registry without being parts of it.
      const parts = new Set([...(rule ?? []), ...(metricDef(f.metric)?.sumOf ?? [])]);
      const head = kids.every((k) => parts.has(k.id)) ? "其中" : "相关数据";
      lines.push(`${head}：${kids.map((k) => `${shortLabel(k.id)} ${fmtValue(k.fig!)}`).join("，")}`);
    }
    // 表三 rows by applicant: 自然人, the five kinds of 法人或其他组织.
    const byApplicant = main.slice
      ? []
      : APPLICANT_KEYS.map((key) => tableFigure(r, f.metric, key)).filter((x): x is Figure => x !== undefined && x.value !== null);
    if (byApplicant.length > 1) {
      for (const x of byApplicant) items.push(item(r, x));
      lines.push(`按申请人：${byApplicant.map((x) => `${sliceLabel(x.slice!)} ${fmtValue(x)}`).join("，")}`);
    }
    // 哪类申请人最多, 哪种理由最多: the largest (or smallest) of the parts asked about.
    if (pq.rank) {
      const byWho = /申请人|申请者|哪类人|什么人|个人|企业|机构|组织/.test(pq.normalized) && byApplicant.length > 1;
      const parts = byWho ? byApplicant.map((x) => ({ label: sliceLabel(x.slice!), fig: x })) : kids.map((k) => ({ label: shortLabel(k.id), fig: k.fig! }));
      const extreme = mostOf(parts, pq.rank.order);
      if (extreme) lines.push(extreme);
    }
  }
  const warnings = warningsFor(r, [f.metric, ...(metricDef(f.metric)?.sumOf ?? []), ...childrenOf(f.metric).map((c) => c.id)]);
  const carry = f.primary ? acrossYears(r, f.primary, deps) : null;
  if (carry?.agrees === false) warnings.push(carry.text);
  for (const w of warnings) lines.push(`⚠ ${w}`);
  if (carry?.agrees) lines.push(carry.text);
  return { ...base, kind: pq.intent === "breakdown" ? "breakdown" : "value", answers: items, warnings, text: lines.join("\n") };
}

/**
 * The part with the most (or least), ties named together: "最多的是：自然人 3001件". Nothing when the
 * parts are all the same or not read.
 */
function mostOf(parts: { label: string; fig: Figure }[], order: "desc" | "asc"): string | null {
  const read = parts.filter((p) => p.fig.value !== null);
  if (read.length < 2) return null;
  const values = read.map((p) => p.fig.value!);
  const target = order === "asc" ? Math.min(...values) : Math.max(...values);
  if (values.every((v) => v === target)) return `各项相同：均为 ${fmtValue(read[0]!.fig)}`;
  const top = read.filter((p) => p.fig.value === target);
  return `${order === "asc" ? "最少" : "最多"}的是：${top.map((p) => `${p.label} ${fmtValue(p.fig)}`).join("、")}`;
}

/**
 * The words of a question of several metrics that ask for each ("行政复议" and "诉讼各多少件" of
 * "行政复议和诉讼各多少件"): each part is weighed against the prose by its own words, or the sentence
 * about 诉讼 answers 行政复议 as "正文的说法不同". A part's words run from where its metric's words
 * start to where the next part's start (the question's commas are gone by now); the whole question
 * for a part whose words are not found.
 */
function clausesOf(keywordSource: string, metrics: readonly string[]): string[] {
  const text = keywordSource.replace(/\s+/g, "");
  const scored = matchMetrics(text);
  const starts = metrics.map((m) => {
    const hit = scored.find((c) => c.id === m);
    return hit && hit.covered.size > 0 ? Math.min(...hit.covered) : -1;
  });
  const sorted = starts.filter((a) => a >= 0).sort((a, b) => a - b);
  return starts.map((a) => {
    if (a < 0) return keywordSource;
    const next = sorted.find((b) => b > a) ?? text.length;
    return text.slice(sorted[0] === a ? 0 : a, next);
  });
}

/**
 * What names a figure when it is weighed against a prose clause: its registry label, and the
 * question's own words that chose its metric (答复 chose 申请答复数, read as 办理结果总计 in 2019).
 */
function namedBy(metric: string, pq: ParsedQuestion, via?: string): string {
  const chosen = pq.metricWords && (metric === pq.metricCandidates[0] || via === pq.metricCandidates[0]);
  return chosen ? `${metricLabel(metric)} ${pq.metricWords}` : metricLabel(metric);
}

/** The words that name a prose quantity, for the reply ("各乡镇主动公开政府信息"). */
function clauseLabel(c: ClauseAnswer): string {
  const q = c.q;
  const clean = (t: string) =>
    t
      .replace(/^[、,，:：;；(（\s]+|[、,，:：;；。\s]+$/g, "")
      // (及 of 及时 is no joiner: "及时发布疫情防控信息1260条" had been "时发布疫情防控信息".)
      .replace(/^(?:其中|另外|此外|同时|和|及(?!时)|与|以及)/, "")
      .replace(/^(?:\d{4}年度?|全年|今年|本年度?)[,，]?/, "")
      .replace(/(?:达到|达|为|是|共计|共|约|超过|逾|近)$/, "");
  if (q.unit === "%" && clean(q.left).replace(/占比?|约/g, "").length <= 1) return `${clean(q.before[0] ?? "")}，占比`;
  // Counted before its noun (4家新建单位、): the noun names it, the list's lead-in does not.
  if (q.countedFirst && clean(q.right).length >= 2) return clean(q.right);
  const left = clean(q.left);
  if (left.length >= 4 || (left.length >= 2 && !q.right)) return left;
  // (…the words after it too, when there are: "粉丝量达18.6万人" is 粉丝量, not "粉丝量…".)
  const right = clean(q.right);
  if (left.length >= 2) return right ? `${left}…${right}` : left;
  return clean(q.clause);
}

/**
 * The heading of the numbered point that names what a quantity counts when its own words do not
 * ("(4)推进国资国企信息公开。…今年共发布10条信息" → "推进国资国企信息公开").
 */
function pointNaming(px: ProseQuery, c: ClauseAnswer): string | undefined {
  const top = rarestWord(px.words);
  if (!top || c.q.clause.includes(top.word) || c.q.before.some((b) => b.includes(top.word))) return undefined;
  return px.index.sentences[c.q.sentence]!.points.findLast((h) => h.includes(top.word));
}

function clauseItem(r: Report, px: ProseQuery, c: ClauseAnswer): AnswerItem {
  const s = px.index.sentences[c.q.sentence]!;
  const point = pointNaming(px, c);
  return {
    reportId: r.id,
    org: r.org,
    region: r.region,
    year: r.year,
    metric: "prose",
    label: point ? `${point}，${clauseLabel(c)}` : clauseLabel(c),
    value: c.q.value,
    unit: c.q.unit,
    source: "narrative",
    certain: !c.q.approximate,
    ...(c.q.approximate ? { note: `原文为约数“${c.q.raw}”` } : {}),
    evidence: c.q.quote,
    line: s.line,
  };
}

/** A number the prose states, quoted; the table figure the question also matched is said after it. */
function clauseReply(r: Report, px: ProseQuery, c: ClauseAnswer, base: Answer, implied: string, figure?: Figure): Answer {
  const it = clauseItem(r, px, c);
  const lines = [`${who(r)}${it.label}：${c.q.raw}${implied}`];
  // A yes or no asked of the number, first (as of a table's figure).
  const verdict = verdictOf({ value: c.q.value, unit: c.q.unit }, px.question, c.q.approximate ? `“${c.q.raw}”（约数）` : undefined);
  if (verdict) lines.unshift(verdict);
  if (c.q.approximate) lines.push(`（约数：原文为“${c.q.raw}”）`);
  lines.push(`来源（正文第${it.line}行：“${c.q.quote}”）`);
  if (figure && figure.value !== null && figure.value !== c.q.value && figure.source === "table") {
    lines.push(`统计表“${printedRow(figure)}”为 ${fmtValue(figure)}${sourceLine(figure)}`);
  }
  return { ...base, kind: "value", answers: [it], text: lines.join("\n") };
}

/**
 * The report does not state the number asked: say so, and quote what it says about the thing
 * (安排了专项经费) when it names it — never a number of something else.
 */
function notStated(r: Report, px: ProseQuery, what: { metric: string } | { topic: string }, base: Answer, implied: string): Answer {
  const lines = [
    "metric" in what
      ? `${who(r)}的报告（${TEMPLATE_NAME[r.template]}）中没有“${what.metric}”这一项数据，正文也没有给出这个数字。${implied}`
      : `${who(r)}的报告没有给出“${what.topic}”的数字。${implied}`,
  ];
  const sent = bestSentence(px.index, px.words);
  if (sent && sent.score >= 0.5) {
    const s = px.index.sentences[sent.sentence]!;
    lines.push(`报告中相关的说法（第${s.line}行）：“${s.text.length > 160 ? s.text.slice(0, 160) + "…" : s.text}”`);
  }
  return { ...base, kind: "none", text: lines.join("\n") };
}

/** A number asked with no registry metric: the prose of the one report asked about, or "not stated". */
function proseValue(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  const picked = pickReport(pq.mentions[0]!, pq.years, deps);
  if (!picked.report) return { ...base, text: picked.missing! };
  const r = picked.report;
  const implied = picked.impliedYear ? `（未指明年份，按最新的${r.year ?? ""}年报告回答）` : "";
  const px = proseOf(r, pq, deps);
  const best = bestQuantity(px);
  if (best) return clauseReply(r, px, best, base, implied);
  const topic = px.phrase || topicOf(pq);
  // "福建2024年多少": nothing asked but a number (it had said the report gives no “” figure).
  if (!topic)
    return { ...base, kind: "none", text: `问的是${who(r)}报告中的哪一项？例如“行政复议多少件”“收到多少政府信息公开申请”“主动公开政府信息多少条”。${implied}` };
  return notStated(r, px, { topic }, base, implied);
}

/** One report's answer in a series (compare, trend): its line and item. */
interface One {
  /** None when what is asked cannot be computed (a share of 0): the line says why. */
  item?: AnswerItem;
  /** The figure's label, value and source, for a line of the reply. */
  line: string;
  /** The metric answered, when a figure answered (its warnings are said). */
  metric?: string;
}

/**
 * One report's answer to a value question: the figure, or the prose clause that names what is
 * asked better than the table row does (the same decision as for one report).
 */
function oneAnswer(r: Report, pq: ParsedQuestion, deps: AnswerDeps): One | null {
  const f = pq.metric ? resolveMetric(r, pq) : null;
  const main = f?.primary ?? f?.narrative;
  // As for one report: a metric named is a number asked, and its unit is weighed ("历年政务微博粉丝":
  // the posts in 条 are no answer to 粉丝, the prose's 10659名 is).
  const px = pq.asksQuantity || pq.metric ? proseOf(r, pq, deps) : null;
  const best = px ? bestQuantity(px) : null;
  const fits = !main || !px || !main.unit || unitAgreement(main.unit, px.asked) > 0;
  if (
    px &&
    best &&
    (!main || !fits || (best.q.value !== main.value && clauseOverFigure(px, best, main, namedBy(main.metric, pq, f?.via), main.slice, r.org)))
  ) {
    const it = clauseItem(r, px, best);
    return { item: it, line: `${it.label}：${best.q.raw}（正文第${it.line}行：“${best.q.quote}”）` };
  }
  // A share asked (纠错率, 予以公开占比): the share, the figure and its total quoted (it had been
  // "报告中没有…这一项" in a comparison, the count's unit not being the share's).
  const rate = main ? rateOf(r, main, pq) : null;
  if (rate) return { ...(rate.item ? { item: rate.item } : {}), line: `${rate.text}${sourceLine(main!)}`, metric: f!.metric };
  if (!main || !fits) return null;
  return { item: item(r, main), line: `${labelFor(main.metric, main.slice)}：${fmtValue(main)}${unsure(main)}${sourceLine(main)}`, metric: f!.metric };
}

/** A number asked of a figure: its digits, 万 or 亿, a unit. */
const ASKED_NUMBER = String.raw`(\d+(?:\.\d+)?)\s*(万|亿)?\s*(?:${unitAlternation([...COUNT_UNITS, ...PROSE_UNITS])})?`;
const MORE_THAN = new RegExp(`(?:超过|超出|多于|高于|大于)${ASKED_NUMBER}`);
const LESS_THAN = new RegExp(`(?:少于|低于|不到|小于|不足)${ASKED_NUMBER}`);
const EQUAL_TO = new RegExp(`(?:是不是|是否(?:为|是)?|是|了)${ASKED_NUMBER}(?:吗|呢|[？?]|$)`);

/**
 * A yes-or-no asked of a figure: 是不是 / 是否 / …吗 a number, more (超过, 多于, 高于) or less (少于,
 * 不到, 低于) than one. The number is the question's own after those words (never its year).
 */
function verdictOf(f: { value: number | null; unit: string }, question: string, shown = fmtValue(f)): string | null {
  if (f.value === null) return null;
  const q = question.replace(/(?:19|20)\d{2}年?度?/g, " ");
  const v = f.value;
  // 26.8万 asked of 267886条 is 268000; of a figure counted in 万元 it is 26.8 as it stands.
  const asNumber = (m: RegExpExecArray) => Number(m[1]) * (m[2] && !f.unit.startsWith(m[2]) ? (m[2] === "万" ? 1e4 : 1e8) : 1);
  const said = (m: RegExpExecArray) => `${m[1]}${m[2] ?? ""}`;
  const asked = /有没有|是否|是不是|有无|吗|没有/.test(q);
  let m = MORE_THAN.exec(q);
  if (m && asked) return v > asNumber(m) ? `是的，超过 ${said(m)}：报告为 ${shown}。` : `没有超过 ${said(m)}：报告为 ${shown}。`;
  m = LESS_THAN.exec(q);
  if (m && asked) return v < asNumber(m) ? `是的，少于 ${said(m)}：报告为 ${shown}。` : `不少于 ${said(m)}：报告为 ${shown}。`;
  m = EQUAL_TO.exec(q);
  if (!m || !/是不是|是否|吗/.test(q)) return null;
  const n = asNumber(m);
  if (v === n) return `是的，报告为 ${shown}。`;
  // A round number asked (26.8万) that the figure rounds to: so, roughly.
  if (m[2] && proseAgrees(v, { value: n, certain: false })) return `是的，约 ${said(m)}：报告为 ${shown}。`;
  return `不是 ${said(m)}：报告为 ${shown}。`;
}

/**
 * 平均每月 / 月均 / 平均每天 asked of a year's count: the count over the months or days of the year,
 * said as computed (the reports print no such figure).
 */
function averageLine(f: Figure, question: string): string | null {
  if (f.value === null || f.unit === "%" || /万?元$/.test(f.unit)) return null;
  const per = /(?:平均)?每(?:个)?月(?:平均)?|月均/.test(question)
    ? { n: 12, name: "每月" }
    : /(?:平均)?每(?:一)?天(?:平均)?|日均/.test(question)
      ? { n: 365, name: "每天" }
      : null;
  if (!per || !/平均|均/.test(question)) return null;
  const v = Math.round((f.value / per.n) * 10) / 10;
  return `平均${per.name}约 ${v}${f.unit}（${f.value} ÷ ${per.n}，按全年计算，报告中没有这个数字）`;
}

/** What a series answers, for its heading: the metric, else the question's words. */
function topicOf(pq: ParsedQuestion): string {
  // The metric's name, unless it counts another kind of thing than asked (粉丝, 政务微博's posts in 条).
  if (pq.metric && !asksOtherKind(metricDef(pq.metric)?.unit, pq.normalized)) return metricLabel(pq.metric);
  return pq.keywordSource
    .replace(/\s+/g, "")
    .replace(/(?:是|有|为)?(?:多少|几)[\u4e00-\u9fff]?$|历年|趋势|变化|逐年|每年|各年|对比|比较|情况|和$|^[和与及跟]/g, "");
}

function compare(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  const items: AnswerItem[] = [];
  const lines: string[] = [];
  const warnings: string[] = [];
  const targets: { m: RegionMention; years: number[] }[] =
    pq.mentions.length >= 2
      ? pq.mentions.map((m) => ({ m, years: m.year ? [m.year] : pq.years.slice(-1) }))
      : pq.years.map((y) => ({ m: pq.mentions[0]!, years: [y] }));
  // "长寿区2018年和资阳区…": a body typed without a year of its own, when another has one, falls back
  // to its newest report when it has none of that year (said, never silently).
  const ownYears = pq.mentions.length >= 2 && pq.mentions.some((m) => m.year);
  const found: Report[] = [];
  // What is asked, without how it is asked to change (同比, 增长, 多少).
  const what = pq.keywordSource.replace(new RegExp(`${AGAINST_PREVIOUS.source}|(?:增长|下降|减少|增加|回落|上升|变化)了?|多了|少了|多少|几`, "g"), " ");
  const asked = { ...pq, keywordSource: what };
  for (const t of targets) {
    let picked = pickReport(t.m, t.years, deps);
    if (!picked.report && ownYears && !t.m.year) {
      const newest = pickReport(t.m, [], deps);
      if (newest.report) {
        lines.push(`（${deps.catalog.labelOf(t.m.keys[0]!)}没有${t.years.join("、")}年的报告，用最新的${newest.report.year ?? ""}年报告。）`);
        picked = newest;
      }
    }
    if (!picked.report) {
      lines.push(picked.missing!);
      continue;
    }
    const r = picked.report;
    // Each figure weighed by what is asked, not by how it is asked to change: "较2013年的245件增长
    // 27.3%" had answered 2014's requests with 2013's 245 (its clause held 增长).
    const one = oneAnswer(r, asked, deps);
    if (!one) {
      lines.push(`${who(r)}：报告中没有“${topicOf(pq)}”这一项。`);
      continue;
    }
    if (one.item) items.push(one.item);
    found.push(r);
    lines.push(`${who(r)}${one.line}`);
    // Each warning names its report: two reports' figures are on the lines above it.
    if (one.metric) warnings.push(...warningsFor(r, [one.metric]).map((w) => `${who(r)}：${w}`));
  }
  // Two figures of the same metric and unit: say the difference.
  if (
    items.length === 2 &&
    items[0]!.metric === items[1]!.metric &&
    items[0]!.unit === items[1]!.unit &&
    items[0]!.value !== null &&
    items[1]!.value !== null
  ) {
    const [a, b] = items as [AnswerItem, AnswerItem];
    // Two departments of one region are told apart by their names (it had said "2021年比2021年").
    const name = (x: AnswerItem) => (a.region === b.region && a.org !== b.org ? x.org : x.region);
    const who = (x: AnswerItem) => (a.region === b.region && a.org === b.org ? `${x.year}年` : a.year === b.year ? name(x) : `${name(x)}（${x.year}年）`);
    lines.push(differenceLine(a, b, who(a), who(b)));
    // "是…的几倍": the first named over the second.
    if (/几倍|多少倍|倍数/.test(pq.normalized) && b.value) lines.push(`${who(a)}是${who(b)}的${Math.round((a.value! / b.value!) * 100) / 100}倍`);
  }
  // One body's two years, one of them not held ("2024年…同比增长多少" without 2023): what the report
  // itself says against the year before, when it says it ("申请数量较去年回落12.3%").
  if (pq.mentions.length === 1 && targets.length === 2 && found.length === 1) {
    const said = changeSentence(proseOf(found[0]!, asked, deps), items[0]!.value);
    if (said) lines.push(`报告中与上年比较的说法（第${said.line}行）：“${said.text.length > 160 ? said.text.slice(0, 160) + "…" : said.text}”`);
  }
  for (const w of warnings) lines.push(`⚠ ${w}`);
  return { ...base, kind: items.length ? "compare" : "none", answers: items, warnings, text: lines.join("\n") };
}

/**
 * "2024年比2021年多 148件（+211.4%）": the second figure against the first, both of one metric and
 * unit. Two shares differ by percentage points, not by a per cent of the first.
 */
function differenceLine(a: AnswerItem, b: AnswerItem, nameA: string, nameB: string): string {
  const diff = Math.round((b.value! - a.value!) * 1e4) / 1e4;
  // A difference is no surer than its figures.
  const said = unsureOf([a, b]);
  if (diff === 0) return `${nameB}与${nameA}相同${said}`;
  const rel = a.value ? `（${diff >= 0 ? "+" : ""}${Math.round((diff / a.value) * 1000) / 10}%）` : "";
  const by = a.unit === "%" ? `${diff > 0 ? "高" : "低"} ${Math.abs(diff)}个百分点` : `${diff > 0 ? "多" : "少"} ${Math.abs(diff)}${a.unit}${rel}`;
  return `${nameB}比${nameA}${by}${said}`;
}

/** Words that set a figure against the year before: the question's (同比, 较上年 …), and 较2018年. */
const AGAINST_LAST_YEAR = new RegExp(`${AGAINST_PREVIOUS.source}|[较比](?:19|20)\\d{2}年`);

/**
 * The report's sentence that best says how what is asked changed against the year before, if any:
 * one that names it (its words) or states the figure answered ("受理…申请859件，申请数量较去年回落
 * 12.3%" for 收到申请 859).
 */
function changeSentence(px: ProseQuery, value: number | null): { text: string; line: number } | null {
  const stated = value === null ? null : new RegExp(`(?<![\\d.])${String(value).replace(".", "\\.")}(?![\\d.])`);
  let best: { text: string; line: number; score: number } | null = null;
  for (const s of px.index.sentences) {
    if (!AGAINST_LAST_YEAR.test(s.text)) continue;
    const score = coverage(px.words, [{ text: s.text, w: 1 }]) + (stated?.test(s.text) ? 1 : 0);
    if (score >= 0.5 && (!best || score > best.score)) best = { text: s.text, line: s.line, score };
  }
  return best;
}

function trend(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  if (pq.mentions.length === 0) return rank(pq, deps, base);
  const key = pq.mentions[0]!.keys[0]!;
  const label = deps.catalog.labelOf(key);
  let entries = deps.catalog.forKey(key).filter((r) => r.year !== null && levelRank(r) === Math.min(...deps.catalog.forKey(key).map(levelRank)));
  if (pq.years.length) entries = entries.filter((r) => pq.years.includes(r.year!));
  const reports = entries.map((e) => deps.load(e.id)).filter((r): r is Report => r !== undefined);
  reports.sort((a, b) => a.year! - b.year!);
  const items: AnswerItem[] = [];
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const r of reports) {
    const one = oneAnswer(r, pq, deps);
    if (!one) {
      lines.push(`${r.year}年：报告中没有这一项（${TEMPLATE_NAME[r.template]}）`);
      continue;
    }
    if (one.item) items.push(one.item);
    lines.push(`${r.year}年 ${one.line}`);
    if (one.metric) warnings.push(...warningsFor(r, [one.metric]).map((w) => `${r.year}年：${w}`));
  }
  if (pq.rank && items.length > 1) {
    const best = [...items].sort((a, b) => (pq.rank!.order === "asc" ? (a.value ?? 0) - (b.value ?? 0) : (b.value ?? 0) - (a.value ?? 0)))[0]!;
    lines.push(`${pq.rank.order === "asc" ? "最少" : "最多"}的是${best.year}年：${best.value}${best.unit}`);
  } else {
    // The change from the first year to the last, over figures that measure the same thing (the
    // 统计表's 条 of requests are not the 2021 form's 件: the last is set against the first in its unit).
    const last = items.at(-1);
    const first = last && items.find((x) => x.metric === last.metric && x.unit === last.unit && x.value !== null);
    if (last && first && first !== last && last.value !== null && first.year !== last.year)
      lines.push(differenceLine(first, last, `${first.year}年`, `${last.year}年`));
  }
  const missingYears = pq.years.filter((y) => !reports.some((r) => r.year === y));
  if (missingYears.length) lines.push(`没有${label}${missingYears.join("、")}年的报告。`);
  if (items.length === 0 && missingYears.length === 0) lines.push(`${label}的报告中没有“${topicOf(pq)}”。`);
  for (const w of warnings) lines.push(`⚠ ${w}`);
  return { ...base, kind: items.length ? "trend" : "none", answers: items, warnings, text: `${label}${topicOf(pq)}历年情况：\n${lines.join("\n")}` };
}

/** Full-text words of a question: jieba, as at ingest (loaded only when a question needs it). */
function keywordsOf(pq: ParsedQuestion, deps: AnswerDeps): string[] {
  return deps.segment(pq.keywordSource).filter((k) => !/^\d{1,2}$/.test(k));
}

function searchIn(reports: Pick<Report, "id">[], pq: ParsedQuestion, deps: AnswerDeps, limit: number): Hit[] {
  const keywords = keywordsOf(pq, deps);
  const ids = new Set(reports.map((r) => r.id));
  const found = deps.index.search(keywords, { reportIds: ids, limit, wantsNumber: pq.wantsNumber });
  return found.map((p) => toHit(deps.catalog.get(p.passage.reportId)!, p, keywords));
}

const ASPECT_NAME: Record<ProblemsAspect, string> = { problems: "存在的问题", improvements: "改进措施", both: "存在的问题及改进措施" };

/**
 * The half of a report's 存在的主要问题及改进情况 part a question asks for: the problems it lists,
 * the improvements it goes on to, or both, each under its name; else the opening lines of a section
 * that speaks of problems. Null when the report states nothing of the kind asked.
 */
function problemsSection(r: Report, sections: readonly Section[], aspect: ProblemsAspect): Hit | null {
  const p = problemsPart(sections);
  const hit = (section: string, snippet: string, line: number) => sectionHit(r, section, snippet, line);
  if (p) {
    const problems = numbered(p.items);
    const improvements = p.improvements.length ? numbered(p.improvements) : "";
    if (aspect === "problems") return hit(p.heading, problems, p.line);
    if (aspect === "improvements") return improvements ? hit(p.improvementsAt?.heading ?? p.heading, improvements, p.improvementsAt?.line ?? p.line) : null;
    return hit(p.heading, improvements ? `存在的问题：${problems}。改进措施：${improvements}` : problems, p.line);
  }
  if (aspect === "improvements") return null;
  const s = sections.find((x) => /问题|不足/.test(x.title)) ?? sections.find((x) => /存在(?:的)?(?:主要)?问题|不足之处/.test(x.text.slice(0, 200)));
  if (!s) return null;
  const text = s.text.replace(/\n/g, " ").slice(0, 260);
  return hit(s.title, text + (s.text.length > 260 ? "…" : ""), s.line);
}

/** A part's number before its title: 六、, (二), 3. */
const SECTION_NUMBER = /^\s*(?:[（(]?[一二三四五六七八九十]+[)）]?[、.．]?|\d+[、.．])\s*/;

/**
 * The part of a report whose title the question names whole (after its number, four characters at
 * least): its opening text, as problemsSection quotes its part. Null when none is named or it is empty.
 */
function namedSection(r: Report, sections: readonly Section[], words: string): Hit | null {
  const asked = words.replace(/[^\p{L}\p{N}]+/gu, "");
  if (asked.length < 4) return null;
  for (const s of sections) {
    const name = s.title.replace(SECTION_NUMBER, "").replace(/[^\p{L}\p{N}]+/gu, "");
    if (name.length < 4 || !asked.includes(name) || s.text.replace(/\s+/g, "").length < 4) continue;
    const text = s.text.replace(/\n/g, " ").slice(0, 260);
    return sectionHit(r, s.title, text + (s.text.length > 260 ? "…" : ""), s.line);
  }
  return null;
}

/** A part of a report quoted as a search hit, in the report's own script. */
function sectionHit(r: Report, section: string, snippet: string, line: number): Hit {
  return { reportId: r.id, org: r.org, region: r.region, year: r.year, section, snippet: inReportScript(r, snippet), line, score: 100 };
}

/** Passages a search returns, and how many its text lists. */
const SEARCH_HITS = 30;
const SEARCH_SHOWN = 5;

function search(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  let reports: ReportEntry[] | null = null;
  const scope: string[] = [];
  if (pq.mentions.length) {
    reports = [];
    for (const m of pq.mentions) {
      let rs = m.areaOnly ? m.keys.flatMap((k) => deps.catalog.forKey(k)) : deps.catalog.forKey(m.keys[0]!);
      if (pq.years.length) rs = rs.filter((r) => r.year !== null && pq.years.includes(r.year));
      if (rs.length === 0) {
        const picked = pickReport(m, pq.years, deps);
        return { ...base, text: picked.missing ?? `没有${deps.catalog.labelOf(m.keys[0]!)}的报告。` };
      }
      reports.push(...rs);
      scope.push(`${m.areaOnly ? m.area!.name : deps.catalog.labelOf(m.keys[0]!)}${pq.years.length ? pq.years.join("、") + "年" : ""}`);
    }
  } else if (pq.years.length) {
    reports = deps.catalog.ofYears(pq.years);
    scope.push(`${pq.years.join("、")}年的报告`);
    if (reports.length === 0) return { ...base, text: `没有${pq.years.join("、")}年的报告。` };
  }

  if (pq.asksProblems) {
    const targets = (reports ?? [])
      .slice(0, 20)
      .map((e) => deps.load(e.id))
      .filter((r): r is Report => r !== undefined);
    const hits = targets
      .map((r) => problemsSection(r, deps.sections?.(r.id) ?? r.sections, pq.problemsAspect))
      .filter((h): h is Hit => h !== null)
      .slice(0, 5);
    if (hits.length) {
      // One report: its list under its heading, not numbered twice ("1. 平潭…：1. …").
      const body =
        hits.length === 1 ? `${hits[0]!.org}${hits[0]!.year ?? ""}年「${hits[0]!.section}」第${hits[0]!.line}行：${hits[0]!.snippet}` : hitsText(hits);
      return { ...base, kind: "search", hits, text: `${scope.join("、") || ""}报告中“${ASPECT_NAME[pq.problemsAspect]}”：\n${body}` };
    }
  }
  // A part of the report named by its title (其他需要报告的事项): its text, which need not repeat the
  // title's words (六、其他需要报告的事项 / "2024年,无收取信息处理费情况。" had not been found).
  if (reports && reports.length <= 20) {
    const named = reports
      .map((e) => deps.load(e.id))
      .filter((r): r is Report => r !== undefined)
      .flatMap((r) => {
        const h = namedSection(r, deps.sections?.(r.id) ?? r.sections, pq.keywordSource);
        return h ? [h] : [];
      });
    if (named.length) {
      const body =
        named.length === 1 ? `${named[0]!.org}${named[0]!.year ?? ""}年「${named[0]!.section}」第${named[0]!.line}行：${named[0]!.snippet}` : hitsText(named);
      return { ...base, kind: "search", hits: named, text: `${scope.join("、")}报告中“${named[0]!.section.replace(SECTION_NUMBER, "")}”：\n${body}` };
    }
  }
  const keywords = keywordsOf(pq, deps);
  // Only a region (and maybe a year), or words that name the report itself: its report card.
  const GENERIC = /^(?:报告|年度|年报|年度报告|工作|情况|数据|信息|公开|政府|政府信息|政府信息公开|信息公开|全文|内容|概况|总体|统计)$/;
  if (pq.mentions.length === 1 && keywords.every((k) => GENERIC.test(k))) {
    return reportCard(pq.text, deps);
  }
  if (keywords.length === 0 || /^(?:你好|您好|嗨|哈喽|hi|hello|在吗|在不在|帮助|help|怎么用|使用说明)$/i.test(pq.normalized.replace(/[^\p{L}\p{N}]/gu, ""))) {
    return { ...base, text: HELP };
  }
  const ids = reports ? new Set(reports.map((r) => r.id)) : undefined;
  // A contact asked (电话, 地址): only passages that give one; none is said, not the report's title lines.
  // Searched by the word that names it: a report prints "传真:0591-…", not the 号码 of 传真号码 nor
  // the 政府信息公开办 of the question, whose passages had crowded it out. (联系方式 by all the words.)
  const contact = contactAsked(pq.normalized);
  const named = contact && contact.name !== "联系方式" ? contact.asks.exec(pq.normalized)?.[0] : undefined;
  const found = deps.index.search(named ? [named] : keywords, { reportIds: ids, limit: SEARCH_HITS, wantsNumber: pq.wantsNumber });
  let hits = found.map((p) => toHit(deps.catalog.get(p.passage.reportId)!, p, keywords));
  if (contact) {
    hits = hits.filter((h) => contact.holds.test(h.snippet));
    if (hits.length === 0) return { ...base, text: `${scope.join("、") || "全部报告"}的报告中没有给出${contact.name}。` };
  }
  if (hits.length === 0) {
    // The words as asked: not the pieces segmentation also cut from them (区块链 → 区块, 区块链).
    const said = keywords.filter((k) => !keywords.some((o) => o !== k && o.includes(k)));
    return { ...base, text: `在${scope.join("、") || "全部报告"}中没有找到与“${said.join(" ")}”相关的内容。` };
  }
  // The text lists the first few; `hits` holds them all (the bot pages through them with 更多).
  const more = hits.length > SEARCH_SHOWN ? `\n（共找到${hits.length}处，以上是前${SEARCH_SHOWN}处）` : "";
  return { ...base, kind: "search", hits, text: `在${scope.join("、") || "全部报告"}中找到：\n${hitsText(hits.slice(0, SEARCH_SHOWN))}${more}` };
}

/** Full-text only (/search). */
export function searchOnly(words: string, deps: AnswerDeps): Answer {
  const pq = parseQuestion(words, deps.catalog.lexicon());
  return search({ ...pq, asksProblems: false }, deps, { question: words, kind: "none", answers: [], hits: [], warnings: [], text: "" });
}

/** A report card: key figures and warnings of one report ("长寿区 2018"). */
export function reportCard(query: string, deps: AnswerDeps): Answer {
  const pq = parseQuestion(query, deps.catalog.lexicon());
  const base: Answer = { question: query, kind: "none", answers: [], hits: [], warnings: [], text: "" };
  if (!pq.mentions.length) return { ...base, text: "请写明地区和年份，例如：/report 长寿区 2018" };
  // 平潭 2015: the one of 平潭县 and 平潭综合实验区 with a report for that year (it had asked which).
  narrowByReports(pq, deps);
  const m = pq.mentions[0]!;
  if (m.keys.length > 1)
    return {
      ...base,
      choices: m.keys.map((k) => deps.catalog.labelOf(k)),
      text: `“${m.text}”有多个：${m.keys.map((k) => deps.catalog.labelOf(k)).join("、")}。`,
    };
  const picked = pickReport(m, pq.years, deps);
  if (!picked.report) return { ...base, text: picked.missing! };
  const r = picked.report;
  const KEY = [
    "proactive.total",
    "requests.received",
    "requests.result.granted",
    "requests.result.withheld",
    "review.total",
    "litigation.total",
    "art20.licensing.decisions",
    "art20.penalty.decisions",
    "fees.info_processing",
    "fees.requests",
    "staff.total",
  ];
  const items: AnswerItem[] = [];
  const lines = [`${r.org}${r.year ?? ""}年政府信息公开工作年度报告`, `格式：${TEMPLATE_NAME[r.template]}；共读取${r.figures.length}个数字`];
  for (const metric of KEY) {
    const f = tableFigure(r, metric) ?? summed(r, metric) ?? r.figures.find((x) => x.metric === metric && x.source === "narrative");
    if (!f) continue;
    items.push(item(r, f));
    lines.push(`· ${metricLabel(metric)}：${fmtValue(f)}${unsure(f)}（第${f.evidence.line}行）`);
  }
  if (r.warnings.length) lines.push(...r.warnings.map((w) => `⚠ ${w.message}`));
  return { ...base, kind: "value", answers: items, warnings: r.warnings.map((w) => w.message), text: lines.join("\n") };
}

export { regionKey };

/** The question read again with no word taken for a slip of another. */
function asTyped(pq: ParsedQuestion, deps: AnswerDeps): ParsedQuestion {
  return parseQuestion(pq.normalized, deps.catalog.lexicon(), undefined, { slips: false });
}

/** Whether a report the question names (its years, when it gives them) prints `word` in its text. */
function reportsPrint(pq: ParsedQuestion, deps: AnswerDeps, word: string): boolean {
  const entries = pq.mentions
    .flatMap((m) => m.keys.flatMap((k) => deps.catalog.forKey(k)))
    .filter((e) => pq.years.length === 0 || (e.year !== null && pq.years.includes(e.year)))
    .slice(0, 12);
  return entries.some((e) => (deps.sections?.(e.id) ?? deps.load(e.id)?.sections ?? []).some((s) => s.text.includes(word)));
}
