// Bad input never throws and never hangs: a fixed-seed fuzz over the parser and question
// understanding (random Unicode, control characters, emoji, megabyte lines, nested brackets,
// 400-digit numbers, real report text cut and shuffled). Each case has its own time-out as a hang
// guard; speed itself is measured by `npm run bench`, not here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFigures } from "../../src/answer.js";
import { mulberry32 } from "../../src/bench/random.js";
import { Catalog, toEntry } from "../../src/catalog.js";
import { parseQuestion } from "../../src/parse/question.js";
import { parseReport } from "../../src/parse/report.js";
import { load, SEED, SEEDS } from "../helpers/reports.js";

const rand = mulberry32(20261122);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const real = readFileSync(join(SEEDS, SEED.changshou), "utf8") + readFileSync(join(SEEDS, SEED.xihu), "utf8");
const PIECES = [
  "|",
  "||",
  "\n",
  "\r\n",
  "\t",
  "(一)",
  "（",
  "）",
  "【",
  "】",
  "——",
  "-",
  "+17",
  "0",
  "26.8万",
  "5500余",
  "第二十条第(一)项",
  "本年新收",
  "行政复议",
  "总计",
  "一、",
  "二、",
  "- 3 -",
  "\u0000",
  "\ufffd",
  "\u202e",
  "😀",
  "𠀀",
  "年",
  "2018",
  "9".repeat(400),
];

function randomText(len: number): string {
  let s = "";
  while (s.length < len) {
    const r = rand();
    if (r < 0.3) s += pick(PIECES);
    else if (r < 0.6) s += String.fromCodePoint(Math.floor(rand() * 0x2ffff));
    else {
      const at = Math.floor(rand() * (real.length - 200));
      s += real.slice(at, at + Math.floor(rand() * 200));
    }
  }
  return s;
}

const CASES: [string, () => string][] = [
  ["empty", () => ""],
  ["whitespace", () => " \n\t\n  "],
  ["binary bytes", () => Buffer.from(Array.from({ length: 5000 }, () => Math.floor(rand() * 256))).toString("latin1")],
  ["NUL-filled", () => "\u0000".repeat(10000)],
  ["4000 emoji", () => "😀".repeat(4000)],
  [
    "1 MB single line of report text",
    () =>
      real
        .replace(/\n/g, "")
        .repeat(Math.ceil(1_000_000 / real.length))
        .slice(0, 1_000_000),
  ],
  ["1 MB of digits", () => "1".repeat(1_000_000)],
  ["1 MB of pipes and numbers", () => "| 1 | 2 |".repeat(110_000)],
  ["nested brackets", () => "(".repeat(50_000) + "行政复议" + ")".repeat(50_000)],
  ["400-digit numbers in a table", () => `统计指标 | 单位 | 统计数 |\n四、行政复议数量 | 件 | ${"9".repeat(400)} |\n`],
  ["5 MB report", () => real.repeat(Math.ceil(5_000_000 / real.length)).slice(0, 5_000_000)],
  [
    "shuffled real lines",
    () =>
      real
        .split("\n")
        .sort(() => rand() - 0.5)
        .join("\n"),
  ],
  ...Array.from({ length: 40 }, (_, i) => [`random ${i}`, () => randomText(200 + Math.floor(rand() * 20000))] as [string, () => string]),
];

describe("parseReport never throws, never hangs", () => {
  it.each(CASES.map(([name, make]) => ({ name, text: make() })))(
    "$name",
    ({ text }) => {
      const res = parseReport(text, { name: "fuzz.txt" });
      if (res.ok) {
        expect(Array.isArray(res.report.figures)).toBe(true);
        for (const f of res.report.figures) expect(f.value === null || Number.isFinite(f.value)).toBe(true);
      } else {
        expect(res.error.length).toBeGreaterThan(0);
      }
      // Only a true hang fails here; how fast parsing is, `npm run bench` measures.
    },
    60_000,
  );

  it("rejects empty and binary input with a reason", () => {
    expect(parseReport("")).toEqual({ ok: false, error: expect.stringContaining("空") });
    const bin = parseReport("\u0000\u0001\u0002".repeat(1000));
    expect(bin.ok).toBe(false);
  });

  it("keeps a report without a year, with a warning", () => {
    const text = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8").replace(/(?:19|20)\d{2}/g, "");
    const res = parseReport(text);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.report.year).toBeNull();
      expect(res.report.warnings.some((w) => w.code === "NO_YEAR")).toBe(true);
    }
  });
});

describe("parseQuestion never throws, never hangs", () => {
  const catalog = new Catalog([load(SEEDS, SEED.changshou), load(SEEDS, SEED.xihu), load(SEEDS, SEED.bengbu)].map((r) => toEntry(r, keyFigures(r))));
  const lexicon = catalog.lexicon();
  const QUESTIONS = [
    "",
    "😀".repeat(4000),
    "<b>长寿区</b><script>alert(1)</script>2018年行政复议",
    "(".repeat(5000),
    "9".repeat(400) + "年行政复议",
    "长寿区".repeat(1000),
    "\u0000\u0001长寿区2018\u202e",
    "行政复议行政诉讼".repeat(500),
    "x".repeat(1_000_000),
    ...Array.from({ length: 60 }, () => randomText(1 + Math.floor(rand() * 400))),
  ];
  it.each(QUESTIONS.map((q, i) => ({ i, q })))(
    "question $i",
    ({ q }) => {
      const pq = parseQuestion(q, lexicon, (s) => s.split(/\s+/));
      expect(pq.text).toBe(q);
      expect(Array.isArray(pq.years)).toBe(true);
    },
    5_000,
  );
});
