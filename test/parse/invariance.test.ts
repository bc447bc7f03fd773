// Layout invariance: line breaks, spaces and page furniture are hints, never structure. Every real
// fixture report, re-laid the ways reports really arrive, must give the same issuer, year,
// template and figures as the report itself.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain.js";
import { parseReport } from "../../src/parse/report.js";
import { EXTRA, FIXTURES, PINGTAN, SEEDS } from "../helpers/reports.js";

const FILES = [SEEDS, EXTRA, PINGTAN].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => join(dir, f)),
);

const TO_TW = OpenCC.Converter({ from: "cn", to: "tw" });
const TO_HK = OpenCC.Converter({ from: "cn", to: "hk" });

/** A page's related reading after a report: a summary with numbers (and a new kind, 新闻发布会). */
const READING = "相关解读：\n一图读懂本区政府信息公开工作年度报告\n全区主动公开政府信息99999条，受理依申请公开88888件，召开新闻发布会777场，行政复议66件。";
const NAV = "当前位置：首页 > 政务公开 > 政府信息公开年报\n字号：大 中 小 打印本页 关闭窗口\n";
/** A site footer as crawled pages end: links, 版权所有, ICP and 公网安备 numbers, a date. */
const FOOTER =
  "\n网站地图 | 联系我们 | 版权所有：某某市人民政府办公室 主办单位：某某市人民政府 闽ICP备12345678号-1 闽公网安备 35012802000123号 技术支持：某某信息技术有限公司 2024年12月\n";

/** What a crawled page prints after the report: sharing, printing, a QR code, its attachments. */
const SHARE =
  "\n分享到：微信 微博 QQ空间 【打印本页】【关闭窗口】 扫一扫在手机打开当前页 访问量：123456次\n附件：1.2021年政府信息公开工作年度报告.pdf（下载次数：35）";

/** A page's list of other reports above the report (最新年报) and its related links below it. */
const OTHER_REPORTS = "最新年报 上海市浦东新区2023年政府信息公开工作年度报告 杭州市西湖区2022年政府信息公开工作年度报告 南京市2021年政府信息公开年度报告\n";
const RELATED =
  "\n相关链接：上海市浦东新区2023年政府信息公开工作年度报告 杭州市西湖区2022年政府信息公开工作年度报告\n上一篇：南京市2021年政府信息公开年度报告 下一篇：无";

/**
 * Pipe rows ("| 一、本年新收… | 821 | | 859 |") as tab-separated cells, the empty ones kept; `gap`
 * gives the tabs after the i-th cell of the text (one by default).
 */
function tabbed(text: string, afterEachCell: boolean, gap: (i: number) => string = () => "\t"): string {
  let i = 0;
  return text
    .split("\n")
    .map((l) => {
      if (!l.includes("|")) return l;
      const cells = l.split("|").map((c) => c.trim());
      if (cells[0] === "") cells.shift();
      if (cells.at(-1) === "") cells.pop();
      return cells.map((c, k) => (k < cells.length - 1 ? c + gap(i++) : c)).join("") + (afterEachCell ? "\t" : "");
    })
    .join("\n");
}

/** Every line re-wrapped at 30 characters, as a narrower PDF page prints it: never inside a number. */
function rewrap(text: string, width = 30): string {
  return text
    .split("\n")
    .map((l) => {
      let out = "";
      let line = 0;
      for (let i = 0; i < l.length; i++) {
        const ch = l[i]!;
        if (line >= width && !(/[\d.]/.test(ch) && /[\d.]/.test(l[i - 1] ?? ""))) {
          out += "\n";
          line = 0;
        }
        out += ch;
        line++;
      }
      return out;
    })
    .join("\n");
}

/**
 * The prose's paragraphs (a line of more than 60 characters with a sentence stop, no table pipes)
 * wrapped at `width` characters anywhere, inside a number too ("共主动公开政府信息188" / "46条"), as a
 * PDF justified to its column may break them. Lines a PDF wrapped already, and a one-line crawled
 * page (its tables' glued digits are no prose), are left as they are.
 */
function rewrapProse(text: string, width: number): string {
  if (text.split("\n").length < 5) return text;
  return text
    .split("\n")
    .map((l) => (/[。；]/.test(l) && !l.includes("|") && l.length > 60 ? (l.match(new RegExp(`.{1,${width}}`, "gu")) ?? [l]).join("\n") : l))
    .join("\n");
}

const LAYOUTS: [string, (t: string) => string][] = [
  ["every line break removed", (t) => t.replace(/\r?\n/g, "")],
  ["lines joined by one space", (t) => t.replace(/[ \t]*\r?\n[ \t]*/g, " ")],
  ["a site-navigation paragraph in front", (t) => NAV + t],
  // A page's related reading after the report, with numbers of its own that no figure may take.
  ["a related-reading block after it", (t) => `${t}\n${READING}`],
  ["a related-reading block after it, on one line", (t) => `${t}${READING}`.replace(/\r?\n/g, "")],
  ["re-wrapped at 30 characters", rewrap],
  // Every width a page may have: a heading's line filled to the width goes on into the next, a
  // numbered part's words stay the context of its sentences, 万 / 元 and 其 / 中 are words.
  ...[17, 23, 29, 33, 37, 39, 47, 53].map((w): [string, (t: string) => string] => [`re-wrapped at ${w} characters`, (t) => rewrap(t, w)]),
  // A narrower page breaks a line anywhere, inside 其中 too; a letter-spaced one spaces it.
  ["其中 broken over two lines", (t) => t.replace(/其中/g, "其\n中")],
  ["其中 letter-spaced", (t) => t.replace(/其中/g, "其 中")],
  ["its prose re-wrapped at 23 characters, inside numbers too", (t) => rewrapProse(t, 23)],
  ["its prose re-wrapped at 31 characters, inside numbers too", (t) => rewrapProse(t, 31)],
  ["a site footer after it", (t) => t + FOOTER],
  // An old 统计表 read its rows on into them (访问量 123 | 456, 附件 1.2 | 21).
  ["a share bar and an attachment list after it", (t) => t + SHARE],
  ["a list of other reports' names above it", (t) => OTHER_REPORTS + t],
  ["related links to other reports below it", (t) => t + RELATED],
  // pdftotext's form feed after each page, its number printed bare ("3") instead of "- 3 -".
  ["bare page numbers before the form feeds", (t) => t.replace(/^- (\d+) -$/gm, "$1\f")],
  // A PDF's running title, its pages' form feeds dropped by the converter: the report's own title
  // line again every 30 lines, through its tables too.
  [
    "its title repeated every 30 lines, no form feeds",
    (t) => {
      const title = t.split("\n").find((l) => /(?:政府信息公开|政务公开).{0,8}(?:年度报告|年报)/.test(l) && l.trim().length <= 60);
      return title
        ? t
            .split("\n")
            .map((l, i) => (i > 0 && i % 30 === 0 ? `${title.trim()}\n${l}` : l))
            .join("\n")
        : t;
    },
  ],
  [
    "PDF page footers between its lines",
    (t) =>
      t
        .split("\n")
        .map((l, i) => (i > 0 && i % 29 === 0 ? `第 ${i / 29 + 1} 页 共 9 页\n${l}` : l))
        .join("\n"),
  ],
  // Numbering is the report's own style; the row it numbers is the template's.
  ["points numbered 1、 instead of 1.", (t) => t.replace(/(?<![\d.])([1-9])\.(?=[\u4e00-\u9fff])/g, "$1、")],
  ["points printed without their 1. numbering", (t) => t.replace(/(?<![\d.])([1-9])[.、](?=[\u4e00-\u9fff])/g, "")],
  [
    "(1) instead of (一)",
    (t) => t.replace(/(?<!第)[（(]([一二三四五六七八九])[)）](?=[\u4e00-\u9fff])/g, (_, c: string) => `(${"一二三四五六七八九".indexOf(c) + 1})`),
  ],
  ["every ideograph letter-spaced (PDF text of justified lines)", (t) => t.replace(/([\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, "$1 ")],
  // 二〇一三年度 in a 统计表's header had made the header a row (平潭 2013's 历年累计 read as 20263542).
  [
    "years in Chinese numerals (二〇一三年度)",
    (t) => t.replace(/(?<!\d)(1|2)(\d{3})(?=\s?年)/g, (y) => [...y].map((d) => "〇一二三四五六七八九"[Number(d)]).join("")),
  ],
  ["full-width digits", (t) => t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
  // Two spaces or more are a column gap ("行政许可   409") but between ideographs, where they space letters.
  ["every ideograph two spaces apart", (t) => t.replace(/([\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, "$1  ")],
  ["table cells apart by runs of spaces, not pipes", (t) => t.replace(/ ?\| ?/g, "   ")],
  // A table copied into a text file: cells apart by tabs, an empty cell still one (and, as some
  // exports write, a tab after every cell). A run of tabs had been one separator, its empty cells gone.
  ["table cells apart by tabs, as copied", (t) => tabbed(t, false)],
  ["a tab after every table cell", (t) => tabbed(t, true)],
  // …and tabs typed to line the columns up, one to three a gap: no empty cells there.
  ["table cells lined up with one to three tabs", (t) => tabbed(t, false, (i) => "\t".repeat(1 + ((i * 7) % 3)))],
  // Invisible characters a page or a converter leaves in: a byte-order mark, soft hyphens (&shy;)
  // inside words and numbers. A soft hyphen had cut labels in two (西湖区 lost its city; 864 figures).
  ["a byte-order mark and soft hyphens every 53 characters", (t) => `\ufeff${[...t].map((c, i) => (i % 53 === 52 ? `${c}\u00ad` : c)).join("")}`],
  // A page saved as text by a tool that left its character references undecoded.
  ["cells apart by literal &nbsp; references", (t) => t.replace(/ \| /g, "&nbsp;|&nbsp;").replace(/　/g, "&#12288;")],
  // A converter that draws its tables' grid with box-drawing characters.
  [
    "tables drawn with box-drawing rules",
    (t) =>
      t
        .split("\n")
        .map((l) => (l.includes("|") ? `${l.replace(/\|/g, "│")}\n${"─".repeat(12)}┼${"─".repeat(12)}` : l))
        .join("\n"),
  ],
  // Reports from Taiwan's and Hong Kong's character sets' users, and simplified ones a site converted.
  ["in Traditional characters (Taiwan)", (t) => TO_TW(t)],
  ["in Traditional characters (Hong Kong)", (t) => TO_HK(t)],
];

/**
 * The template's words as reports print them: variant characters (其它), 合计 for 总计, the long
 * 2021 labels cut short, small words added or dropped. Each must give the same figures as the words
 * the form prints. 其它, 合计 and 逾期未缴纳费用 had cost figures (377, 114 with 10 wrong and sure, 34).
 */
const WORDINGS: [string, (t: string) => string][] = [
  ["其它 for 其他", (t) => t.replace(/其他/g, "其它")],
  ["合计 for 总计", (t) => t.replace(/总计/g, "合计")],
  [
    "(六)其他处理's rows cut short",
    (t) =>
      t
        .replace(/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请/g, "申请人无正当理由逾期不补正")
        .replace(/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请/g, "申请人逾期未缴纳费用"),
  ],
  ["half-width brackets", (t) => t.replace(/（/g, "(").replace(/）/g, ")")],
  ["本年新收申请数量, 上年结转申请数量", (t) => t.replace(/(本年新收|上年结转)政府信息公开申请数量/g, "$1申请数量")],
  ["本年办理结果, 结转下年度办理", (t) => t.replace(/本年度办理结果/g, "本年办理结果").replace(/结转下年度继续办理/g, "结转下年度办理")],
  ["规范性文件 for 行政规范性文件", (t) => t.replace(/行政规范性文件/g, "规范性文件")],
  ["未审结, 维持, 纠正", (t) => t.replace(/尚未审结/g, "未审结").replace(/结果(维持|纠正)/g, "$1")],
  ["确认或者重新出具", (t) => t.replace(/确认或重新出具/g, "确认或者重新出具")],
  ["本年新制发件数, 本年度处理决定数量", (t) => t.replace(/本年制发件数/g, "本年新制发件数").replace(/本年处理决定数量/g, "本年度处理决定数量")],
  ["第二十条第一项", (t) => t.replace(/第二十条第[（(]([一五六八九])[)）]项/g, "第二十条第$1项")],
  ["属于 and 危及 dropped", (t) => t.replace(/属于(?=国家秘密|三类|四类|行政执法|行政查询)/g, "").replace(/危及(?=[“"]?三安全)/g, "")],
  ["本年新收到, 申请数", (t) => t.replace(/本年新收/g, "本年新收到").replace(/申请数量/g, "申请数")],
  // 本年度新收 had lost 表三 whole (1,169 figures over the fixtures: it was looked for as 本年新收),
  // and 危及“三安全一稳定” spelled out as the 2008 regulation words it, 321.
  ["本年度新收, 上年度结转", (t) => t.replace(/本年新收/g, "本年度新收").replace(/上年结转/g, "上年度结转")],
  ["危及国家安全、公共安全、经济安全和社会稳定", (t) => t.replace(/危及[“"]?三安全一稳定[”"]?/g, "危及国家安全、公共安全、经济安全和社会稳定")],
  ["信访、举报、投诉类", (t) => t.replace(/信访举报投诉类申请/g, "信访、举报、投诉类")],
  // Rows worded unlike any form, found by their numbering in their place (read, not sure): printed
  // labels-first, such a row had given its values to the row after it (15 figures wrong and sure
  // in 淮安 2024 for 重复申请 alone).
  [
    "rows worded unlike the form",
    (t) =>
      t
        .replace(/重复申请/g, "反复提出同一申请")
        .replace(/没有现成信息需要另行制作/g, "需另行加工")
        .replace(/保护第三方合法权益/g, "第三方不同意公开"),
  ],
  ["notes after the applicants", (t) => t.replace(/自然人/g, "自然人（公民）").replace(/法律服务机构/g, "法律服务机构（律师事务所）")],
  // The old 统计表, as other provinces and years word its rows (each had been read under its own
  // label, not as the row it is: 互联网申请数 was no 网上申请).
  [
    "统计表: channels and requests worded otherwise",
    (t) =>
      t
        .replace(/网上申请数/g, "互联网申请数")
        .replace(/当面申请数/g, "现场申请数")
        .replace(/信函、传真申请数/g, "信函传真申请数")
        .replace(/政府网站公开数/g, "门户网站公开数")
        .replace(/受理依申请公开信息总数/g, "收到申请总数"),
  ],
  // A list's last row printed 其他 alone ("4.其他" after 不同意公开答复数) is the form's 其他… of that
  // list; it had been a row of its own, out of the list's sum.
  ["统计表: a list's 其他… row printed 其他 alone", (t) => t.replace(/其他(?:类型答复数|方式公开政府信息数|方式回应事件数|形式申请数)/g, "其他")],
  [
    "统计表: answers, review and litigation worded otherwise",
    (t) =>
      t
        .replace(/其他类型答复数/g, "其他答复数")
        .replace(/申请信息不存在/g, "信息不存在")
        .replace(/不属于本行政机关/g, "不属于本机关")
        .replace(/行政复议数/g, "被申请行政复议数")
        .replace(/行政诉讼数/g, "被提起行政诉讼数"),
  ],
];

/** What a report says, without where it says it (line numbers change with the layout). */
function said(r: Report) {
  return {
    who: { org: r.org, region: r.region, fullRegion: r.fullRegion, year: r.year, template: r.template },
    figures: r.figures.map((f) => `${f.metric}${f.slice ? `/${f.slice}` : ""} = ${f.value} (${f.source})`).sort(),
  };
}

function parse(text: string): Report {
  const res = parseReport(text);
  if (!res.ok) throw new Error(res.error);
  return res.report;
}

/**
 * PDF text that prints every table cell on a line of its own (and its labels first, then the
 * numbers column by column) has nothing but the line breaks between its cells: with them removed,
 * "21\n0\n0\n4" is the run 21004, and a block of ninety such cells has no single reading. There the
 * layout may cost figures, said in a warning, but never give one wrong.
 */
/** The layouts that put a whole report on one line. */
const ONE_LINE = new Set(["every line break removed", "a related-reading block after it, on one line"]);
const cellsOnOwnLines = (raw: string) => raw.split("\n").filter((l) => /^\s*\d+(?:\.\d+)?\s*$/.test(l)).length >= 40;

/**
 * Each figure's evidence quotes the original where it was read: its offsets are set and the text
 * between them is what it quotes. (The prepared text is longer than the original where ① is "(1)";
 * the offset map had stopped there, and 平潭 2016's 行政复议 quoted the report's first lines.)
 */
function evidenceOutOfPlace(raw: string, r: Report): string[] {
  const flat = (s: string) =>
    s
      .replace(/\s+/g, " ")
      .replace(/ ?\| ?/g, " ")
      .trim();
  return r.figures.flatMap((f) => {
    const e = f.evidence;
    if (!e?.text) return [];
    if (e.start === undefined || e.end === undefined) return [`${f.metric}: no offsets for “${e.text.slice(0, 30)}”`];
    const head = flat(e.text.split(" | ")[0]!.replace(/…$/, "")).slice(0, 40);
    return flat(raw.slice(e.start, e.end)).includes(head) ? [] : [`${f.metric}: “${head}” is not at ${e.start}–${e.end}`];
  });
}

describe.each(FILES.map((path) => ({ name: path.split("/").slice(-2).join("/"), path })))("$name", ({ path }) => {
  const raw = readFileSync(path, "utf8");
  const base = said(parse(raw));
  it("reads figures at all", () => expect(base.figures.length).toBeGreaterThan(3));
  it("quotes each figure's evidence from where it stands in the original", () => expect(evidenceOutOfPlace(raw, parse(raw))).toEqual([]));
  it("…also with its points numbered ① ② instead of 1. 2.", () => {
    const circled = raw.replace(/(?<![\d.])([1-9])[.、](?=[\u4e00-\u9fff])/g, (_, d: string) => String.fromCharCode(0x245f + Number(d)));
    expect(evidenceOutOfPlace(circled, parse(circled))).toEqual([]);
  });
  it.each(LAYOUTS.map(([layout, fn]) => ({ layout, fn })))("$layout: the same who, when and figures", ({ layout, fn }) => {
    const report = parse(fn(raw));
    const got = said(report);
    if (ONE_LINE.has(layout) && cellsOnOwnLines(raw)) {
      expect(got.who).toEqual(base.who);
      const wrong = got.figures.filter((f) => !base.figures.includes(f) && !/\(narrative\)$/.test(f));
      expect(wrong).toEqual([]);
      const missing = base.figures.filter((f) => !got.figures.includes(f));
      if (missing.length > 0) expect(report.warnings.some((w) => w.code === "TABLE_SHAPE")).toBe(true);
      return;
    }
    expect(got).toEqual(base);
  });
});

/**
 * A page flattened to one line, then saved with hard wraps at a fixed width (a crawler's text file
 * folded, a narrow PDF of a crawled page): the wraps fall anywhere but inside a number, so cells and
 * labels are cut. Figures may be lost, never read otherwise than the report prints them. (A page
 * marker "- 3 -" wrapped to "-\n 3 -" had given 行政强制 the 3, sure.)
 */
describe.each(FILES.map((path) => ({ name: path.split("/").slice(-2).join("/"), path })))("$name, one line re-wrapped", ({ path }) => {
  const raw = readFileSync(path, "utf8");
  const base = new Set(said(parse(raw)).figures);
  it.each([
    [29, " "],
    [37, ""],
  ])("at %i characters, lines joined by %j: no figure the report does not print", (width, by) => {
    const got = said(parse(rewrap(raw.replace(/[ \t]*\r?\n[ \t]*/g, by), width)));
    expect(got.figures.filter((f) => !base.has(f))).toEqual([]);
  });
});

/**
 * An old 统计表 as a crawler saves a page whose HTML has nothing between its table cells: every cell
 * glued to the next, heading rows left blank instead of "——", the value column headed 数量. Glued so,
 * a label's note with its unit after it ("…计1条)条134") had lost 主动公开政府信息数 and 回应热点 from
 * 长寿区 2018, and a blank heading glued to its first row ("数量一、主动公开情况(一)主动公开政府信息数")
 * had put that row under the heading's words.
 */
const GLUED_CELLS = (t: string) => t.replace(/[ \t]*\|[ \t]*/g, "").replace(/\s*\n\s*/g, "");
const STAT_LAYOUTS: [string, (t: string) => string][] = [
  ["cells glued", GLUED_CELLS],
  ["heading rows blank, cells glued", (t) => GLUED_CELLS(t.replace(/——(?=\s*\|\s*\|)/g, ""))],
  ["headed 数量, heading rows blank, cells glued", (t) => GLUED_CELLS(t.replace(/统计数/g, "数量").replace(/——(?=\s*\|\s*\|)/g, ""))],
  // Signed and dated under the table instead of 单位负责人…: the office and its 2019 are no row.
  ["signed and dated under it, cells glued", (t) => GLUED_CELLS(t.replace(/单位负责人[\s\S]*$/, "区人民政府办公室\n2019年1月23日\n"))],
];
const STAT_SEEDS = ["000_2d63126c8570951a.txt", "002_2280456dce613c96.txt"].map((f) => join(SEEDS, f));

describe.each(STAT_SEEDS.map((path) => ({ name: path.split("/").slice(-1)[0], path })))(
  "$name, its 统计表 crawled with nothing between the cells",
  ({ path }) => {
    const raw = readFileSync(path, "utf8");
    const base = said(parse(raw));
    it.each(STAT_LAYOUTS.map(([layout, fn]) => ({ layout, fn })))("$layout: the same who, when and figures", ({ fn }) => {
      expect(said(parse(fn(raw)))).toEqual(base);
    });
  },
);

/**
 * The wordings over the fixtures, and over a report a converter printed as Markdown, whose 表四 is
 * three small tables each headed again (结果维持 … 合计 between the groups' numbers had cut 表四 off
 * after the first group: all fifteen figures lost).
 */
const WORDED = [...FILES, join(FIXTURES, "markdown-2021/input.txt")];

describe.each(WORDED.map((path) => ({ name: path.split("/").slice(-2).join("/"), path })))("$name, worded otherwise", ({ path }) => {
  const raw = readFileSync(path, "utf8");
  const cases = WORDINGS.map(([wording, fn]) => ({ wording, text: fn(raw) })).filter((c) => c.text !== raw);
  it.each(cases)("$wording: the same who, when and figures", ({ text }) => {
    expect(said(parse(text))).toEqual(said(parse(raw)));
  });
});

/**
 * A zero cell printed as a blank mark ("—", "/"): the cell reads blank, and every other figure keeps
 * its value (a figure may lose its certainty where the blanks leave two readings, never its value).
 * PDF text with its 表三 read column by column, zeros as "—", had read the 总计 column as 其他 and
 * added it to itself (洪泽区 2023: 收到申请 42, sure, for 21).
 */
const ZERO_MARKS: [string, (t: string) => string][] = ["—", "/"].map((mark): [string, (t: string) => string] => [
  `zero cells printed "${mark}"`,
  (t) =>
    t
      .split("\n")
      .map((l) => (/^\s*0\s*$/.test(l) ? l.replace("0", mark) : l.includes("|") ? l.replace(/\|\s*0\s*(?=\||$)/g, `| ${mark} `) : l))
      .join("\n"),
]);

// (The crawled one-line reports glue their zeros to their neighbours: no cell of its own to mark.)
const MARKABLE = WORDED.filter((path) => ZERO_MARKS.some(([, fn]) => fn(readFileSync(path, "utf8")) !== readFileSync(path, "utf8")));

describe.each(MARKABLE.map((path) => ({ name: path.split("/").slice(-2).join("/"), path })))("$name, zeros printed as blank marks", ({ path }) => {
  const raw = readFileSync(path, "utf8");
  const cases = ZERO_MARKS.map(([marks, fn]) => ({ marks, text: fn(raw) })).filter((c) => c.text !== raw);
  const key = (f: Report["figures"][number]) => `${f.metric}${f.slice ? `/${f.slice}` : ""} (${f.source})`;
  it.each(cases)("$marks: blank where 0, the same value elsewhere", ({ text }) => {
    const before = new Map(parse(raw).figures.map((f) => [key(f), f.value]));
    const changed = parse(text).figures.flatMap((f) => {
      const was = before.get(key(f));
      if (was === undefined || was === f.value || (was === 0 && f.value === null)) return [];
      return [`${key(f)}: ${was} → ${f.value}${f.certain ? " (sure)" : ""}`];
    });
    expect(changed).toEqual([]);
  });
});

/**
 * The crawler's text of a page whose HTML has no whitespace between its tags: the spaces between
 * cells and words gone, every cell glued to the next. The real reports give the same who and when,
 * no figure read otherwise or sure where it was not, and lose only what a warning names: glued,
 * "2、政府公报公开条0" could be 0 | 空 or 空 | 0 (a page that leaves its zeros blank prints both so).
 */
describe.each(readdirSync(PINGTAN).filter((f) => f.endsWith(".txt")))("%s, every space removed", (name) => {
  it("gives the same who and when, and no figure otherwise", () => {
    const raw = readFileSync(join(PINGTAN, name), "utf8");
    const [spaced, glued] = [parse(raw), parse(raw.replace(/[ \u3000\t]+/g, ""))];
    expect(said(glued).who).toEqual(said(spaced).who);
    const before = new Set(said(spaced).figures);
    expect(said(glued).figures.filter((f) => !before.has(f))).toEqual([]);
    const sureBefore = new Set(spaced.figures.filter((f) => f.certain).map((f) => `${f.metric}/${f.slice ?? ""}/${f.source}`));
    expect(glued.figures.filter((f) => f.certain && !sureBefore.has(`${f.metric}/${f.slice ?? ""}/${f.source}`))).toEqual([]);
    const warned = new Set(glued.warnings.filter((w) => w.code === "TABLE_SHAPE").flatMap((w) => w.metrics));
    const kept = new Set(glued.figures.map((f) => `${f.metric}/${f.slice ?? ""}`));
    const lost = spaced.figures.filter((f) => !kept.has(`${f.metric}/${f.slice ?? ""}`));
    expect(lost.filter((f) => !warned.has(f.metric)).map((f) => f.metric)).toEqual([]);
    if (name.startsWith("05_"))
      expect(glued.warnings.map((w) => w.message)).toContain("统计表“政府公报公开”一行只有一个数字（0），表头有2列，不知在哪一栏，未读取。");
  });
});

describe("a saved web page and the crawler's text of the same page", () => {
  it.each(["pingtan-2013-html", "pingtan-2024-html"])("%s: the same who, when and figures", async (name) => {
    const { extractText } = await import("../../src/extract.js");
    const dir = join(FIXTURES, name);
    const page = await extractText("input.html", readFileSync(join(dir, "input.html")));
    if (!page.ok) throw new Error(page.error);
    const fromPage = said(parse(page.text));
    expect(fromPage).toEqual(said(parse(readFileSync(join(dir, "crawler.txt"), "utf8"))));
    expect(fromPage.figures.filter((f) => f.endsWith("(table)")).length).toBeGreaterThan(20);
  });
});
