// The CLI's source, export and ask --chart, in-process over a temporary db of fixture reports.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { fileAddressBook } from "../src/store/addresses.js";
import { pngSize } from "./helpers/png.js";
import { EXTRA, EXTRA_FILES } from "./helpers/reports.js";
import { storedCatalog } from "./helpers/stored.js";

let dir: string;
let db: string;
const out: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-cli-reuse-"));
  db = join(dir, "db.json");
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  expect(await main(["ingest", EXTRA, "--db", db])).toBe(0);
  vi.restoreAllMocks();
});

afterEach(() => vi.restoreAllMocks());

function quiet() {
  out.length = 0;
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
}

describe("npm run cli -- source", () => {
  it("writes the original file of a report named by region and year", async () => {
    quiet();
    const file = join(dir, "hz.txt");
    expect(await main(["source", "洪泽区", "2024", "--out", file, "--db", db])).toBe(0);
    expect(readFileSync(file).equals(readFileSync(join(EXTRA, EXTRA_FILES.hongze2024)))).toBe(true);
    expect(out.join("\n")).toContain("淮安市洪泽区人民政府 2024年报告");
  });

  it("prints the address a report was fetched from", async () => {
    quiet();
    const e = storedCatalog(db).reports.find((r) => r.region === "洪泽区" && r.year === 2023)!;
    fileAddressBook(join(dir, "db.addresses.json")).add([e.id], { urls: ["https://www.example.gov.cn/t20240110_1.html"], name: "t20240110_1.html" });
    expect(await main(["source", e.id, "--out", join(dir, "x.html"), "--db", db])).toBe(0);
    expect(out.join("\n")).toContain("网址：https://www.example.gov.cn/t20240110_1.html");
  });
});

describe("npm run cli -- export", () => {
  it("writes a CSV with a BOM whose figures are the answers'", async () => {
    quiet();
    const file = join(dir, "review.csv");
    expect(await main(["export", "行政复议", "江苏", "--out", file, "--db", db])).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r["地区"], r["年度"], r["数值"], r["单位"]])).toEqual([
      ["淮安市", "2024", expect.any(String), "件"],
      ["淮安市洪泽区", "2023", "0", "件"],
      ["淮安市洪泽区", "2024", "2", "件"],
    ]);
  });

  it("writes JSON with --format json, and refuses an unknown format", async () => {
    quiet();
    const file = join(dir, "hz.json");
    expect(await main(["export", "洪泽区", "2024", "--format", "json", "--out", file, "--db", db])).toBe(0);
    const json = JSON.parse(readFileSync(file, "utf8")) as { kind: string; rows: unknown[] };
    expect(json.kind).toBe("report");
    expect(json.rows.length).toBeGreaterThan(100);
    expect(await main(["export", "行政复议", "--format", "xlsx", "--db", db])).toBe(2);
  });
});

describe("npm run cli -- ask --chart", () => {
  it("writes the PNG chart of a trend answer", async () => {
    quiet();
    const file = join(dir, "trend.png");
    expect(await main(["ask", "洪泽区2023到2024年行政许可", "--chart", file, "--db", db])).toBe(0);
    const { width, height } = pngSize(readFileSync(file));
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(600);
  });
});
