// Golden files: every figure of every real fixture report, with its source, certainty, note and the
// line it was read from; who, when and the warnings. A change to any of them shows in the diff of
// test/fixtures/golden/*.json and is reviewed there. Regenerate with UPDATE_FIXTURES=1.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain.js";
import { parseReport } from "../../src/parse/report.js";
import { EXTRA, FIXTURES, PINGTAN, SEEDS } from "../helpers/reports.js";

const GOLDEN = join(FIXTURES, "../golden");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

const FILES = [SEEDS, EXTRA, PINGTAN].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ dir, file: f })),
);

/** The record as reviewed: plain, one figure per line in the JSON. */
function golden(r: Report) {
  return {
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion,
    level: r.level,
    parent: r.parent ?? null,
    city: r.city ?? null,
    county: r.county ?? null,
    province: r.province ?? null,
    year: r.year,
    template: r.template,
    title: r.title,
    figures: r.figures.map((f) =>
      [f.metric, f.slice ?? "", f.value, f.unit, f.source, f.certain ? "certain" : "uncertain", `line ${f.evidence.line}`, f.note ?? ""].join(" ¦ "),
    ),
    warnings: r.warnings.map((w) => `${w.code}: ${w.message}`),
    sections: r.sections.map((s) => s.title),
  };
}

describe.each(FILES)("$file", ({ dir, file }) => {
  it("reads every figure as the golden file has it", () => {
    const res = parseReport(readFileSync(join(dir, file), "utf8"), { name: file });
    if (!res.ok) throw new Error(res.error);
    const got = golden(res.report);
    const path = join(GOLDEN, file.replace(/\.txt$/, ".json"));
    if (UPDATE || !existsSync(path)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, JSON.stringify(got, null, 1) + "\n");
      if (!UPDATE) throw new Error(`${path} was missing and has been written: review it and run again`);
      return;
    }
    expect(got).toEqual(JSON.parse(readFileSync(path, "utf8")));
  });
});
