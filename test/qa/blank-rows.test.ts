// A row of 表三 asked of a crawled page whose blank cells left no trace (上海 2019's own page, its
// blank cells emptied): a row printed with no number is said to be blank, and a row whose digits
// could not be read is said so. Neither is answered with the whole it is a part of (因国家秘密不予公开
// had been answered with 不予公开's total).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { crawledText, emptyBlankCells } from "../../src/bench/crawl.js";
import { parseReport } from "../../src/parse/report.js";
import { depsOf } from "../helpers/deps.js";
import { FIXTURES, PINGTAN } from "../helpers/reports.js";

const parsed = parseReport(crawledText(emptyBlankCells(readFileSync(join(FIXTURES, "shanghai-2019-html/input.html"), "utf8"))), { name: "shanghai-2019.txt" });
if (!parsed.ok) throw new Error(parsed.error);
const deps = depsOf([parsed.report]);

describe("a row of 表三 that gives no number", () => {
  it("printed blank: said blank, not 0, quoting the row", () => {
    const a = answer("上海市人民政府办公厅2019年要求提供公开出版物不予处理多少件", deps);
    expect(a.answers).toEqual([]);
    expect(a.text).toContain("要求提供公开出版物：表中该栏空白（未填写，不等于0）");
    expect(a.text).toContain("3.要求提供公开出版物");
  });

  it("its digits not read: said so, never the whole it is a part of", () => {
    const a = answer("上海市人民政府办公厅2019年国家秘密不予公开多少件", deps);
    expect(a.answers.map((x) => x.metric)).not.toContain("requests.result.withheld");
    expect(a.text).not.toContain("不予公开（不同意公开）：");
    expect(a.text).toContain("“属于国家秘密”这一行，但它的数字无法确定");
  });
});

/**
 * A part the registry puts under a total (政府公报公开 under 主动公开政府信息数), its row unread: not
 * answered with the total. 平潭 2013 crawled with its cells glued, the 公报 row's digits made
 * unreadable (91: 9 | 1 has a 历年累计 below the year's).
 */
describe("a part whose parent is the registry's, not its id's", () => {
  const raw = readFileSync(join(PINGTAN, "05_pingtan_shiyanqu_2013.txt"), "utf8").replace(/[ \u3000\t]+/g, "");
  const glued = raw.replace("2、政府公报公开条0", "2、政府公报公开条91");
  const report = parseReport(glued, { name: "05.txt" });
  if (!report.ok) throw new Error(report.error);
  const deps = depsOf([report.report]);
  it("its digits not read: said so, not answered with 主动公开's", () => {
    expect(glued).not.toBe(raw);
    const a = answer("平潭综合实验区截至2013年政府公报公开信息历年累计多少条", deps);
    expect(a.answers.map((x) => x.metric)).not.toContain("proactive.total");
    expect(a.text).not.toContain("主动公开政府信息数（历年累计）：");
    expect(a.text).toContain("“政府公报公开政府信息数”这一行，但它的数字无法确定");
  });
});
