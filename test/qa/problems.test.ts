// problemsPart: the problems a report lists, found by the part's heading even inside running text
// (one-line crawled pages), without the preface and without the improvements.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Section } from "../../src/domain.js";
import { parseReport } from "../../src/parse/report.js";
import { listItems, problemsPart } from "../../src/qa/problems.js";
import { EXTRA, load, PINGTAN, SEEDS } from "../helpers/reports.js";

const dirOf = (file: string) => (file.startsWith("pingtan-") ? PINGTAN : /^\d{3}_/.test(file) ? SEEDS : EXTRA);

/** [file, a problem the list must hold, text that must not be in it (preface or improvement)] */
const CASES: [string, string, string][] = [
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "部分单位信息公开属性界定不准确", "从以下"],
  ["pingtan-06_pingtan_guanweihui_2014.txt", "公开范围有待拓展", "我区将进一步规范"],
  ["pingtan-07_pingtan_2015.txt", "各单位信息公开工作多由办公室人员或临时借调人员兼职经办", "重点推进与社会发展"],
  ["pingtan-08_pingtan_2016.txt", "信息平台不同源、信息查阅不便捷", "继续强化信息公开责任"],
  ["pingtan-09_pingtan_2017.txt", "公开的形式不够“多”", "加大电子政务协同办公平台"],
  // The 2021-format pages: the part's heading stands inside the text of another section.
  ["pingtan-10_pingtan_2021.txt", "政策解读形式不够丰富", "丰富政策解读形式,做到"],
  ["pingtan-11_pingtan_2024.txt", "政策解读形式仍需创新", "优化主动公开目录"],
  ["000_2d63126c8570951a.txt", "公开力度有待进一步加大", "取得了"],
  ["10_hongze_qu_2023.txt", "依申请公开工作规范性还有待提高", "仍存在一定差距"],
];

/**
 * The part's heading as other reports word and number it, on the one-line 平潭 2021 page: "工作中存在的
 * 不足和改进措施", "第五部分 …" and "五 …" had not been found, and "存在哪些不足" quoted the report's
 * first lines; "存在问题和下一步工作打算" and "问题与不足" had been cut to 存在问题 / 问题.
 */
describe("the part's heading worded and numbered otherwise", () => {
  const raw = readFileSync(join(PINGTAN, "10_pingtan_2021.txt"), "utf8");
  const HEADING = "五、存在的主要问题及改进情况（一）存在的主要问题:";
  it("the fixture prints the heading this test replaces", () => expect(raw).toContain(HEADING));
  it.each([
    ["五、存在的问题及改进措施 ", "五、存在的问题及改进措施"],
    ["五、工作中存在的不足和改进措施 ", "五、工作中存在的不足和改进措施"],
    ["五、存在问题和下一步工作打算 ", "五、存在问题和下一步工作打算"],
    ["五、问题与不足 ", "五、问题与不足"],
    ["（五）存在的主要问题及改进情况 ", "(五)存在的主要问题及改进情况"],
    ["五 存在的主要问题及改进情况 ", "五存在的主要问题及改进情况"],
    ["第五部分 存在的主要问题及改进情况 ", "第五部分存在的主要问题及改进情况"],
  ])("%s", (printed, heading) => {
    const res = parseReport(raw.replace(HEADING, printed));
    if (!res.ok) throw new Error(res.error);
    const p = problemsPart(res.report.sections);
    expect(p?.heading.replace(/\s+/g, "")).toBe(heading);
    expect(p!.items.join("\n")).toContain("政策解读形式不够丰富");
  });
});

describe("problemsPart on real reports", () => {
  for (const [file, want, not] of CASES) {
    it(`${file}: ${want}`, () => {
      const p = problemsPart(load(dirOf(file), file.replace(/^pingtan-/, "")).sections);
      expect(p).not.toBeNull();
      const all = p!.items.join("\n");
      expect(all).toContain(want);
      expect(all).not.toContain(not);
    });
  }

  it("finds the part by a sentence when no heading names it", () => {
    const s: Section = {
      title: "一、总体情况",
      line: 3,
      endLine: 3,
      paraLines: [3],
      text: "2019年,我区政府信息公开工作取得了一定成效,但仍存在一些不足:一是工作基础需进一步夯实。二是公开的内容和形式需进一步优化。下一步,我区将加强培训。",
    };
    expect(problemsPart([s])?.items).toEqual(["工作基础需进一步夯实", "公开的内容和形式需进一步优化"]);
  });

  it("says nothing when the report lists no problems", () => {
    const s: Section = { title: "一、总体情况", line: 1, endLine: 1, paraLines: [1], text: "2019年,全区主动公开政府信息1200条。" };
    expect(problemsPart([s])).toBeNull();
  });
});

/** [text, items] — the numbering of a list is the report's; the reply numbers the items itself. */
const LISTS: [string, string[]][] = [
  ["1.公开形式不够便民。主要体现在信息太少。2.公开执行不到位。", ["公开形式不够便民。主要体现在信息太少", "公开执行不到位"]],
  ["一是工作基础需夯实；二是队伍建设需加强。", ["工作基础需夯实", "队伍建设需加强"]],
  ["（一）完善公开目录。（二）加强政策解读。", ["完善公开目录", "加强政策解读"]],
  // A repeated item (the report printed it twice under two numbers) is said once.
  ["1.公开形式不够便民。2.公开执行不到位。3.公开形式不够便民。", ["公开形式不够便民", "公开执行不到位"]],
  // 1.5万 is a number, not an item number.
  ["网站访问量达1.5万人次。公开渠道仍然有限。", ["网站访问量达1.5万人次", "公开渠道仍然有限"]],
];

describe("listItems", () => {
  for (const [text, want] of LISTS) it(text, () => expect(listItems(text)).toEqual(want));
});

/** [file, an improvement the part states, a problem that must not be among the improvements] */
const IMPROVEMENTS: [string, string, string][] = [
  ["pingtan-10_pingtan_2021.txt", "丰富政策解读形式", "政策解读形式不够丰富"],
  ["pingtan-11_pingtan_2024.txt", "优化主动公开目录", "政策解读形式仍需创新"],
  ["000_2d63126c8570951a.txt", "加大培训力度", "公开力度有待进一步加大"],
  // The plans stand in a part of their own (四、下步工作打算).
  ["002_2280456dce613c96.txt", "进一步健全政府信息公开工作机制", "公开形式还不够便民"],
  // "(二)具体的解决办法和改进措施" is the heading of the improvements, not an item.
  ["001_6b8ee0204781e589.txt", "加强政务新媒体的日常监管", "解决办法和改进措施"],
];

describe("the improvements of the part", () => {
  for (const [file, want, not] of IMPROVEMENTS) {
    it(`${file}: ${want}`, () => {
      const p = problemsPart(load(dirOf(file), file.replace(/^pingtan-/, "")).sections)!;
      const all = p.improvements.join("\n");
      expect(all).toContain(want);
      expect(all).not.toContain(not);
      expect(p.items.join("\n")).not.toContain(want);
    });
  }

  it("quotes improvements standing in a part of their own under that part's heading", () => {
    // 蚌埠 2019's 三、下步工作安排 had been quoted under 「二、存在的问题」.
    const p = problemsPart(load(SEEDS, "003_039a0e44477dbad7.txt").sections)!;
    expect(p.heading).toBe("二、存在的问题");
    expect(p.improvementsAt?.heading).toBe("三、下步工作安排");
    expect(p.improvementsAt?.line).toBeGreaterThan(p.line);
    // …and a part holding both says nothing apart.
    expect(problemsPart(load(SEEDS, "000_2d63126c8570951a.txt").sections)!.improvementsAt).toBeUndefined();
  });

  it("ends at the report's signature and the annexed table", () => {
    const p = problemsPart(load(SEEDS, "000_2d63126c8570951a.txt").sections)!;
    expect(p.improvements.join("\n")).not.toMatch(/统计表|2019年1月23日/);
  });
});
