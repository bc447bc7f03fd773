// Questions about the report itself (question-about.ts): its issuer, publication date, compiler, the
// period its figures cover and the form of its tables, from the report's record. A line of the
// report is quoted where it says so; what it does not say is said to be missing.
import type { Answer, Report, Section } from "../domain.js";
import { PERIOD_WORDS } from "../parse/meta.js";
import { sentences } from "../parse/prose.js";
import type { ParsedQuestion } from "../parse/question.js";
import type { AboutField } from "../parse/question-about.js";
import { TEMPLATE_NAME, who } from "./render.js";
import { type AnswerDeps, pickReport } from "./select.js";

/** A sentence of the report and its source line. */
interface Said {
  text: string;
  line: number;
}

/** The first sentence of the report that `test` accepts (the opening says these things). */
function firstSaying(sections: readonly Section[], test: RegExp): Said | null {
  for (const section of sections) {
    const paras = section.text.split("\n");
    for (let i = 0; i < paras.length; i++) {
      for (const s of sentences(paras[i]!)) if (test.test(s.text)) return { text: s.text.trim(), line: section.paraLines[i] ?? section.line };
    }
  }
  return null;
}

/** A sentence quoted with its line, cut at 120 characters. */
const quoted = (s: Said) => `第${s.line}行：“${s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text}”`;

/** "本报告由淮安市人民政府办公室…编制", "我区编制完成了本报告": a sentence naming both. */
const COMPILED = /(?=.*(?:编制|编写|撰写))(?=.*报告)/;
/** "统计期限自2024年1月1日至…", "所列数据的统计期限…", or the dates alone ("自2024年1月1日起至12月31日"). */
const PERIOD = new RegExp(`${PERIOD_WORDS.source}|(?:自|从)(?:19|20)\\d{2}年1月1日(?:起)?[至到]|1月1日(?:起)?至(?:19|20)?\\d{0,2}年?12月31日`);

function fieldLine(field: AboutField, r: Report, sections: readonly Section[], deps: AnswerDeps): string {
  switch (field) {
    case "original": {
      const o = deps.origin?.(r.id);
      if (!o || (!o.kept && o.urls.length === 0)) return "原文：没有保存这份报告的原文件或网址。";
      return [
        ...o.urls.map((u, i) => `${i === 0 ? "原文网址" : "附件网址"}：${u}`),
        ...(o.kept ? [`原文件：${o.name}（已保存：点下方“原文”按钮取回，或在命令行运行 npm run cli -- source ${r.region} ${r.year ?? ""}）`] : []),
      ].join("\n");
    }
    case "issuer":
      return `发布机关：${r.org || "报告中没有写明"}`;
    case "published": {
      if (!r.published) return "发布日期：报告中没有写明（正文、落款和网页上都没有找到发布日期）。";
      const [y, m, d] = r.published.split("-").map(Number);
      return `发布日期：${y}年${m}月${d}日（取自报告落款或网页上的发布时间）`;
    }
    case "compiler": {
      const s = firstSaying(sections, COMPILED);
      return s ? `编制：${quoted(s)}` : `编制：报告中没有写明由谁编制；发布机关是${r.org || "（不明）"}。`;
    }
    case "period": {
      const s = firstSaying(sections, PERIOD);
      return s ? `统计期限：${quoted(s)}` : `统计期限：报告中没有写明${r.year ? `（报告年度为${r.year}年）` : ""}。`;
    }
    case "template":
      return `表格格式：${TEMPLATE_NAME[r.template]}`;
  }
}

/**
 * "平潭2024年年报是什么时候发布的": the report picked as a figure's would be, and each thing asked
 * about it, in the question's order.
 */
export function aboutReport(pq: ParsedQuestion, deps: AnswerDeps, base: Answer): Answer {
  const picked = pickReport(pq.mentions[0]!, pq.years, deps);
  if (!picked.report) return { ...base, text: picked.missing! };
  const r = picked.report;
  const implied = picked.impliedYear ? `（未指明年份，按最新的${r.year ?? ""}年报告回答）` : "";
  const title = r.title || `${who(r)}政府信息公开工作年度报告`;
  const sections = deps.sections?.(r.id) ?? r.sections;
  const lines = [`《${title}》${implied}`, ...pq.about.map((f) => fieldLine(f, r, sections, deps))];
  // The report as a hit of its own: the bot puts its 原文 button under the reply.
  const hits = pq.about.includes("original")
    ? [{ reportId: r.id, org: r.org, region: r.region, year: r.year, section: "", snippet: "", line: 0, score: 1 }]
    : [];
  return { ...base, kind: "search", hits, text: lines.join("\n") };
}
