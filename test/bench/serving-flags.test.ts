// The bench's serving process and cold starts run with the V8 flags `npm start` runs the bot with
// (bench.ts servingFlags), read from package.json's start script.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { servingFlags } from "../../src/bench/bench.js";

function root(start: string): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-flags-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe("servingFlags", () => {
  it("takes the node flags before scripts/run.mjs in the start script", () => {
    expect(servingFlags(root("node --max-semi-space-size=8 --stack-size=2000 scripts/run.mjs src/main.ts"))).toEqual([
      "--max-semi-space-size=8",
      "--stack-size=2000",
    ]);
    expect(servingFlags(root("node scripts/run.mjs src/main.ts"))).toEqual([]);
  });

  it("the project's start script gives the bot a young generation of 8 MB semi-spaces", () => {
    expect(servingFlags()).toContain("--max-semi-space-size=8");
  });
});
