// Real report text re-laid the ways tables also arrive: the 总计 column left blank (上海 2019
// did), and the 统计表 flattened to one line per row without pipes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readings } from "../../src/parse/cuts.js";
import { parseReport } from "../../src/parse/report.js";
import { FIXTURES, SEED, SEEDS } from "../helpers/reports.js";

const fig = (text: string, metric: string, slice?: string) => {
  const res = parseReport(text);
  if (!res.ok) throw new Error(res.error);
  return res.report.figures.filter((f) => f.metric === metric && (f.slice ?? undefined) === slice);
};

describe("表三 with the 总计 column blank", () => {
  // 西湖区 2019, one cell per line: drop the 7th value of every row that has seven.
  const lines = readFileSync(join(SEEDS, SEED.xihu), "utf8").split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    const next7 = lines.slice(i + 1, i + 8);
    if (i > 80 && i < 270 && !/^\d+$/.test(lines[i]!) && next7.length === 7 && next7.every((l) => /^\d+$/.test(l))) {
      out.push(...next7.slice(0, 6));
      i += 7;
    }
  }
  const text = out.join("\n");

  it("keeps the blank as blank and gives the sum of the six columns beside it", () => {
    const figs = fig(text, "requests.received");
    expect(figs.find((f) => f.source === "table")?.value).toBeNull();
    expect(figs.find((f) => f.source === "derived")).toMatchObject({ value: 13, note: expect.stringContaining("总计栏空白") });
    expect(fig(text, "requests.received", "natural_person")[0]!.value).toBe(11);
    expect(fig(text, "requests.result.granted", "other_org")[0]!.value).toBe(2);
  });
});

describe("统计表 as one line per row, cells separated by spaces", () => {
  const text = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8").replace(/ \| /g, "  ").replace(/ \|$/gm, "");
  it("reads the rows", () => {
    expect(fig(text, "proactive.channel.weibo")[0]!.value).toBe(1500);
    expect(fig(text, "litigation.total")[0]!.value).toBe(1);
    expect(fig(text, "training.trainees")[0]!.value).toBe(36);
  });
});

describe("统计表 with a column after the values that holds nothing (备注, or a web page's empty cell)", () => {
  const raw = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8");
  const rows = (cell: string, header = "") =>
    raw.replace(/^(统 计 指 标 \| 单位 \| 统计数 \|)$/m, `$1${header}`).replace(/^(.+\|.+\|.*) \|$/gm, `$1 | ${cell} |`);
  it.each([
    ["an empty cell at the end of every row", rows("")],
    ["a 备注 column of 无", rows("无", " 备注 |")],
    ["a 备注 column left empty", rows("", " 备注 |")],
  ])("%s: reads every row as without it", (_, text) => {
    expect(text).not.toEqual(raw);
    expect(fig(text, "proactive.total")[0]!.value).toBe(1706);
    expect(fig(text, "proactive.channel.weibo")[0]!.value).toBe(1500);
    expect(fig(text, "response.hotspots")[0]!.value).toBe(3);
    expect(fig(text, "litigation.total")[0]!.value).toBe(1);
    expect(fig(text, "training.trainees")[0]!.value).toBe(36);
  });
});

describe("表二/表三 as pdftotext prints a page's tables in the stream's order (平潭 2024, saved page)", () => {
  const page = async () => {
    const { extractText } = await import("../../src/extract.js");
    const ex = await extractText("input.html", new Uint8Array(readFileSync(join(FIXTURES, "pingtan-2024-html/input.html"))));
    if (!ex.ok) throw new Error(ex.error);
    return ex.text;
  };
  it("an item's values printed between its first label and the next (规章 0 0 0 62 33 440 行政规范性文件) are the rows', in turn", async () => {
    const text = (await page()).replace("规章 | 0 | 0 | 0 |\n行政规范性文件 | 62 | 33 | 440 |", "规章\n0\n0\n0\n62\n33\n440\n行政规范性文件");
    expect(text).toContain("440\n行政规范性文件");
    expect(fig(text, "art20.normative_docs.issued")[0]).toMatchObject({ value: 62 });
    expect(fig(text, "art20.normative_docs.in_force")[0]).toMatchObject({ value: 440 });
    expect(fig(text, "art20.rules.in_force")[0]).toMatchObject({ value: 0 });
  });
  it("表三: the values of two rows printed after the first's label and before the second's are the two rows', in turn", async () => {
    const a = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
    const b = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
    const text = (await page()).replace(`${a} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n${b} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`, `${a}\n1 0 0 0 0 0 1 0 0 0 0 0 0 0\n${b}`);
    expect(text).toContain(`0 0\n${b}`);
    expect(fig(text, "requests.result.other.no_correction")[0]).toMatchObject({ value: 1, certain: true });
    expect(fig(text, "requests.result.other.no_correction", "natural_person")[0]).toMatchObject({ value: 1 });
    expect(fig(text, "requests.result.other.fee_unpaid")[0]).toMatchObject({ value: 0 });
    expect(fig(text, "requests.result.total")[0]).toMatchObject({ value: 218 });
  });
  it("表三 as pdftotext -layout prints a narrow label column: each label wrapped around its row's numbers", async () => {
    const page0 = await page();
    // "1.属于国家秘密 | 4 | 0 | … | 4 |" → "1.属于国家" / "4 0 0 0 0 0 4" / "秘密"; a side cell's words
    // in the lines of one of them ("（三） 4.保护第三" / … / "不予公 方合法权益" / "开").
    const wrapped = page0
      .split("\n")
      .map((line) => {
        const cells = line.replace(/ \|$/, "").split(" | ");
        const at = cells.findIndex((c) => /^\d\.[\u4e00-\u9fff“”]{5,}$/.test(c));
        if (at < 0 || cells.length !== at + 8) return line;
        const label = cells[at]!;
        const values = cells.slice(at + 1, at + 8).join(" ");
        // The side cell (三)不予公开 printed in the lines beside 4.保护第三方合法权益.
        if (label.startsWith("4.保护")) return `（三） ${label.slice(0, 6)}\n${values}\n不予公 ${label.slice(6)}\n开`;
        if (label.startsWith("2.没有")) return `（四） ${label.slice(0, 6)}\n无法提 ${label.slice(6, 10)} ${values}\n供 ${label.slice(10)}`;
        return `${label.slice(0, 6)}\n${values}\n${label.slice(6)}`;
      })
      .join("\n");
    const text = wrapped;
    expect(text).toContain("1.属于国家\n4 0 0 0 0 0 4\n秘密");
    expect(text).toContain("（三） 4.保护第三\n3 0 0 0 0 0 3\n不予公 方合法权益\n开");
    expect(text).toContain("（四） 2.没有现成\n无法提 信息需要 0 0 0 0 0 0 0\n供 另行制作");
    const table = (t: string) => {
      const res = parseReport(t);
      if (!res.ok) throw new Error(res.error);
      return res.report.figures
        .filter((f) => f.metric.startsWith("requests.result.") && f.source === "table")
        .map((f) => `${f.metric}/${f.slice ?? ""} = ${f.value}`)
        .sort();
    };
    expect(table(page0).length).toBeGreaterThan(140);
    expect(table(text)).toEqual(table(page0));
  });
  it("表二 in a PDF stream's order (a column of item (一) printed after the labels of (五) and (六)) gives no row another's value", async () => {
    const page0 = await page();
    const from = page0.indexOf("第二十条第（一）项 |");
    const to = page0.indexOf("行政事业性收费 | 18651.06 |");
    const scrambled = [
      "第二十条第（一）项",
      "信息内容",
      "本年制发件数 本年废止件数",
      "规章",
      "0",
      "0",
      "行政规范性文件",
      "62",
      "33",
      "第二十条第（五）项",
      "信息内容",
      "行政许可",
      "第二十条第（六）项",
      "信息内容",
      "行政处罚",
      "行政强制",
      "第二十条第（八）项",
      "现行有效件数",
      "0",
      "440",
      "本年处理决定数量",
      "4529",
      "本年处理决定数量",
      "1100",
      "65",
      "信息内容",
      "行政事业性收费",
      "本年收费金额（单位：万元）",
      "18651.06",
    ].join("\n");
    const text = page0.slice(0, from) + scrambled + page0.slice(to + "行政事业性收费 | 18651.06 |".length);
    expect(text).toContain("行政强制\n第二十条第（八）项\n现行有效件数\n0\n440");
    const truth: Record<string, number> = {
      "art20.licensing.decisions": 4529,
      "art20.penalty.decisions": 1100,
      "art20.coercion.decisions": 65,
      "art20.rules.in_force": 0,
      "art20.normative_docs.in_force": 440,
    };
    for (const [metric, value] of Object.entries(truth)) for (const f of fig(text, metric)) expect(f.value).toBe(value);
  });
  it("two labels printed out of the form's order ((七)总计 before 3.其他) leave the values after them unread, never 3.其他's", async () => {
    const text = (await page()).replace(
      "3.其他 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n（七）总计 | 217 | 1 | 0 | 0 | 0 | 0 | 218 |",
      "（七）总计\n3.其他\n217 1 0 0 0 0 218",
    );
    expect(text).toContain("（七）总计\n3.其他");
    expect(fig(text, "requests.result.other.misc")).toEqual([]);
    expect(fig(text, "requests.result.granted")[0]).toMatchObject({ value: expect.any(Number) });
    const res = parseReport(text);
    expect(res.ok && res.report.warnings.some((w) => w.message.includes("次序颠倒"))).toBe(true);
  });
});

describe("统计表 as pdftotext -layout prints a narrow label column: a label's note wrapped around the row's unit and value", () => {
  const raw = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8");
  const text = raw.replace("(一)主动公开政府信息数 | 条 | 1706 |", "(一)主动公开政府信息数(不同渠道和方式公开相同信\n条    1706\n息计1条)");
  it("a note's own number, spaced as LibreOffice prints it (计 1 条), stays the note's", () => {
    const spaced = raw.replace("(一)主动公开政府信息数 | 条 | 1706 |", "(一)主动公开政府信息数(不同渠道和方式公开相同信息计 1 条) 条 1706");
    expect(fig(spaced, "proactive.total")[0]).toMatchObject({ value: 1706, certain: true });
  });
  it("reads the value, not the note's 1", () => {
    expect(text).not.toEqual(raw);
    expect(fig(text, "proactive.total")[0]).toMatchObject({ value: 1706, certain: true });
    expect(fig(text, "proactive.normative_docs")[0]!.value).toBe(68);
    expect(fig(text, "proactive.channel.weibo")[0]!.value).toBe(1500);
  });
});

describe("统计表 crawled as the crawler flattens a page: cells glued, a heading's —— between two labels", () => {
  // 小板桥 2018 as a page's text nodes run together: "二、回应解读情况——(一)回应公众关注热点或重大舆情数次3…".
  // The form's note on the first row, and its heading's total left blank, as the national form prints them.
  const text = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8")
    .replace("一、主动公开情况 | —— | 1706 |", "一、主动公开情况 | —— | |")
    .replace("(一)主动公开政府信息数 |", "(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条) |")
    .replace(/\s*\|\s*/g, "")
    .replace(/\n/g, "");
  it("reads the row after the heading", () => {
    expect(text).toContain("一、主动公开情况——(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)条1706");
    expect(text).toContain("二、回应解读情况——(一)回应公众关注热点或重大舆情数次3");
    expect(fig(text, "response.hotspots")[0]).toMatchObject({ value: 3 });
    expect(fig(text, "proactive.total")[0]).toMatchObject({ value: 1706 });
    expect(fig(text, "review.total")[0]).toMatchObject({ value: 0 });
  });
});

describe("统计表 crawled with blank value cells: a row's label and unit glued to the next row's label", () => {
  // 小板桥 2018 with two rows left blank, as forms often are, then flattened as the crawler does:
  // "其中:涉及国家秘密件0涉及商业秘密件涉及个人隐私件0". The blank row's neighbour had lent it its value
  // (涉及商业秘密 0, sure) and lost its own.
  const raw = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8")
    .replace("其中:主动公开规范性文件数 | 条 | 68 |", "其中:主动公开规范性文件数 | 条 | |")
    .replace("涉及商业秘密 | 件 | 0 |", "涉及商业秘密 | 件 | |");
  it.each([
    ["glued", raw.replace(/\s*\|\s*/g, "").replace(/\n/g, "")],
    ["a space between rows", raw.replace(/\s*\|\s*/g, "").replace(/\n/g, " ")],
  ])("reads each row's own value and none for the blank ones (%s)", (_layout, text) => {
    expect(text).toMatch(/其中:涉及国家秘密件0 ?涉及商业秘密件 ?涉及个人隐私件0/);
    expect(fig(text, "proactive.normative_docs")).toEqual([]);
    expect(fig(text, "proactive.normative_docs_issued")[0]).toMatchObject({ value: 126, certain: true });
    expect(fig(text, "requests.result.withheld.commercial_secret")).toEqual([]);
    expect(fig(text, "requests.result.withheld.privacy")[0]).toMatchObject({ value: 0, certain: true });
    expect(fig(text, "requests.result.withheld.state_secret")[0]).toMatchObject({ value: 0, certain: true });
  });
});

describe("统计表 as pdftotext prints a borderless table: the labels, then the header, then each row's unit and value", () => {
  const raw = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8");
  const lines = raw.split("\n");
  const first = lines.findIndex((l) => l.startsWith("一、主动公开情况"));
  const last = lines.findIndex((l) => l.startsWith("(三)其他情形数") && lines.indexOf(l) > first + 30);
  const rows = lines.slice(first, last + 1).map((l) => l.replace(/ \|$/, "").split(" | "));
  const text = [
    ...lines.slice(0, first - 1),
    "统计指标",
    ...rows.map((r) => r[0]),
    "单位 统计数",
    ...rows.map((r) => `${r[1]}\n${r[2] ?? ""}`),
    ...lines.slice(last + 1),
  ].join("\n");
  it("reads each row's value", () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(text).toContain("单位 统计数\n——\n1706\n条\n1706");
    const base = (t: string) => {
      const res = parseReport(t);
      if (!res.ok) throw new Error(res.error);
      return res.report.figures
        .filter((f) => f.source === "table")
        .map((f) => `${f.metric} = ${f.value}`)
        .sort();
    };
    expect(base(text)).toEqual(base(raw));
  });
});

describe("统计表 as pdftotext -layout prints labels wrapped after their row's values", () => {
  // "其中:主动公开规范性 | 条 | 68 |" then "文件数" on the next line: every label cut at its 10th character.
  const raw = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8");
  const text = raw
    .split("\n")
    .map((l) => {
      const m = /^([^|\d]{14,}?)( *\|.*)$/.exec(l);
      return m ? `${m[1]!.slice(0, 10)}${m[2]}\n${m[1]!.slice(10)}` : l;
    })
    .join("\n");
  it("gives the rest back to its label: the rows read as in the report", () => {
    expect(text).toContain("其中:主动公开规范性| 条 | 68 |\n文件数");
    expect(fig(text, "proactive.normative_docs")[0]).toMatchObject({ value: 68 });
    expect(fig(text, "response.hotspots")[0]).toMatchObject({ value: 3 });
    expect(fig(text, "response.press_conferences.leaders")[0]).toMatchObject({ value: 0 });
    expect(fig(text, "proactive.normative_docs_issued")[0]).toMatchObject({ value: 126 });
  });
});

describe("统计表 in PDF text read column by column: a page's labels, then their units, then their values", () => {
  /** The table's rows (label, unit, value) printed a block of `page` rows at a time, column after column. */
  const columnMajor = (file: string, page: number) => {
    const lines = readFileSync(join(SEEDS, file), "utf8").split("\n");
    const start = lines.findIndex((l) => /^统\s*计\s*指\s*标/.test(l)) + 1;
    const rows: string[][] = [];
    let end = start;
    if (lines[start]!.split("|").length >= 4) {
      // one row per line: "label | unit | value |"
      for (; end < lines.length && lines[end]!.split("|").length >= 4; end++)
        rows.push(
          lines[end]!.split("|")
            .slice(0, 3)
            .map((c) => c.trim()),
        );
    } else {
      // one cell per line, the header's three cells first: "label |" "unit |" "value |"
      const from = start + 2;
      const cells: string[] = [];
      for (end = from; end < lines.length && lines[end]!.endsWith("|"); end++) cells.push(lines[end]!.slice(0, -1).trim());
      for (let i = 0; i + 2 < cells.length; i += 3) rows.push(cells.slice(i, i + 3));
      return [...lines.slice(0, from), ...blocks(rows, page), ...lines.slice(end)].join("\n");
    }
    return [...lines.slice(0, start), ...blocks(rows, page), ...lines.slice(end)].join("\n");
  };
  const blocks = (rows: string[][], page: number) => {
    const out: string[] = [];
    for (let b = 0; b < rows.length; b += page) {
      const blk = rows.slice(b, b + page);
      out.push(...blk.map((r) => r[0]!), ...blk.map((r) => r[1]!), ...blk.map((r) => r[2]!).filter(Boolean));
    }
    return out;
  };
  const tableFigures = (text: string) => {
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    return res.report.figures.filter((f) => f.source === "table").map((f) => `${f.metric}${f.slice ? `/${f.slice}` : ""} = ${f.value}`);
  };

  it.each([20, 1000])("长寿区 2018 (headings without values), %i rows a page: every figure of the table", (page) => {
    const base = tableFigures(readFileSync(join(SEEDS, SEED.changshou), "utf8"));
    expect(tableFigures(columnMajor(SEED.changshou, page)).sort()).toEqual(base.sort());
  });
  it.each([15, 25, 1000])("小板桥街道 2018 (some headings with subtotals), %i rows a page: no figure wrong", (page) => {
    const base = tableFigures(readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8"));
    const got = tableFigures(columnMajor(SEED.xiaobanqiao, page));
    expect(got.filter((f) => !base.includes(f))).toEqual([]);
    if (page === 15) expect(got.length).toBeGreaterThan(base.length / 2);
  });
});

describe("统计表 printing last year and the change beside this year (本年度 | 上年度 | 增减)", () => {
  // 小板桥街道 2018 with two columns added: last year (half, plus one) and the change.
  const relaid = (header: string, columns: number) =>
    readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8")
      .split("\n")
      .map((l) => {
        if (l.startsWith("统 计 指 标")) return header;
        const m = /^(.*\| (?:——|\S+) \| )(\d*) \|$/.exec(l);
        if (!m) return l;
        if (m[2] === "") return `${m[1]} |${"  |".repeat(columns - 1)}`;
        const v = Number(m[2]);
        const last = Math.floor(v / 2) + 1;
        return `${m[1]}${[v, last, v - last].slice(0, columns).join(" | ")} |`;
      })
      .join("\n");
  const flattened = (t: string) => t.replace(/\n/g, "").replace(/ \| ?/g, "");
  const current = (text: string) => {
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    return new Map(res.report.figures.filter((f) => f.source === "table" && !f.slice).map((f) => [f.metric, f.value]));
  };
  const base = current(readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8"));

  it.each([
    ["统计指标 | 单位 | 本年度 | 上年度 | 增减 |", 3],
    ["统计指标 | 单位 | 2018年 | 2017年 | 增减 |", 3],
    ["统计指标 | 计量单位 | 本年度 | 上年度 |", 2],
  ] as const)("%s: this year's figures are the report's, as printed and flattened", (header, columns) => {
    const text = relaid(header, columns);
    expect(current(text)).toEqual(base);
    const flat = current(flattened(text));
    const wrong = [...flat].filter(([metric, value]) => base.get(metric) !== value);
    expect(wrong).toEqual([]);
    // With the change printed, 增减 = 本年 − 上年 picks the one cut of every glued row.
    if (columns === 3) expect(flat.size).toBe(base.size);
  });
  it("keeps last year's column and the change as columns of their own", () => {
    const figs = fig(relaid("统计指标 | 单位 | 本年度 | 上年度 | 增减 |", 3), "proactive.channel.weibo", "上年度");
    expect(figs[0]!.value).toBe(751);
    expect(fig(flattened(relaid("统计指标 | 单位 | 本年度 | 上年度 | 增减 |", 3)), "proactive.channel.gazette", "增减")[0]!.value).toBe(-1);
  });
});

describe("a report converted to Markdown (headings with #, tables with |---| rules)", () => {
  // 沭阳县 2025 as a document converter gives it: a real report, 2021 template.
  const text = readFileSync(join(import.meta.dirname, "../fixtures/reports/markdown-2021/input.txt"), "utf8");
  const res = parseReport(text);
  if (!res.ok) throw new Error(res.error);
  const r = res.report;
  const get = (m: string, slice?: string) => r.figures.find((f) => f.metric === m && (f.slice ?? undefined) === slice && f.source !== "narrative")?.value;
  it("names the issuer and year without the Markdown marks", () => {
    expect(r.org).toBe("沐阳县人民政府");
    expect(r.year).toBe(2025);
    expect(r.template).toBe("gbf2021");
  });
  it("reads every table, skipping the rules and the repeated header row", () => {
    expect(get("art20.normative_docs.in_force")).toBe(32);
    expect(get("art20.licensing.decisions")).toBe(517645);
    expect(get("art20.fees.amount")).toBe(4068.208);
    expect(get("requests.received")).toBe(713);
    expect(get("requests.received", "natural_person")).toBe(705);
    expect(get("requests.result.other.fee_unpaid")).toBe(7);
    expect(get("requests.result.total")).toBe(718);
    expect(get("requests.carried_forward")).toBe(31);
    expect(get("review.total")).toBe(61);
    expect(get("litigation.total")).toBe(13);
    expect(r.warnings.filter((w) => w.code === "TABLE_SHAPE")).toEqual([]);
  });
  it("reads the prose figures, and 749 受理 = 713 新收 + 36 结转 is not a contradiction", () => {
    expect(r.figures.find((f) => f.metric === "fees.info_processing")?.value).toBe(380);
    expect(r.figures.find((f) => f.metric === "response.interpretations" && f.source === "narrative")?.value).toBe(21);
    expect(r.warnings.filter((w) => w.code === "TABLE_NARRATIVE_MISMATCH")).toEqual([]);
  });
});

describe("a published web page with blank cells (上海市人民政府办公厅 2019, excerpt)", () => {
  it("keeps blank cells blank, gives sums as derived, and reads the prose without mixing 予以公开及部分公开", async () => {
    const { extractText } = await import("../../src/extract.js");
    const html = readFileSync(join(import.meta.dirname, "../fixtures/reports/shanghai-2019-html/input.html"));
    const ex = await extractText("input.html", html);
    if (!ex.ok) throw new Error(ex.error);
    const res = parseReport(ex.text);
    if (!res.ok) throw new Error(res.error);
    const r = res.report;
    const all = (m: string, slice?: string) => r.figures.filter((f) => f.metric === m && (f.slice ?? undefined) === slice);
    expect(r.org).toBe("上海市人民政府办公厅");
    expect(r.year).toBe(2019);
    expect(all("requests.received")[0]!.value).toBe(859);
    // 予以公开: 总计 blank in the table; 自然人 258 + 商业企业 12 + 法律服务机构 1 + 其他 1
    expect(all("requests.result.granted").find((f) => f.source === "table")!.value).toBeNull();
    expect(all("requests.result.granted").find((f) => f.source === "derived")!.value).toBe(272);
    expect(all("requests.result.granted", "research")[0]!.value).toBeNull();
    expect(all("review.total")[0]!.value).toBe(7);
    expect(all("review.corrected")[0]!.value).toBeNull();
    expect(all("art20.procurement.amount")[0]).toMatchObject({ value: 251000, unit: "元" });
    const prose = (m: string) => r.figures.find((f) => f.metric === m && f.source === "narrative")?.value;
    expect(prose("requests.result.partial")).toBeUndefined(); // "予以公开及部分公开258件" is both
    expect(prose("requests.result.withheld")).toBe(35);
    expect(prose("requests.result.not_processed")).toBe(158);
  });
});

describe("titles as web pages and PDFs print them", () => {
  const meta = (text: string) => {
    const r = parseReport(text);
    if (!r.ok) throw new Error(r.error);
    return { org: r.report.org, region: r.report.region, year: r.report.year };
  };
  it("a title broken after the year (宿州市人民政府2016年 / 政府信息公开工作年度报告)", () => {
    expect(
      meta(
        "宿州市人民政府2016年\n政府信息公开工作年度报告\n宿州市人民政府办公室\n2017年3月\n本年度报告中使用数据统计期限为2016年1月1日至12月31日。\n一、概述\n2016年,全市共收到政府信息公开申请120件。",
      ),
    ).toEqual({ org: "宿州市人民政府", region: "宿州市", year: 2016 });
  });
  it("no title line, the report named in the first sentence, an index table above it", () => {
    expect(
      meta(
        "索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 |\n根据《中华人民共和国政府信息公开条例》规定,现公布泰州市人民政府2017年政府信息公开工作年度报告。报告所列数据的统计期限自2017年1月1日起至12月31日止。\n一、主要工作概述\n全市共收到政府信息公开申请300件。",
      ),
    ).toEqual({ org: "泰州市人民政府", region: "泰州市", year: 2017 });
  });
});

describe("department reports as their web pages print them (excerpts)", () => {
  const read = (text: string) => {
    const r = parseReport(text);
    if (!r.ok) throw new Error(r.error);
    return {
      org: r.report.org,
      region: r.report.region,
      level: r.report.level,
      year: r.report.year,
      figures: Object.fromEntries(r.report.figures.map((f) => [f.metric, f.value])),
    };
  };
  it("names the body from the 编制 sentence and reads 未发生…行政复议和行政诉讼 as zero", () => {
    const r = read(
      "发布时间:\n根据《中华人民共和国政府信息公开条例》(国务院令第711号)要求,由信访局结合有关统计数据编制。本年度报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n2021年,我局收到政府信息依申请公开办理事项1件。2021年,我局未发生依申请公开政府信息方面的行政复议和行政诉讼。",
    );
    expect(r).toMatchObject({ org: "信访局", level: "department", year: 2021, figures: { "requests.received": 1, "review.total": 0, "litigation.total": 0 } });
  });
  it("names the body and its region from the contact sentence", () => {
    const r = read(
      "根据《中华人民共和国政府信息公开条例》要求,编制我局2021年度政府信息公开年度报告。本年度报告中所列数据的统计期限自2021年1月1日至2021年12月31日止。如对本报告有任何疑问,请与昌江区工信局办公室联系(地址:景德镇市瓷都大道836号)。\n一、总体情况\n2021年,区工信局主动公开政府信息合计76条。",
    );
    expect(r).toMatchObject({ org: "昌江区工信局", region: "昌江区", level: "department", year: 2021, figures: { "proactive.total": 76 } });
  });
});

describe("a five-column 统计表 row whose digits ran together (蚌埠 2018, one row glued)", () => {
  // "(一)收到申请数件2710536487": label, unit and the five columns 27|105|36|48|7 in one cell, as a
  // web table copied without separators prints it.
  const lines = readFileSync(join(SEEDS, SEED.bengbu), "utf8").split("\n");
  const glue = (label: string) => {
    const i = lines.findIndex((l) => l.startsWith(label));
    const cells = lines.slice(i, i + 7).map((l) => l.replace(/ \|$/, ""));
    lines.splice(i, 7, `${cells.join("")} |`);
    return cells.join("");
  };
  it("splits it the one way the channels (当面+传真+网络+信函) add up to, and says so", () => {
    const text = [...lines];
    const i = text.findIndex((l) => l.startsWith("(一)收到申请数"));
    const glued = text
      .slice(i, i + 7)
      .map((l) => l.replace(/ \|$/, ""))
      .join("");
    expect(glued).toBe("(一)收到申请数件2710536487");
    text.splice(i, 7, `${glued} |`);
    const res = parseReport(text.join("\n"));
    if (!res.ok) throw new Error(res.error);
    const figs = res.report.figures.filter((f) => f.metric === "requests.received");
    const cols = ["市政府", "市直单位", "县区政府", "县区直属单位", "乡镇政府"];
    expect(cols.map((c) => figs.find((f) => f.slice === c)?.value)).toEqual([27, 105, 36, 48, 7]);
    expect(figs.find((f) => f.slice === "市政府")?.note).toContain("拆分为 27 | 105 | 36 | 48 | 7");
    expect(figs.find((f) => f.source === "derived")?.value).toBe(223);
    expect(figs.find((f) => f.slice === "市政府")?.evidence.text).toBe("(一)收到申请数件2710536487");
    expect(res.report.warnings.filter((w) => w.code === "TABLE_SHAPE")).toEqual([]);
  });
  it("leaves a glued row unread, with a warning, when no identity decides it", () => {
    const digits = glue("3.政策解读稿件发布数");
    expect(digits).toBe("3.政策解读稿件发布数篇1608321012101101468");
    const res = parseReport(lines.join("\n"));
    if (!res.ok) throw new Error(res.error);
    expect(res.report.figures.filter((f) => f.metric === "stat.政策解读稿件发布数")).toEqual([]);
    expect(res.report.warnings.some((w) => w.code === "TABLE_SHAPE" && w.message.includes("（1608321012101101468）"))).toBe(true);
  });
});

/** Every cut of one glued run into k well-formed numbers. */
const cutsOf = (raw: string, k: number) => readings([{ kind: "num", raw, start: 0, end: raw.length, gap: 0 }], k).map((r) => r.values);

describe("the cuts of a glued run", () => {
  it("lists every reading, without leading zeros, a decimal point never at a cut, and no more than a bounded number", () => {
    const all = cutsOf("4251516", 2);
    expect(all).toHaveLength(6);
    expect(all).toContainEqual([425, 1516]);
    expect(cutsOf("1005", 2)).toEqual([[100, 5]]); // 1|005 and 10|05 are not numbers as printed
    expect(cutsOf("24252.311082", 1)).toEqual([[24252.311082]]); // a decimal stays whole
    expect(cutsOf("12.5100", 2)).toEqual(expect.arrayContaining([[12.5, 100]]));
    expect(cutsOf("12.5100", 2)).not.toContainEqual([12, 0.51]); // "12|.5100" is no number
    expect(cutsOf("1".repeat(60), 8).length).toBeLessThanOrEqual(20000);
  });
});

describe("a 表三 row whose seven cells ran together (沭阳 2021 as Markdown, one row glued)", () => {
  const base = readFileSync(join(import.meta.dirname, "../fixtures/reports/markdown-2021/input.txt"), "utf8");
  const row = (text: string, metric: string) => {
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    const figs = res.report.figures.filter((f) => f.metric === metric && f.source === "table");
    return { figs, warnings: res.report.warnings, values: figs.map((f) => f.value) };
  };
  it("splits 29010030294 into 290|1|0|0|3|0|294: 总计 = the six columns, and (七)总计 = the outcome rows", () => {
    const text = base.replace("| 予以公开 | 290 | 1 | 0 | 0 | 3 | 0 | 294 |", "| 予以公开 | 29010030294 |");
    expect(text).not.toBe(base);
    const { figs, values, warnings } = row(text, "requests.result.granted");
    expect(values).toEqual([290, 1, 0, 0, 3, 0, 294]);
    expect(figs[0]!.note).toContain("拆分为 290 | 1 | 0 | 0 | 3 | 0 | 294");
    expect(warnings.filter((w) => w.code === "TABLE_SHAPE" || w.code === "SUM_MISMATCH")).toEqual([]);
  });
  it("decides 11100000111 (111|0|…|111 or 1|110|…|111) by the column identity (七)总计 = the outcome rows", () => {
    const ambiguous = cutsOf("11100000111", 7).filter((v) => v.slice(0, 6).reduce<number>((a, b) => a + (b ?? 0), 0) === v[6]);
    expect(ambiguous).toHaveLength(2);
    const text = base.replace("| 1. 本机关不掌握相关政府信息 | 111 | 0 | 0 | 0 | 0 | 0 | 111 |", "| 1. 本机关不掌握相关政府信息 | 11100000111 |");
    expect(text).not.toBe(base);
    expect(row(text, "requests.result.unable.not_held").values).toEqual([111, 0, 0, 0, 0, 0, 111]);
  });
  it("a 第二十条 row with its cells run together (| 行政规范性文件 | 6132 |) is cut the one way 本年制发 ≤ 现行有效 allows, marked uncertain, and takes nothing from the rows below", () => {
    const text = base.replace("| 行政规范性文件 | 6 | 1 | 32 |", "| 行政规范性文件 | 6132 |");
    expect(text).not.toBe(base);
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    const figs = res.report.figures;
    const docs = ["issued", "repealed", "in_force"].map((k) => figs.find((f) => f.metric === `art20.normative_docs.${k}`));
    expect(docs.map((f) => f?.value)).toEqual([6, 1, 32]); // 61|3|2 and 6|13|2 would have more issued than in force
    expect(docs.every((f) => f!.certain === false && f!.note!.includes("原文数字连在一起（6132）"))).toBe(true);
    expect(figs.find((f) => f.metric === "art20.licensing.decisions")?.value).toBe(517645);
    expect(figs.find((f) => f.metric === "art20.penalty.decisions")?.value).toBe(693957);
  });
  it("表四 with four cells run together (| 2710915 | 61 |) is split by 维持+纠正+其他+尚未审结 = 总计", () => {
    const text = base.replace("| 27 | 10 | 9 | 15 | 61 |", "| 2710915 | 61 |");
    expect(text).not.toBe(base);
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    const review = ["upheld", "corrected", "other", "pending", "total"].map((p) => res.report.figures.find((f) => f.metric === `review.${p}`));
    expect(review.map((f) => f?.value)).toEqual([27, 10, 9, 15, 61]);
    expect(review[0]!.note).toContain("拆分为 27 | 10 | 9 | 15");
    expect(review[4]!.note).toBeUndefined(); // 61 was its own cell
    expect(res.report.figures.find((f) => f.metric === "litigation.after_review.total")?.value).toBe(10);
  });
  it("表四 with two runs (| 2710 | 915 | 61 |) is cut too: 27|10|9|15 is the only way the group adds up to 61", () => {
    const res = parseReport(base.replace("| 27 | 10 | 9 | 15 | 61 |", "| 2710 | 915 | 61 |"));
    if (!res.ok) throw new Error(res.error);
    const review = ["upheld", "corrected", "other", "pending", "total"].map((p) => res.report.figures.find((f) => f.metric === `review.${p}`));
    expect(review.map((f) => f?.value)).toEqual([27, 10, 9, 15, 61]);
    expect(review[2]!.note).toContain("原文数字连在一起（915）");
  });
  it("gives only the cells every reading agrees on, and says why, when a second glued row of that identity contradicts itself", () => {
    const text = base
      .replace("| 1. 本机关不掌握相关政府信息 | 111 | 0 | 0 | 0 | 0 | 0 | 111 |", "| 1. 本机关不掌握相关政府信息 | 11100000111 |")
      .replace("| 2. 重复申请 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |", "| 2. 重复申请 | 61000008 |");
    const notHeld = row(text, "requests.result.unable.not_held");
    // 111|0|… or 1|110|…: (七)总计 cannot decide once 重复申请 is unreadable; the two columns that
    // differ are not given, the others (and 总计 111) are.
    expect(notHeld.figs.map((f) => f.slice ?? "total")).toEqual(["research", "public_interest", "legal_service", "other_org", "total"]);
    expect(notHeld.values).toEqual([0, 0, 0, 0, 111]);
    expect(row(text, "requests.result.not_processed.duplicate").values).toEqual([]);
    expect(notHeld.warnings.filter((w) => /数字连在一起（(11100000111|61000008)）/.test(w.message))).toHaveLength(2);
  });
});

describe("PDF text with form feeds (洪泽区 2023, pdftotext page breaks)", () => {
  const raw = readFileSync(join(import.meta.dirname, "../fixtures/reports/extra/10_hongze_qu_2023.txt"), "utf8");
  it("quotes evidence by the line numbers an editor shows", () => {
    expect(raw).toContain("\f");
    const fileLines = raw.split("\n");
    const res = parseReport(raw);
    if (!res.ok) throw new Error(res.error);
    const tableFigs = res.report.figures.filter((f) => f.source === "table");
    expect(tableFigs.length).toBeGreaterThan(100);
    for (const f of tableFigs) {
      const first = fileLines[f.evidence.line - 1]!.replace(/\f/g, "").trim();
      expect(f.evidence.text.startsWith(first), `${f.metric} line ${f.evidence.line}: “${first}” vs “${f.evidence.text}”`).toBe(true);
      // 表三 read column by column: the quote is the label and the one value cell, far below it.
      if (f.metric.startsWith("requests.") && f.value !== null && f.evidence.endLine - f.evidence.line > 12) {
        expect(fileLines[f.evidence.endLine - 1]!.trim(), `${f.metric} ${f.slice} ${JSON.stringify(f.evidence)}`).toBe(String(f.value));
      }
    }
  });
});
