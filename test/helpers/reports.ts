// The real reports the tests read, all under test/fixtures/reports: the five seeds, the three
// 2021-template PDF extractions (extra), and the eleven Pingtan reports as a crawler saved them.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Report } from "../../src/domain.js";
import { parseReport } from "../../src/parse/report.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures/reports");
export const SEEDS = join(FIXTURES, "seeds");
export const EXTRA = join(FIXTURES, "extra");
export const PINGTAN = join(FIXTURES, "pingtan");
export const GOLD = join(FIXTURES, "../gold");

/**
 * The CLI and the bot as a test starts them in a process of their own: their compiled copies in
 * dist/, built for the run by test/global-setup.ts (as `npm start` runs them).
 */
export const DIST = { cli: join(ROOT, "dist/cli.js"), main: join(ROOT, "dist/main.js") } as const;

export const SEED = {
  changshou: "000_2d63126c8570951a.txt",
  ziyang: "001_6b8ee0204781e589.txt",
  xiaobanqiao: "002_2280456dce613c96.txt",
  bengbu: "003_039a0e44477dbad7.txt",
  xihu: "004_5707773b816ef26e.txt",
} as const;

export const EXTRA_FILES = {
  huaian2024: "09_huaian_shi_2024.txt",
  hongze2023: "10_hongze_qu_2023.txt",
  hongze2024: "11_hongze_qu_2024.txt",
} as const;

const cache = new Map<string, Report>();

/** Parse a real report (cached per test file). */
export function load(dir: string, file: string): Report {
  const path = join(dir, file);
  const hit = cache.get(path);
  if (hit) return hit;
  const res = parseReport(readFileSync(path, "utf8"), { name: file });
  if (!res.ok) throw new Error(`${file}: ${res.error}`);
  cache.set(path, res.report);
  return res.report;
}

/** The figure of a metric (table or derived total by default). */
export function fig(r: Report, metric: string, opts: { slice?: string; source?: "table" | "narrative" | "derived" | "any-table" } = {}) {
  const source = opts.source ?? "any-table";
  return r.figures.find(
    (f) => f.metric === metric && (f.slice ?? undefined) === opts.slice && (source === "any-table" ? f.source !== "narrative" : f.source === source),
  );
}
