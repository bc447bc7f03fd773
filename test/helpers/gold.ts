// The gold files (judged by src/bench/gold.ts, the rules of the shared eval.mjs), and the CLI driven
// as the eval drives it: `ingest DIR --db F`, then `ask --db F --jsonl` with one question a line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Answer } from "../../src/domain.js";
import { DIST, ROOT } from "./reports.js";

export { type Gold, judge } from "../../src/bench/gold.js";

import type { Gold } from "../../src/bench/gold.js";

/** The gold lines of a file under test/fixtures/gold; a missing file is an error, not an empty set. */
export function readGold(path: string): Gold[] {
  if (!existsSync(path)) throw new Error(`gold file missing: ${path} (it belongs in test/fixtures/gold)`);
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Gold);
}

function cli(args: string[], db: string, input?: string) {
  const res = spawnSync(process.execPath, [DIST.cli, ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 << 20,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: "", NIANBAO_DB: db },
  });
  return res;
}

/** A fresh db with the reports of `dirs` ingested through the CLI. */
export function ingestDirs(dirs: string[]): { db: string; stdout: string; stderr: string; status: number | null } {
  const db = join(mkdtempSync(join(tmpdir(), "nianbao-test-")), "db.json");
  const res = cli(["ingest", ...dirs, "--db", db], db);
  return { db, stdout: res.stdout, stderr: res.stderr, status: res.status };
}

/** Ingest `dirs` into an existing db; returns the CLI's stdout. */
export function ingestInto(db: string, dirs: string[]): string {
  return cli(["ingest", ...dirs, "--db", db], db).stdout;
}

/** Ask questions through `ask --jsonl`; one Answer per question, in order. */
export function askJsonl(db: string, questions: string[]): Answer[] {
  const res = cli(["ask", "--db", db, "--jsonl"], db, questions.map((q) => q.replace(/\n/g, " ")).join("\n") + "\n");
  if (res.status !== 0) throw new Error(`ask --jsonl exited ${res.status}: ${res.stderr}`);
  const lines = res.stdout.split("\n").filter((l) => l.trim().startsWith("{"));
  if (lines.length !== questions.length) throw new Error(`ask --jsonl gave ${lines.length} lines for ${questions.length} questions: ${res.stderr}`);
  return lines.map((l) => JSON.parse(l) as Answer);
}
