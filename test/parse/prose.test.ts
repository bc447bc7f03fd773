// The prose of a report: running text on offsets, heading numbers, and the top-level sections found
// in running text — the same for a report as laid out and flattened to one line as a crawler saves it.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain.js";
import { toPassages } from "../../src/index/documents.js";
import { headingNumberAt } from "../../src/parse/headings.js";
import { buildProse, findSections, sentences } from "../../src/parse/prose.js";
import { parseReport } from "../../src/parse/report.js";
import { prepareText, withBlanks } from "../../src/parse/text.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PINGTAN = join(ROOT, "test/fixtures/reports/pingtan");
const HONGZE = join(ROOT, "test/fixtures/reports/extra");
const SEEDS = join(ROOT, "test/fixtures/reports/seeds");
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const prose = (raw: string) => buildProse(prepareText(raw), []);
const titles = (raw: string) => findSections(prose(raw)).map((s) => s.title);

describe("headingNumberAt", () => {
  it.each([
    ["一、概述", 0, { kind: "cn", value: 1, length: 2 }],
    ["十一、网站建设", 0, { kind: "cn", value: 11, length: 3 }],
    ["。四、收费", 1, { kind: "cn", value: 4, length: 2 }],
    ["（三）主动公开的形式", 0, { kind: "paren", value: 3, length: 3 }],
    ["(二)改进措施", 0, { kind: "paren", value: 2, length: 3 }],
    ["。2.公众查阅点", 1, { kind: "arabic", value: 2, length: 2 }],
    ["3、公开执行还不够到位", 0, { kind: "arabic", value: 3, length: 2 }],
    // not heading numbers: the tail of 十一, 第二十条, a decimal, a year, a percentage
    ["十一、", 1, null],
    ["第二十条", 1, null],
    ["占71.11%", 1, null],
    ["3.5万条", 0, null],
    ["2019.12.31", 0, null],
    ["一是高度重视", 0, null],
  ] as const)("%s @%i", (text, at, expected) => {
    expect(headingNumberAt(text, at)).toEqual(expected);
  });
});

describe("buildProse", () => {
  it("drops white space inside sentences and keeps it between two ASCII words", () => {
    const p = prose("2014年主动公开政府信息 2543条。访问 www.pingtan.gov.cn 网站,下载 APP store 版本。");
    expect(p.text).toBe("2014年主动公开政府信息2543条。访问www.pingtan.gov.cn网站,下载APP store版本。");
  });

  it("breaks paragraphs after a sentence end and before a heading number, in a one-line report", () => {
    const p = prose(
      "如对本报告有疑问请联系。一、 概述2015年,我区取得成效。主要做法如下:(一)加强组织领导一是高度重视。二、主动公开政府信息情况 2015年主动公开政府信息2949条。",
    );
    expect(p.text.split("\n")).toEqual([
      "如对本报告有疑问请联系。",
      "一、概述2015年,我区取得成效。主要做法如下:",
      "(一)加强组织领导一是高度重视。",
      "二、主动公开政府信息情况2015年主动公开政府信息2949条。",
    ]);
  });

  it("does not break before a number inside a sentence", () => {
    const p = prose("全年受理申请四、五件,其中第二十条(一)项信息3.5万条。");
    expect(p.text).not.toContain("\n");
  });

  it("starts a part at a template title even without a stop before it (…@163.com一、概述)", () => {
    expect(prose("电子邮箱:pzxxgkb@163.com一、概述2017年,我区取得成效。").text).toBe("电子邮箱:pzxxgkb@163.com\n一、概述2017年,我区取得成效。");
  });

  it("joins the hard-wrapped lines of a PDF and breaks after short lines (titles, headings, paragraph ends)", () => {
    const p = prose(read(HONGZE, "10_hongze_qu_2023.txt"));
    const paras = p.text.split("\n");
    expect(paras.slice(0, 3)).toEqual([
      "洪泽区人民政府",
      "2023年政府信息公开工作年度报告",
      expect.stringMatching(/^本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》.*hzzwgk@126\.com\)。$/),
    ]);
    expect(paras).toContain("一、总体情况");
    expect(paras).toContain(
      "(一)主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。2023年,我区在政府网站平台主动公开政府信息1136条。",
    );
  });

  it("reads through page junk blanked to spaces (a blank line is not a paragraph end)", () => {
    const raw =
      "加强对区政府网站、政务新媒体动态全面监管，\n按照政务新媒体管理标准定期检查，对存在未\n及时更新、不良链接等问题进行严格督查。\n2024 年，我区在政府网站平台主动发布各类政\n- 2 -\n府信息 2428 条，公开政府常务会议 7 期。";
    const src = prepareText(raw);
    const at = src.text.indexOf("- 2 -");
    const p = buildProse(withBlanks(src, [{ start: at, end: at + 5 }]), []);
    expect(p.text.split("\n")[1]).toBe("2024年,我区在政府网站平台主动发布各类政府信息2428条,公开政府常务会议7期。");
  });

  it("leaves out the skipped spans and maps every character back to the source", () => {
    const raw = "一、总体情况\n全年主动公开政府信息 100条。\n指标 | 单位 | 数量\n主动公开 | 条 | 100\n二、存在的主要问题及改进情况\n宣传不够。";
    const src = prepareText(raw);
    const from = src.text.indexOf("指标");
    const to = src.text.indexOf("二、");
    const p = buildProse(src, [{ start: from, end: to }]);
    expect(p.text).toBe("一、总体情况\n全年主动公开政府信息100条。\n二、存在的主要问题及改进情况\n宣传不够。");
    for (let i = 0; i < p.text.length; i++) if (p.text[i] !== "\n") expect(src.text[p.map[i]!]).toBe(p.text[i]);
  });
});

// Section titles as the reports print them; a report flattened to one line must give the same.
const OLD_FUJIAN = ["一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开工作情况"];
const GBF = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
];
const SECTION_CASES: [dir: string, file: string, titles: string[]][] = [
  [PINGTAN, "01_pingtan_shiyanqu_2011.txt", [...OLD_FUJIAN, "四、政府信息公开工作存在的主要问题及改进情况"]],
  [PINGTAN, "02_pingtan_xian_2012.txt", [...OLD_FUJIAN, "四、政府信息公开工作存在的主要问题及改进情况"]],
  [
    PINGTAN,
    "03_pingtan_shiyanqu_2012.txt",
    ["一、概述", "二、重点领域政府信息公开情况", "三、主动公开政府信息情况", "四、政府信息依申请公开工作情况", "五、政府信息公开工作存在的主要问题及改进情况"],
  ],
  [PINGTAN, "04_pingtan_xian_2013.txt", [...OLD_FUJIAN, "四、政府信息公开工作存在的主要问题及改进情况"]],
  [PINGTAN, "05_pingtan_shiyanqu_2013.txt", [...OLD_FUJIAN, "四、政府信息公开工作存在的主要问题及改进情况"]],
  [
    PINGTAN,
    "06_pingtan_guanweihui_2014.txt",
    [...OLD_FUJIAN, "四、政府信息公开的收费及减免情况", "五、主要问题和改进措施", "六、平潭综合实验区政府信息公开情况统计表"],
  ],
  [
    PINGTAN,
    "07_pingtan_2015.txt",
    [
      ...OLD_FUJIAN,
      "四、政府信息公开的收费及减免情况",
      "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
      "六、主要问题和改进措施",
      "七、平潭综合实验区政府信息公开情况统计表",
    ],
  ],
  [
    PINGTAN,
    "08_pingtan_2016.txt",
    [
      ...OLD_FUJIAN,
      "四、政府信息公开的收费及减免情况",
      "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
      "六、主要问题和改进措施",
      "七、平潭综合实验区政府信息公开情况统计表",
    ],
  ],
  [
    PINGTAN,
    "09_pingtan_2017.txt",
    [...OLD_FUJIAN, "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、存在的主要问题和改进措施", "六、政府信息公开情况统计表"],
  ],
  [PINGTAN, "10_pingtan_2021.txt", [...GBF, "六、其他需要报告的事项"]],
  [PINGTAN, "11_pingtan_2024.txt", [...GBF, "六、其他需要报告的事项"]],
  [
    SEEDS,
    "000_2d63126c8570951a.txt",
    [
      "一、工作开展情况",
      "二、主动公开政府信息的情况",
      "三、依申请公开政府信息和不予公开政府信息的情况",
      "四、政府信息公开的收费及减免情况",
      "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
      "六、存在的主要问题和改进措施",
    ],
  ],
  [SEEDS, "001_6b8ee0204781e589.txt", GBF],
  [SEEDS, "002_2280456dce613c96.txt", ["一、加强领导,落实工作责任", "二、政府信息和政务公开工作完成情况", "三、存在问题", "四、下步工作打算"]],
  [SEEDS, "003_039a0e44477dbad7.txt", ["一、主要做法和成效", "二、存在的问题", "三、下步工作安排"]],
  [SEEDS, "004_5707773b816ef26e.txt", [...GBF, "六、其他需要报告的事项"]],
  [HONGZE, "10_hongze_qu_2023.txt", [...GBF, "六、其他需要报告的事项"]],
  [HONGZE, "11_hongze_qu_2024.txt", [...GBF, "六、其他需要报告的事项"]],
];

describe("findSections", () => {
  describe.each(SECTION_CASES)("%s/%s", (dir, file, expected) => {
    const raw = read(dir, file);
    it("as given", () => {
      expect(titles(raw)).toEqual(["", ...expected]);
    });
    // A crawler joins the page's text nodes with no separator, or with one space.
    it.each([
      ["no separator", ""],
      ["one space", " "],
    ])("flattened to one line (%s)", (_label, sep) => {
      const flat = raw.replace(/\s*\n\s*/g, sep);
      // A title whose own line held a comma ("加强领导,落实工作责任") ends at the comma once its line is gone.
      const want = expected.map((t) => (flat !== raw && t === "一、加强领导,落实工作责任" ? "一、加强领导" : t));
      expect(titles(flat)).toEqual(["", ...want]);
    });
  });

  it("keeps the section text, its lines and its original offsets", () => {
    const raw = read(SEEDS, "000_2d63126c8570951a.txt");
    const s = findSections(prose(raw)).find((x) => x.title.startsWith("五、"))!;
    expect(s.line).toBe(18);
    expect(s.text).toMatch(/^2018年,全区发生了15件因政府信息公开引起的行政复议/);
    expect(s.paraLines[0]).toBe(19);
    expect(raw.slice(s.start!, s.end!)).toMatch(/^五、因政府信息公开申请行政复议、提起行政诉讼的情况\n2018年/);
  });

  it("cuts a heading run into its paragraph where the title ends, in a one-line report", () => {
    const raw = read(PINGTAN, "07_pingtan_2015.txt");
    const s = findSections(prose(raw)).find((x) => x.title.startsWith("三、"))!;
    expect(s.text).toBe("2015年全区未收到有关政府信息公开申请。");
    expect(raw.slice(s.start!, s.start! + 11)).toBe("三、政府信息依申请公开");
    expect(s.line).toBe(1);
  });

  it("does not take a 四、 inside a sentence or a sub-list's 一、二、三、 for sections", () => {
    const raw =
      "一、总体情况。全年工作有序推进,主要包括一、二、三季度的检查。二、主动公开政府信息情况。本年度做法如下:" +
      "一、加强领导。二、完善制度。三、强化监督。三、收到和处理政府信息公开申请情况。本年度收到申请5件。四、存在的主要问题及改进情况。宣传不够。";
    expect(titles(raw)).toEqual(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、存在的主要问题及改进情况"]);
  });

  it("goes on past a heading whose title the table took, in a crawled one-line 2021 report", () => {
    // "四、政府信息公开行政复议、行政诉讼情况行政复议…21317000001324019五、存在的主要问题…": the
    // title of 四 is read as 表四's header, leaving "四、"; 五 and 六 had stayed inside 三.
    const parsed = parseReport(read(PINGTAN, "11_pingtan_2024.txt"));
    if (!parsed.ok) throw new Error(parsed.error);
    const sections = parsed.report.sections;
    expect(sections.slice(-3).map((x) => x.title)).toEqual(["三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]);
    expect(sections.at(-1)!.text).toBe("2024年,无收取信息处理费情况。");
  });

  it("ends an unknown title at a sentence start, a digit or a stop", () => {
    expect(titles("前言。一、加强组织领导2019年,我局成立领导小组。二、完善工作机制我局制定制度。")).toEqual(["", "一、加强组织领导", "二、完善工作机制"]);
  });
});

describe("sentences and passages", () => {
  it("cuts sentences at their stops, with offsets", () => {
    expect(sentences("收到申请5件。办结5件;结转0件")).toEqual([
      { text: "收到申请5件。", start: 0 },
      { text: "办结5件;", start: 7 },
      { text: "结转0件", start: 12 },
    ]);
  });

  it("keeps search passages short for a one-line report", () => {
    for (const file of ["07_pingtan_2015.txt", "10_pingtan_2021.txt"]) {
      const sections = findSections(prose(read(PINGTAN, file)));
      const passages = toPassages({ sections } as Report);
      expect(passages.length).toBeGreaterThan(10);
      for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(320);
    }
  });
});
