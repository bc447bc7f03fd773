// The bench's load scenario on the default store (SQLite): it ran on the JSON store's files only
// and stopped `npm run bench` with ENOENT (db.json) once SQLite was the default. Small library, no
// timing asserted (performance is measured by `npm run bench`, never by tests).
import { describe, expect, it } from "vitest";
import { runLoad } from "../../src/bench/load.js";

describe("the bench's load scenario", () => {
  it("runs on the default store and finds the catalog unwritten by the questions", async () => {
    const lines: string[] = [];
    const r = await runLoad(40, (s) => lines.push(s));
    expect(r.reports).toBeGreaterThanOrEqual(35);
    expect(r.burst.users).toBe(200);
    expect(Number.isFinite(r.burst.p99)).toBe(true);
    expect(r.burst.dbWrites).toBe(0);
    expect(lines.find((l) => /reports ingested .*catalog \d+\.\d MB/.test(l))).toBeDefined();
    expect(r.reindex.reports).toBe(150);
  }, 180_000);
});
