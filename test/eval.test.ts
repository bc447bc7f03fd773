// The README's evaluation commands work from a clone: they name only `npm run eval`, whose sets
// are the fixture reports and gold files, and a set scores through the CLI as it is graded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SETS, scoreSet } from "../src/bench/eval.js";
import { ROOT } from "./helpers/reports.js";

describe("npm run eval", () => {
  it("is what the README tells a clone to run (nothing outside the clone)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Tests and evaluation"));
    const commands = [...section.matchAll(/^(?:npm|node|\.\.\/)\S*.*$/gm)].map((m) => m[0]);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^npm run eval/);
    expect(section).not.toContain("../shared");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.eval).toBe("tsx src/bench/eval.ts");
    for (const [, name] of section.matchAll(/npm run eval -- ((?:[a-z]+ ?)+)/g))
      for (const set of name!.trim().split(" ")) expect(Object.keys(SETS)).toContain(set);
  });

  it("scores the saved web pages through the CLI", () => {
    const s = scoreSet("html");
    expect(s.failures).toEqual([]);
    expect(s.total).toBe(26);
  }, 120_000);
});
