import { describe, expect, it } from "vitest";
import { generateCorpus, generateReport, type SyntheticReport } from "../../src/bench/generate.js";
import { outcomeIds, SLICES, TABLE3_COLUMNS } from "../../src/bench/generate-gbf.js";
import { wrap } from "../../src/bench/generate-pdf.js";
import { Rng } from "../../src/bench/random.js";

const first200 = [...generateCorpus(200)];
const v = (f: Record<string, number>, k: string) => f[k] ?? 0;
const sum = (f: Record<string, number>, keys: readonly string[]) => keys.reduce((a, k) => a + v(f, k), 0);

/** 表三 identities of one column (or the truth's total column). */
function checkTable3Column(col: Record<string, number>, generation: "gbf2019" | "gbf2021"): void {
  expect(v(col, "requests.received") + v(col, "requests.carried_over")).toBe(v(col, "requests.result.total") + v(col, "requests.carried_forward"));
  expect(sum(col, outcomeIds(generation))).toBe(v(col, "requests.result.total"));
}

function checkTable4(f: Record<string, number>): void {
  for (const g of ["review", "litigation.direct", "litigation.after_review"]) {
    expect(
      sum(
        f,
        ["upheld", "corrected", "other", "pending"].map((k) => `${g}.${k}`),
      ),
    ).toBe(v(f, `${g}.total`));
  }
}

function checkStat(f: Record<string, number>): void {
  if ("requests.channel.in_person" in f) {
    expect(sum(f, ["requests.channel.in_person", "requests.channel.fax", "requests.channel.online", "requests.channel.letter"])).toBe(
      v(f, "requests.received"),
    );
  }
  expect(v(f, "requests.closed.on_time") + v(f, "requests.closed.late")).toBe(v(f, "requests.closed"));
  for (const base of ["review", "litigation"]) {
    expect(
      sum(
        f,
        ["upheld", "corrected", "other"].map((k) => `${base}.${k}`),
      ),
    ).toBe(v(f, `${base}.total`));
  }
  if ("complaints.upheld" in f) expect(sum(f, ["complaints.upheld", "complaints.corrected", "complaints.other"])).toBe(v(f, "complaints.total"));
  expect(v(f, "staff.fulltime") + v(f, "staff.parttime")).toBe(v(f, "staff.total"));
  const answers = ["already_public", "granted", "partial", "withheld", "not_this_agency", "not_exist", "needs_change", "other_channel"];
  expect(
    sum(
      f,
      answers.map((k) => `requests.result.${k}`),
    ),
  ).toBe(v(f, "requests.answered"));
}

function checkIdentities(r: SyntheticReport): void {
  const { template, figures } = r.truth;
  if (template === "stat2016") checkStat(figures);
  if (template === "gbf2019" || template === "gbf2021") {
    checkTable3Column(figures, template);
    checkTable4(figures);
    const slices = r.truth.slices!;
    expect(Object.keys(slices).sort()).toEqual([...SLICES].sort());
    for (const s of SLICES) checkTable3Column(slices[s]!, template);
    // 总计 column = sum of the six applicant columns, row by row.
    for (const [metric, total] of Object.entries(figures)) {
      if (!metric.startsWith("requests.")) continue;
      expect(SLICES.reduce((a, s) => a + v(slices[s]!, metric), 0)).toBe(total);
    }
  }
}

describe("synthetic report generator", () => {
  it("is deterministic for (seed, index) and varies with either", () => {
    const a = generateReport(42, 17);
    expect(generateReport(42, 17)).toEqual(a);
    expect(generateReport(43, 17).text).not.toBe(a.text);
    expect(generateReport(42, 18).text).not.toBe(a.text);
    expect(a.name).toBe("gen-000017.txt");
    expect([...generateCorpus(3, 7)].map((r) => r.text)).toEqual([0, 1, 2].map((i) => generateReport(7, i).text));
  });

  it("covers every template and layout in the first 200", () => {
    const pairs = new Set(first200.map((r) => `${r.truth.template}/${r.truth.layout}`));
    for (const p of [
      "stat2016/pipes",
      "stat2016/cell-per-line",
      "gbf2019/blank-separated",
      "gbf2019/pdf-columns",
      "gbf2021/blank-separated",
      "gbf2021/pdf-columns",
      "narrative/narrative",
    ]) {
      expect(pairs, p).toContain(p);
    }
    const narrative = first200.filter((r) => r.truth.template === "narrative").length;
    expect(narrative).toBeGreaterThan(8);
    expect(narrative).toBeLessThan(40);
  });

  it("chooses the template by year", () => {
    for (const r of first200) {
      const { year, template } = r.truth;
      if (template === "narrative") continue;
      expect(template).toBe(year <= 2018 ? "stat2016" : year <= 2020 ? "gbf2019" : "gbf2021");
    }
  });

  it("keeps the tables' identities in the truth", () => {
    for (const r of first200) checkIdentities(r);
  });

  it("states the narrative figures in the text, and the title names org and year", () => {
    for (const r of first200) {
      const flat = r.text.replace(/\s+/g, "");
      for (const [metric, value] of Object.entries(r.truth.narrative)) {
        if (value === 0) continue;
        expect(flat, `${r.name} ${metric}`).toContain(String(value));
      }
      const head = flat.slice(0, 400);
      expect(head).toContain(r.truth.org.replace(/人民政府$/, ""));
      expect(head).toContain(`${r.truth.year}年`);
    }
  });

  it("prints the total column's figures in the tables", () => {
    for (const r of first200.filter((x) => x.truth.template !== "narrative")) {
      const cells = new Set(
        r.text.split(/[\n|]/).map((c) =>
          c
            .trim()
            .replace(/(批次|万元)$/, "")
            .replace(/^\+/, ""),
        ),
      );
      for (const [metric, value] of Object.entries(r.truth.figures)) expect(cells, `${r.name} ${metric}`).toContain(String(value));
    }
  });

  it("prints the layouts as the real texts do", () => {
    const byLayout = (l: string) => first200.find((r) => r.truth.layout === l)!.text;
    expect(byLayout("pipes")).toMatch(/^（?\(?一[)）]主动公开政府信息数.* \| 条 \| \d+ \|$/m);
    expect(byLayout("cell-per-line")).toMatch(/^四、行政复议数量 \|\n件 \|\n\d+ \|$/m);
    expect(byLayout("blank-separated")).toMatch(/^一、本年新收政府信息公开申请数量\n\n\d+\n\n\d+/m);
    expect(byLayout("pdf-columns")).toMatch(/^- \d+ -$/m);
  });

  it("keeps sizes realistic and township figures small", () => {
    for (const r of first200) {
      const bytes = Buffer.byteLength(r.text);
      expect(bytes).toBeGreaterThan(4_000);
      expect(bytes).toBeLessThan(40_000);
    }
    const towns = first200.filter((r) => /(?:街道|镇|乡)$/.test(r.truth.region) && r.truth.template !== "narrative");
    expect(towns.length).toBeGreaterThan(5);
    for (const r of towns) expect(r.truth.figures["requests.received"] ?? 0).toBeLessThan(50);
  });

  it("generates 1000 reports without error", () => {
    let n = 0;
    for (const r of generateCorpus(1000, 7)) {
      expect(r.text.length).toBeGreaterThan(1000);
      checkIdentities(r);
      n++;
    }
    expect(n).toBe(1000);
  });
});

describe("generator helpers", () => {
  it("splits a total exactly", () => {
    const rng = new Rng(1, 2);
    for (let i = 0; i < 200; i++) {
      const total = rng.int(0, 5000);
      const parts = rng.split(total, [1, 0, 0.3, 2]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts[1]).toBe(0);
      expect(parts.every((p) => p >= 0)).toBe(true);
    }
  });

  it("never wraps inside a number or before closing punctuation", () => {
    const text = "全年共受理政府信息公开申请 31190 件，答复 3050 件，其中予以公开 1288 件。";
    const lines = wrap(text, 14);
    expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    for (const l of lines) expect(l).not.toMatch(/^[，。]/);
    expect(lines.join("\n")).not.toMatch(/\d\n\d/);
  });

  it("has seven 表三 columns", () => {
    expect(TABLE3_COLUMNS).toHaveLength(7);
  });
});
