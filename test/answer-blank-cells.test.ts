// Answers from a page whose blank cells left no trace (上海 2019's own page, its blank cells emptied
// and crawled: "一、本年新收…8213521859" is 821 | 35 | 空 | 空 | 2 | 1 | 859). 表三's 总计 column is
// read; which applicant each other number is cannot be told, and an answer never passes the total
// off as one applicant column's, on one report or ranked over several.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { crawledText, emptyBlankCells } from "../src/bench/crawl.js";
import type { Answer } from "../src/domain.js";
import { askJsonl, ingestDirs } from "./helpers/gold.js";
import { FIXTURES } from "./helpers/reports.js";

const QUESTIONS = ["上海市人民政府办公厅2019年收到多少申请", "上海市人民政府办公厅2019年自然人申请多少件", "上海市2019年自然人申请多少件"];

let answers: Answer[];
beforeAll(() => {
  const dir = join(mkdtempSync(join(tmpdir(), "nianbao-blank-")), "reports");
  mkdirSync(dir);
  writeFileSync(join(dir, "shanghai-2019.txt"), crawledText(emptyBlankCells(readFileSync(join(FIXTURES, "shanghai-2019-html/input.html"), "utf8"))));
  const res = ingestDirs([dir]);
  if (res.status !== 0) throw new Error(res.stderr);
  answers = askJsonl(res.db, QUESTIONS);
}, 120_000);

describe("a crawled page whose blank cells left no trace", () => {
  it("gives 表三's 总计, sure, saying how it was read", () => {
    const a = answers[0]!;
    expect(a.answers[0]).toMatchObject({ value: 859, certain: true });
    expect(a.text).toContain("总计为其余各数之和，读为 859，与表内勾稽关系相符");
  });

  it("asked for one applicant column, gives no figure: says the column cannot be read, and the total beside", () => {
    const a = answers[1]!;
    expect(a.answers).toEqual([]);
    expect(a.text).toContain("“自然人”一列的数字无法确定");
    expect(a.text).toContain("总计为 859件");
  });

  it("ranked over the area, leaves the report out rather than rank its total as 自然人", () => {
    const a = answers[2]!;
    expect(a.text).not.toContain("859");
    expect(a.answers).toEqual([]);
  });
});
