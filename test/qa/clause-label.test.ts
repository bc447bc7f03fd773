// The words that name a prose figure in the reply: the clause before the number, its leading
// joiner (其中, 和, 以及…) left out, but not the 及 of 及时 ("及时发布疫情防控信息1260条" had been
// labelled "时发布疫情防控信息"). 平潭 2021's own text with one sentence written into it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { segment } from "../../src/index/segment.js";
import { parseReport } from "../../src/parse/report.js";
import { depsOf } from "../helpers/deps.js";
import { PINGTAN } from "../helpers/reports.js";

const raw = readFileSync(join(PINGTAN, "10_pingtan_2021.txt"), "utf8");
const SENTENCE = "本年度全区共收到70件申请，";
const parsed = parseReport(raw.replace(SENTENCE, `${SENTENCE}及时发布疫情防控信息1260条，`), { name: "10_pingtan_2021.txt" });
if (!parsed.ok) throw new Error(parsed.error);

describe("a prose figure's label", () => {
  it("the fixture holds the sentence written into it", () => expect(raw).toContain(SENTENCE));

  it("keeps 及时's 及", () => {
    const a = answer("平潭综合实验区2021年发布疫情防控信息多少条", depsOf([parsed.report], { segment }));
    expect(a.answers[0]).toMatchObject({ value: 1260, label: "及时发布疫情防控信息" });
  });
});
