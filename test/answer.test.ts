// Question answering end to end through the CLI contract (`ingest`, `ask --jsonl`), judged by the
// gold files' rules; the same questions in Traditional characters and with noise; duplicates.

import { join } from "node:path";
import * as OpenCC from "opencc-js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../src/domain.js";
import { askJsonl, type Gold, ingestDirs, ingestInto, judge, readGold } from "./helpers/gold.js";
import { EXTRA, GOLD, PINGTAN, SEEDS } from "./helpers/reports.js";
import { storedCatalog } from "./helpers/stored.js";

// The gold files, as copied into test/fixtures/gold from the shared evaluation set.
const seedsGold = readGold(join(GOLD, "seeds-gold.jsonl"));
const extraGold = readGold(join(GOLD, "extra-gold.jsonl"));
const realGold = readGold(join(GOLD, "real-gold.jsonl"));

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

/** The same question as a hurried user types it: spaces, punctuation, full-width marks. */
function noisy(q: string, i: number): string {
  const forms = [
    (s: string) => `  ${s.replace(/(\d{4}年)/, " $1 ")}？？`,
    (s: string) => `请问，${s}！`,
    (s: string) => `${s.replace(/年/, "年 ,")} ...`,
    (s: string) => `【${s}】`,
  ];
  return forms[i % forms.length]!(q);
}

/**
 * The same question worded as people also word it: 年度 for 年, 全年 added, thanks after it, typed
 * letter-spaced, 请回答 after it. Each had cost answers (全年 counted for the table row; a clause of
 * thanks made a second metric; spaced letters were one-letter words; 请回答 named the metric: "没有给出
 * ‘制作获取政府信息请回答’的数字").
 */
function reworded(q: string, i: number): string {
  const forms = [
    (s: string) => s.replace(/((?:19|20)\d{2})年(?!度)/, "$1年度"),
    (s: string) => s.replace(/((?:19|20)\d{2}年度?)(?!以来|前|后)/, "$1全年"),
    (s: string) => `${s.replace(/[？?]$/, "")}，谢谢`,
    (s: string) => [...s].join(" "),
    (s: string) => `${s.replace(/[？?]$/, "")}，请回答`,
  ];
  return forms[i % forms.length]!(q);
}

/** Several lists of questions in one CLI run (each run loads the store and jieba): the answers, list by list. */
function askMany(db: string, lists: string[][]): Answer[][] {
  const all = askJsonl(db, lists.flat());
  let at = 0;
  return lists.map((l) => all.slice(at, (at += l.length)));
}

function report(golds: Gold[], answers: Answer[]): string[] {
  return golds.flatMap((g, i) =>
    judge(g, answers[i]!)
      ? []
      : [
          `${g.q} → want ${JSON.stringify(g.answer)}, got ${answers[i]!.kind} ${JSON.stringify(answers[i]!.answers.slice(0, 2).map((a) => a.value))} ${answers[i]!.text.slice(0, 120)}`,
        ],
  );
}

describe("seeds gold through ingest + ask --jsonl", () => {
  let db = "";
  const traditional = seedsGold.map((g) => ({ ...g, q: toTraditional(g.q) }));
  const noise = seedsGold.map((g, i) => ({ ...g, q: noisy(g.q, i) }));
  const values = seedsGold.filter((g) => g.type === "value");
  const missing = ["长寿区2025年行政复议多少件"];
  // One CLI run asks every list below; each test reads its own.
  let asked: Answer[][] = [];
  beforeAll(() => {
    const res = ingestDirs([SEEDS]);
    expect(res.status).toBe(0);
    db = res.db;
    asked = askMany(db, [...[seedsGold, traditional, noise, values].map((l) => l.map((g) => g.q)), missing]);
  });

  it("has the gold questions", () => expect(seedsGold.length).toBeGreaterThan(60));

  it("answers every gold question by its type", () => {
    expect(report(seedsGold, asked[0]!)).toEqual([]);
  });

  it("answers them in Traditional characters too", () => {
    expect(traditional.some((g, i) => g.q !== seedsGold[i]!.q)).toBe(true);
    expect(report(traditional, asked[1]!)).toEqual([]);
  });

  it("answers them with spaces and punctuation noise", () => {
    expect(report(noise, asked[2]!)).toEqual([]);
  });

  it("every figure carries its report, year, unit and source line", () => {
    const answers = asked[3]!;
    expect(answers.length).toBe(values.length);
    for (const a of answers) {
      const first = a.answers[0]!;
      expect(first.org).toBeTruthy();
      expect(first.year).toBeGreaterThan(2000);
      expect(first.evidence.length).toBeGreaterThan(0);
      expect(first.line).toBeGreaterThan(0);
      expect(a.text).toContain(`第${first.line}行`);
    }
  });

  it("says what is missing instead of answering another year", () => {
    const [a] = asked[4]!;
    expect(a!.kind).toBe("none");
    expect(a!.answers).toEqual([]);
    expect(a!.text).toContain("没有");
    expect(a!.text).toContain("2018");
  });

  it("ingesting the same reports again stores one copy of each", () => {
    const before = storedCatalog(db).reports.length;
    const res = ingestInto(db, [SEEDS]);
    expect(res).toContain("已存在 5 份");
    expect(storedCatalog(db).reports.length).toBe(before);
    expect(before).toBe(5);
  });
});

describe("2021-template gold (PDF extractions)", () => {
  it("answers every gold question", () => {
    const res = ingestDirs([EXTRA]);
    expect(res.status).toBe(0);
    const golds = extraGold.map((g) => ({ ...g, type: g.type ?? (g.field === "text" ? "text" : "value") }) as Gold);
    const answers = askJsonl(
      res.db,
      golds.map((g) => g.q),
    );
    expect(report(golds, answers)).toEqual([]);
  });
});

// Real crawled pages (one line, cells glued): the bar is 95%, in Simplified, Traditional and with noise.
describe("real Pingtan gold (crawled pages)", () => {
  const golds = realGold.map((g) => ({ ...g, type: g.type ?? (g.field === "text" ? "text" : "value") }) as Gold);
  const lists = [
    golds,
    golds.map((g) => ({ ...g, q: toTraditional(g.q) })),
    golds.map((g, i) => ({ ...g, q: noisy(g.q, i) })),
    golds.map((g, i) => ({ ...g, q: reworded(g.q, i) })),
  ];
  let asked: Answer[][] = [];
  beforeAll(() => {
    const res = ingestDirs([PINGTAN]);
    expect(res.status).toBe(0);
    asked = askMany(
      res.db,
      lists.map((l) => l.map((g) => g.q)),
    );
  });
  const atBar = (i: number) => {
    const fails = report(lists[i]!, asked[i]!);
    expect(fails.length, fails.join("\n")).toBeLessThanOrEqual(Math.floor(lists[i]!.length * 0.05));
  };

  it("answers the gold questions at the bar", () => atBar(0));
  it("answers them in Traditional characters too", () => atBar(1));
  it("answers them with spaces and punctuation noise", () => atBar(2));
  // Worded otherwise, every question the plain wording answers is answered: the same invariance as
  // the reports' layouts (test/parse/invariance.test.ts), for the questions.
  it("answers them worded otherwise as it answers them plain: 年度, 全年, thanks, letter-spaced, 请回答", () => {
    const lost = lists[3]!.flatMap((g, i) =>
      judge(golds[i]!, asked[0]![i]!) && !judge(g, asked[3]![i]!) ? [`${g.q} → want ${JSON.stringify(g.answer)}, got ${asked[3]![i]!.text.slice(0, 100)}`] : [],
    );
    expect(lost).toEqual([]);
  });
});
