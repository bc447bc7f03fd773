// The body of a synthetic report per template: which sections it has, what their prose says, which
// tables sit where, and the truth (figures printed in tables, figures stated in the prose).

import type { DocSection, TableSpec } from "./generate-doc.js";
import { art20, art20Figures, SLICES, type Table3, table3, table4 } from "./generate-gbf.js";
import { art20Html, statHtml, table3Html, table4Html } from "./generate-html.js";
import type { Identity } from "./generate-identity.js";
import { art20Pdf, table3Pdf, table4Pdf } from "./generate-pdf.js";
import { fillerParagraph, improvementParagraph, problemsParagraph } from "./generate-phrases.js";
import * as P from "./generate-prose.js";
import { SCALES } from "./generate-scale.js";
import { statFigures, statTable } from "./generate-stat.js";
import { type Art20Style, art20Blank, renderStat, table3Blank, table4Blank } from "./generate-tables.js";
import type { Rng } from "./random.js";

export interface Content {
  sections: DocSection[];
  /** The 统计表, printed after the signature. */
  appendix?: { caption: string[]; table: TableSpec };
  figures: Record<string, number>;
  narrative: Record<string, number>;
  /** 表三 per applicant column (gbf only). */
  slices?: Record<string, Record<string, number>>;
}

const pad = (heading: string, paras: string[], padAt?: number[]): DocSection => ({ heading, paras, pad: true, ...(padAt ? { padAt } : {}) });

function closing(rng: Rng, id: Identity, heading: string): DocSection {
  return pad(heading, [problemsParagraph(rng, id), improvementParagraph(rng, id)], [1, 2]);
}

/** Sections 一…六 of a pre-2019 report; `f` holds the figures the prose may state. */
function oldSections(rng: Rng, id: Identity, f: Record<string, number>, said: P.Said): DocSection[] {
  const first = rng.pick(["一、概述", "一、工作开展情况", "一、总体情况"]);
  // Some reports state another 主动公开 count in the prose than in the table (all channels).
  const fp = rng.chance(0.03) ? { ...f, "proactive.total": f["proactive.total"]! + (f["proactive.channel.website"] ?? 0) } : f;
  return [
    { paras: [P.introParagraph(rng, id)] },
    pad(first, [fillerParagraph(rng, id), P.staffSentence(rng, id, f, said)], [1, 2]),
    pad("二、主动公开政府信息的情况", [P.proactiveOld(rng, id, fp, said)]),
    { heading: "三、依申请公开政府信息和不予公开政府信息的情况", paras: [P.requestsOld(rng, id, f, said)] },
    { heading: "四、政府信息公开的收费及减免情况", paras: [P.feesOld(rng, id, f, said)] },
    { heading: "五、因政府信息公开申请行政复议、提起行政诉讼的情况", paras: [P.disputesOld(rng, id, f, said)] },
    closing(rng, id, rng.pick(["六、存在的主要问题和改进措施", "六、政府信息公开工作存在的主要问题和改进措施", "六、存在的主要问题及改进情况"])),
  ];
}

export function statContent(rng: Rng, id: Identity): Content {
  const f = statFigures(rng, id);
  const table = statTable(rng, f);
  const said: P.Said = {};
  const sections = oldSections(rng, id, f, said);
  const lines = renderStat(rng, id, table.rows, id.layout === "cell-per-line").split("\n");
  const caption = rng.chance(0.5) ? ["附件："] : rng.chance(0.5) ? ["附件", ""] : [];
  return { sections, appendix: { caption: caption.filter(Boolean), table: { lines, html: statHtml(table.rows) } }, figures: table.figures, narrative: said };
}

/** Prose-only figures of a 2019+ report (not in any table): 主动公开, 解读, 发布会, 信息处理费. */
function newProseFigures(rng: Rng, id: Identity): Record<string, number> {
  const s = SCALES[id.level];
  return {
    "proactive.total": rng.logInt(s.proactive[0], s.proactive[1]),
    "response.interpretations": rng.sparse(0.3, 1, Math.round(60 * s.org) + 3),
    "response.press_conferences": rng.sparse(0.5, 1, Math.round(12 * s.org) + 1),
  };
}

function infoFee(rng: Rng, requests: number): number {
  return requests === 0 || rng.chance(0.75) ? 0 : rng.int(1, 400) * 10;
}

/** Sections of a 2019+ report; `tables` (表二/三/四) or null for prose-only reports. */
function newSections(rng: Rng, id: Identity, f: Record<string, number>, said: P.Said, tables: [TableSpec, TableSpec, TableSpec] | null): DocSection[] {
  const sub = (title: string) => `${title}${fillerParagraph(rng, id)}`;
  const overview = [fillerParagraph(rng, id)];
  const proactive = P.proactiveNew(rng, id, f, said) + fillerParagraph(rng, id);
  const requests = P.requestsNew(rng, id, f, said) + (rng.chance(0.8) ? P.disputesNew(rng, f, said) : "");
  overview.push(proactive, requests, sub("（三）政府信息管理情况。"), sub("（四）政府信息公开平台建设情况。"), sub("（五）监督保障情况。"));
  const fee = infoFee(rng, f["requests.received"] ?? 0);
  const other = [P.feesNew(rng, id, fee, said)];
  if (rng.chance(0.4)) other.push(rng.pick(["本年度无其他需要报告的事项。", fillerParagraph(rng, id)]));
  const fourth = rng.pick(["四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"]);
  const fifth = rng.pick(["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"]);
  return [
    { paras: [P.introParagraph(rng, id)] },
    pad("一、总体情况", overview, [1, 2, 3, 4, 5, 6]),
    { heading: "二、主动公开政府信息情况", paras: [], ...(tables ? { table: tables[0] } : {}) },
    { heading: "三、收到和处理政府信息公开申请情况", paras: [], ...(tables ? { table: tables[1] } : {}) },
    { heading: fourth, paras: [], ...(tables ? { table: tables[2] } : {}) },
    closing(rng, id, fifth),
    { heading: "六、其他需要报告的事项", paras: other },
  ];
}

function sliceTruth(t3: Table3): Record<string, Record<string, number>> {
  return Object.fromEntries(SLICES.map((s) => [s, { ...t3[s] }]));
}

export function gbfContent(rng: Rng, id: Identity): Content {
  const generation = id.template === "gbf2019" ? "gbf2019" : "gbf2021";
  const t2 = art20(rng, id.level, generation);
  const t3 = table3(rng, id.level, generation);
  const t4 = table4(rng, id.level, t3.total["requests.received"]!);
  const style: Art20Style = { plusSign: rng.chance(0.3), units: generation === "gbf2019" && rng.chance(0.5) };
  const tables: [TableSpec, TableSpec, TableSpec] = [
    { lines: art20Blank(rng, t2, style), pdf: (w) => art20Pdf(w, rng, t2, style), html: art20Html(t2, style) },
    { lines: table3Blank(rng, t3, generation), pdf: (w) => table3Pdf(w, rng, t3, generation), html: table3Html(t3, generation) },
    { lines: table4Blank(t4), pdf: (w) => table4Pdf(w, rng, t4), html: table4Html(t4) },
  ];
  const figures = { ...art20Figures(t2), ...t3.total, ...t4 };
  const said: P.Said = {};
  const sections = newSections(rng, id, { ...figures, ...newProseFigures(rng, id) }, said, tables);
  return { sections, figures, narrative: said, slices: sliceTruth(t3) };
}

/** A report without tables: its figures are the ones its prose states. */
export function narrativeContent(rng: Rng, id: Identity): Content {
  const said: P.Said = {};
  let sections: DocSection[];
  if (id.year <= 2018) {
    sections = oldSections(rng, id, statFigures(rng, id), said);
  } else {
    const t3 = table3(rng, id.level, id.year <= 2020 ? "gbf2019" : "gbf2021");
    const f = { ...t3.total, ...table4(rng, id.level, t3.total["requests.received"]!), ...newProseFigures(rng, id) };
    sections = newSections(rng, id, f, said, null);
    // Without tables, sections 二–四 say it in words.
    sections[2]!.paras.push(`${id.year}年，${id.self}主动公开政府信息${f["proactive.total"]}条。${fillerParagraph(rng, id)}`);
    sections[3]!.paras.push(P.requestsBreakdown(rng, id, f, said));
    sections[4]!.paras.push(P.disputesNew(rng, f, said) + fillerParagraph(rng, id));
  }
  return { sections, figures: { ...said }, narrative: said };
}
