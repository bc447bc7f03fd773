// parseReport over the real reports: who, when, which template, and every figure the gold files ask
// about, read from the table or the prose as the report prints it.
import { describe, expect, it } from "vitest";
import { EXTRA, EXTRA_FILES, fig, load, SEED, SEEDS } from "../helpers/reports.js";

type Row = [metric: string, value: number | null, opts?: { slice?: string; source?: "table" | "narrative" | "derived" }];

interface Case {
  dir: string;
  file: string;
  org: string;
  region: string;
  fullRegion: string;
  level: string;
  year: number;
  template: string;
  parent?: string;
  figures: Row[];
  warnings?: RegExp[];
}

const CASES: Case[] = [
  {
    dir: SEEDS,
    file: SEED.changshou,
    org: "重庆市长寿区人民政府",
    region: "长寿区",
    fullRegion: "重庆市长寿区",
    level: "county",
    year: 2018,
    template: "stat2016",
    parent: "重庆市",
    figures: [
      ["review.total", 15],
      ["review.corrected", 5],
      ["review.upheld", 6],
      ["review.other", 4],
      ["litigation.total", 7],
      ["litigation.upheld", 2],
      ["litigation.corrected", 2],
      ["litigation.other", 3],
      ["requests.received", 359],
      ["requests.channel.online", 1],
      ["requests.channel.letter", 297],
      ["requests.channel.in_person", 61],
      ["requests.closed.late", 9],
      ["requests.closed.on_time", 350],
      ["requests.result.withheld", 17],
      ["requests.result.not_exist", 74],
      ["complaints.total", 89],
      ["budget", 15],
      ["fees.requests", 0],
      ["proactive.total", 134],
      ["proactive.channel.website", 7732],
      ["proactive.channel.weibo", 1976],
      ["response.interpretations", 66],
      ["response.hotspots", 223],
      ["staff.total", 84],
      ["staff.fulltime", 8],
      ["staff.parttime", 76],
      ["org.reading_points", 56],
      ["training.sessions", 8],
      ["training.trainees", 760],
      // the prose
      ["proactive.total", 18846, { source: "narrative" }],
      ["requests.received", 359, { source: "narrative" }],
      ["review.total", 15, { source: "narrative" }],
      ["review.upheld", 6, { source: "narrative" }],
      ["litigation.total", 7, { source: "narrative" }],
      ["litigation.other", 3, { source: "narrative" }],
      ["training.sessions", 3, { source: "narrative" }],
      ["org.reading_points", 3, { source: "narrative" }],
      ["staff.total", 84, { source: "narrative" }],
      ["budget", 15, { source: "narrative" }],
      ["response.interpretations", 66, { source: "narrative" }],
    ],
    warnings: [
      /主动公开政府信息数：表格为 134条，正文称 18846条/,
      /培训班数：表格为 8次，正文称 3次/,
      /查阅点数：表格为 56个，正文称 3个/,
      /不同意公开）印为 17，但分项之和为 19/,
    ],
  },
  {
    dir: SEEDS,
    file: SEED.ziyang,
    org: "益阳市资阳区人民政府",
    region: "资阳区",
    fullRegion: "益阳市资阳区",
    level: "county",
    year: 2020,
    template: "gbf2019",
    parent: "益阳市",
    figures: [
      ["art20.licensing.decisions", 9495],
      ["art20.licensing.prev_items", 19034],
      ["art20.licensing.delta", -9539],
      ["art20.penalty.decisions", 543],
      ["art20.coercion.decisions", 257],
      ["art20.procurement.amount", 25795],
      ["art20.procurement.items", 625],
      ["art20.normative_docs.new_made", 21],
      ["art20.rules.total_published", 0],
      ["requests.received", 0],
      ["requests.received", 0, { slice: "natural_person" }],
      ["requests.carried_forward", 0],
      ["review.total", 0],
      ["litigation.direct.total", 0],
      ["litigation.total", 0, { source: "derived" }],
      ["response.interpretations", 10, { source: "narrative" }],
    ],
  },
  {
    dir: SEEDS,
    file: SEED.xiaobanqiao,
    org: "小板桥街道办事处",
    region: "小板桥街道",
    fullRegion: "小板桥街道",
    level: "township",
    year: 2018,
    template: "stat2016",
    figures: [
      ["proactive.total", 1706],
      ["litigation.total", 1],
      ["litigation.upheld", 1],
      ["review.total", 0],
      ["proactive.channel.weibo", 1500],
      ["training.trainees", 36],
      ["staff.parttime", 3],
      ["staff.fulltime", 0],
      ["requests.received", 0],
    ],
  },
  {
    dir: SEEDS,
    file: SEED.bengbu,
    org: "蚌埠市人民政府",
    region: "蚌埠市",
    fullRegion: "蚌埠市",
    level: "city",
    year: 2019,
    template: "stat2016",
    figures: [
      ["review.total", 16, { source: "derived" }],
      ["review.total", 11, { slice: "市直单位" }],
      ["review.total", 5, { slice: "县区政府" }],
      ["review.total", 0, { slice: "市政府" }],
      ["requests.received", 223, { source: "derived" }],
      ["requests.received", 36, { slice: "县区政府" }],
      ["requests.received", 27, { slice: "市政府" }],
      ["budget", 70, { slice: "市政府" }],
      ["budget", 321.7, { source: "derived" }],
      ["proactive.total", 267886, { source: "derived" }],
      ["proactive.total", 268000, { source: "narrative" }],
      ["requests.received", 223, { source: "narrative" }],
      ["response.interpretations", 1870, { source: "narrative" }],
      ["org.reading_point_visitors", 18472, { source: "derived" }],
      ["stat.主动公开政府文件数", 1491, { source: "derived" }],
    ],
    warnings: [/政策解读稿件发布数：表格为 7597篇，正文称 1870条/],
  },
  {
    dir: SEEDS,
    file: SEED.xihu,
    org: "南昌市西湖区人民政府",
    region: "西湖区",
    fullRegion: "南昌市西湖区",
    level: "county",
    year: 2019,
    template: "gbf2019",
    parent: "南昌市",
    figures: [
      ["review.total", 1],
      ["review.other", 1],
      ["litigation.total", 1, { source: "derived" }],
      ["litigation.pending", 1, { source: "derived" }],
      ["litigation.after_review.pending", 1],
      ["requests.received", 13],
      ["requests.received", 11, { slice: "natural_person" }],
      ["requests.received", 2, { slice: "other_org" }],
      ["requests.result.granted", 6],
      ["requests.result.partial", 4],
      ["requests.result.not_processed.duplicate", 1],
      ["requests.result.withheld.admin_query", 0],
      ["requests.result.total", 12],
      ["requests.carried_forward", 1],
      ["art20.penalty.decisions", 11858],
      ["art20.licensing.decisions", 12277],
      ["art20.procurement.amount", 19616],
      ["art20.procurement.items", 2885],
      ["art20.fees.delta", -2],
      ["art20.other_services.decisions", 660],
      ["proactive.channel.website", 23650, { source: "narrative" }],
      ["requests.received", 13, { source: "narrative" }],
      ["review.total", 1, { source: "narrative" }],
      ["response.interpretations", 44, { source: "narrative" }],
    ],
  },
];

const EXTRA_CASES: Case[] = [
  {
    dir: EXTRA,
    file: EXTRA_FILES.huaian2024,
    org: "淮安市人民政府",
    region: "淮安市",
    fullRegion: "淮安市",
    level: "city",
    year: 2024,
    template: "gbf2021",
    figures: [
      ["requests.received", 3119],
      ["requests.received", 3001, { slice: "natural_person" }],
      ["requests.received", 53, { slice: "commercial" }],
      ["requests.received", 4, { slice: "other_org" }],
      ["requests.carried_over", 34],
      ["requests.result.granted", 1362],
      ["requests.result.total", 3050],
      ["requests.carried_forward", 103],
      ["requests.result.other.no_correction", 71],
      ["requests.result.unable.not_held", 769],
      ["review.total", 351],
      ["review.upheld", 72],
      ["review.corrected", 64],
      ["litigation.direct.total", 26],
      ["litigation.after_review.total", 20],
      ["litigation.total", 46, { source: "derived" }],
      ["art20.fees.amount", 96171.6],
      ["art20.licensing.decisions", 447228],
      ["art20.penalty.decisions", 3985758],
      ["art20.coercion.decisions", 88283],
      // 第二十条(一) printed column by column: 规章 1|0|11, 行政规范性文件 8|26|66
      ["art20.rules.issued", 1],
      ["art20.rules.in_force", 11],
      ["art20.normative_docs.issued", 8],
      ["art20.normative_docs.repealed", 26],
      ["art20.normative_docs.in_force", 66],
      ["fees.info_processing", 3940, { source: "narrative" }],
      ["response.interpretations", 21, { source: "narrative" }],
      ["response.press_conferences", 12, { source: "narrative" }],
      ["review.total", 351, { source: "narrative" }],
      ["litigation.total", 46, { source: "narrative" }],
    ],
  },
  {
    dir: EXTRA,
    file: EXTRA_FILES.hongze2023,
    org: "淮安市洪泽区人民政府",
    region: "洪泽区",
    fullRegion: "淮安市洪泽区",
    level: "county",
    year: 2023,
    template: "gbf2021",
    parent: "淮安市",
    figures: [
      ["requests.received", 21],
      ["requests.result.partial", 4],
      ["requests.result.unable.not_held", 10],
      ["requests.result.total", 21],
      ["review.upheld", 10],
      ["review.corrected", 1],
      ["review.total", 0],
      ["litigation.after_review.upheld", 5],
      ["litigation.after_review.total", 0],
      ["art20.licensing.decisions", 550],
      ["art20.penalty.decisions", 4119],
      ["art20.coercion.decisions", 195],
      ["art20.fees.amount", 7730.28],
      ["proactive.total", 1136, { source: "narrative" }],
      ["fees.info_processing", 0, { source: "narrative" }],
    ],
    // The report's own 表四 does not add up; the parser must say so rather than fix it.
    warnings: [/行政复议印为 0，但分项之和为 11/, /复议后起诉印为 0，但分项之和为 5/],
  },
  {
    dir: EXTRA,
    file: EXTRA_FILES.hongze2024,
    org: "淮安市洪泽区人民政府",
    region: "洪泽区",
    fullRegion: "淮安市洪泽区",
    level: "county",
    year: 2024,
    template: "gbf2021",
    parent: "淮安市",
    figures: [
      ["requests.received", 95],
      ["requests.result.granted", 50],
      ["requests.result.partial", 9],
      ["review.total", 2],
      ["review.corrected", 1],
      ["litigation.after_review.total", 3],
      ["litigation.direct.total", 1],
      ["litigation.total", 4, { source: "derived" }],
      ["art20.licensing.decisions", 9487],
      ["art20.fees.amount", 7545],
      ["proactive.total", 2428, { source: "narrative" }],
      ["response.interpretations", 7, { source: "narrative" }],
      ["requests.received", 17, { source: "narrative" }],
    ],
    // The prose's 17 is what 区政府办代表区政府受理: said as another scope, not as a contradiction.
    warnings: [/收到政府信息公开申请数：表格为 95件；正文称 17件，说的是“区政府办代表区政府受理”的，与统计表的统计范围可能不同/],
  },
];

function check(c: Case) {
  describe(c.file, () => {
    const r = () => load(c.dir, c.file);
    it("identifies issuer, region, year and template", () => {
      const rep = r();
      expect(rep.org).toBe(c.org);
      expect(rep.region).toBe(c.region);
      expect(rep.fullRegion).toBe(c.fullRegion);
      expect(rep.level).toBe(c.level);
      expect(rep.year).toBe(c.year);
      expect(rep.template).toBe(c.template);
      if (c.parent) expect(rep.parent).toBe(c.parent);
      expect(rep.aliases).toContain(c.region);
    });
    it.each(c.figures.map((row) => ({ label: `${row[0]}${row[2]?.slice ? `[${row[2].slice}]` : ""} ${row[2]?.source ?? ""} = ${row[1]}`, row })))(
      "$label",
      ({ row }) => {
        const [metric, value, opts] = row;
        const f = fig(r(), metric, opts ?? {});
        expect(f, `${metric} not found`).toBeDefined();
        expect(f!.value).toBe(value);
        // every figure quotes the line it came from
        expect(f!.evidence.line).toBeGreaterThan(0);
        expect(f!.evidence.text.length).toBeGreaterThan(0);
      },
    );
    if (c.warnings) {
      it.each(c.warnings.map((re) => ({ re })))("warns $re", ({ re }) => {
        expect(
          r()
            .warnings.map((w) => w.message)
            .some((m) => re.test(m)),
        ).toBe(true);
      });
    }
  });
}

describe("seed reports", () => CASES.forEach(check));
describe("2021-template PDF extractions", () => EXTRA_CASES.forEach(check));

describe("evidence", () => {
  it("quotes the source line of a one-cell-per-line 统计表 row", () => {
    const f = fig(load(SEEDS, SEED.changshou), "review.total")!;
    expect(f.evidence.line).toBe(166);
    expect(f.evidence.text).toBe("四、行政复议数量 | 件 | 15");
  });
  it("quotes the Traditional original, read as Simplified", () => {
    const f = fig(load(SEEDS, SEED.xihu), "art20.penalty.decisions")!;
    expect(f.evidence.text).toContain("行政處罰");
  });
  it("keeps a section per heading for full-text search", () => {
    const titles = load(SEEDS, SEED.changshou).sections.map((s) => s.title);
    expect(titles).toContain("六、存在的主要问题和改进措施");
    expect(titles).toContain("三、依申请公开政府信息和不予公开政府信息的情况");
  });
  it("drops web-page furniture", () => {
    const text = load(SEEDS, SEED.ziyang)
      .sections.map((s) => s.text)
      .join("\n");
    expect(text).not.toContain("扫一扫在手机打开当前页");
    expect(text).not.toContain("打印本页");
  });
});
