// The gold questions through the CLI exactly as the shared evaluation drives it (`cli ingest DIR
// --db F`, then `cli ask --db F --jsonl`, one question a line), over the project's own fixtures, so
// it runs from a clone:
//
//   npm run eval                          every set
//   npm run eval -- real html --verbose   some sets, with each failed question
//   npm run eval -- --min 0.95            exit 1 when a set scores below 95%
//
// Sets: seeds (5 reports), extra (3 PDF text extractions), real (11 Pingtan pages as a crawler saved
// them), html (the two saved web pages of Pingtan 2013 and 2024, asked their questions of real).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { Answer } from "../domain.js";
import { type Gold, judge } from "./gold.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/reports");
const GOLD = join(ROOT, "test/fixtures/gold");

interface EvalSet {
  /** Report files as they are given to the CLI: source path → name in the reports folder. */
  files: () => [string, string][];
  gold: string;
}

const folder = (dir: string): [string, string][] =>
  readdirSync(dir)
    .sort()
    .map((f) => [join(dir, f), f]);

export const SETS: Record<string, EvalSet> = {
  seeds: { files: () => folder(join(FIXTURES, "seeds")), gold: "seeds-gold.jsonl" },
  extra: { files: () => folder(join(FIXTURES, "extra")), gold: "extra-gold.jsonl" },
  real: { files: () => folder(join(FIXTURES, "pingtan")), gold: "real-gold.jsonl" },
  // The saved pages of two of the crawled reports, named as the crawler's files they are.
  html: {
    files: () => [
      [join(FIXTURES, "pingtan-2013-html/input.html"), "04_pingtan_xian_2013.html"],
      [join(FIXTURES, "pingtan-2024-html/input.html"), "11_pingtan_2024.html"],
    ],
    gold: "real-gold.jsonl",
  },
};

const stem = (name: string) => basename(name).replace(/\.[^.]+$/, "");

function cli(args: string[], db: string, input?: string) {
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli.ts"), ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 256 << 20,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: "", NIANBAO_DB: db },
  });
}

export interface SetScore {
  name: string;
  passed: number;
  total: number;
  failures: string[];
}

/** Score one set: a fresh db, its reports ingested, its questions (those about its files) asked. */
export function scoreSet(name: string): SetScore {
  const set = SETS[name];
  if (!set) throw new Error(`no set “${name}” (sets: ${Object.keys(SETS).join(", ")})`);
  const work = mkdtempSync(join(tmpdir(), `nianbao-eval-${name}-`));
  const reports = join(work, "reports");
  mkdirSync(reports);
  const files = set.files();
  for (const [from, to] of files) copyFileSync(from, join(reports, to));
  const stems = new Set(files.map(([, to]) => stem(to)));
  const gold = readFileSync(join(GOLD, set.gold), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Gold)
    .filter((g) => (g.file && g.file !== "*" ? stems.has(stem(g.file)) : name !== "html"));
  const db = join(work, "db.json");
  const ingest = cli(["ingest", reports, "--db", db], db);
  if (ingest.status !== 0)
    return { name, passed: 0, total: gold.length, failures: [`ingest exited ${ingest.status}: ${(ingest.stderr + ingest.stdout).slice(-800)}`] };
  const asked = cli(["ask", "--db", db, "--jsonl"], db, gold.map((g) => g.q.replace(/\n/g, " ")).join("\n") + "\n");
  const lines = (asked.stdout ?? "").split("\n").filter((l) => l.trim().startsWith("{"));
  if (asked.status !== 0 || lines.length !== gold.length) {
    return {
      name,
      passed: 0,
      total: gold.length,
      failures: [`ask --jsonl gave ${lines.length} lines for ${gold.length} questions (exit ${asked.status}): ${asked.stderr.slice(-800)}`],
    };
  }
  const failures: string[] = [];
  gold.forEach((g, i) => {
    const a = JSON.parse(lines[i]!) as Answer;
    if (!judge(g, a))
      failures.push(
        `${g.q} → want ${JSON.stringify(g.answer)}, got ${a.kind} ${JSON.stringify(a.answers.slice(0, 2).map((x) => x.value))} ${a.text.replace(/\s+/g, " ").slice(0, 120)}`,
      );
  });
  return { name, passed: gold.length - failures.length, total: gold.length, failures };
}

function main(argv: string[]): number {
  const verbose = argv.includes("--verbose");
  const minAt = argv.indexOf("--min");
  const min = minAt >= 0 ? Number(argv[minAt + 1]) : 0;
  const names = argv.filter((a, i) => !a.startsWith("--") && !(minAt >= 0 && i === minAt + 1));
  let ok = true;
  for (const name of names.length ? names : Object.keys(SETS)) {
    const s = scoreSet(name);
    const share = s.total ? s.passed / s.total : 0;
    console.log(`${name.padEnd(6)} ${s.passed}/${s.total} (${(share * 100).toFixed(1)}%)`);
    if (verbose || s.passed === 0) for (const f of s.failures) console.log(`  ✗ ${f}`);
    if (share < min) ok = false;
  }
  return ok ? 0 : 1;
}

if (process.argv[1] && /eval\.(ts|js)$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
