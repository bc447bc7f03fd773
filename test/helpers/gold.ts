// The gold files' judging rules (same as ../shared/tools/eval.mjs), and the CLI driven as the eval
// drives it: `ingest DIR --db F`, then `ask --db F --jsonl` with one question a line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Answer } from "../../src/domain.js";
import { ROOT } from "./reports.js";

export interface Gold {
  q: string;
  type?: "value" | "set" | "text" | "none";
  answer: unknown;
  unit?: string;
  field?: string;
}

export function readGold(path: string): Gold[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Gold);
}

const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.replace(/,/g, "")) : NaN);
const same = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const MONEY: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
const plain = (s: string) => s.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");

function mentions(ans: Answer, v: number): boolean {
  if (ans.answers.some((a) => same(num(a.value), v))) return true;
  const text = [ans.text, ...ans.hits.map((h) => h.snippet)].join("\n").replace(/,/g, "");
  const forms = [String(v)];
  if (v >= 10000) forms.push(`${+(v / 10000).toFixed(4)}万`);
  return forms.some((f) => text.includes(f));
}

/** Whether an answer passes a gold line, by its type. */
export function judge(g: Gold, ans: Answer): boolean {
  const type = g.type ?? (g.field === "text" ? "text" : "value");
  switch (type) {
    case "value": {
      const a = ans.answers[0];
      if (!a) return false;
      const x = num(a.value);
      const y = num(g.answer);
      return same(x, y) || (g.unit! in MONEY && a.unit in MONEY && same(x * MONEY[a.unit]!, y * MONEY[g.unit!]!));
    }
    case "set":
      return (g.answer as number[]).every((v) => mentions(ans, v));
    case "none":
      return ans.answers.length === 0 && ans.kind === "none";
    case "text":
      return plain([ans.text, ...ans.hits.map((h) => h.snippet)].join("\n")).includes(plain(String(g.answer)));
    default:
      return false;
  }
}

function cli(args: string[], db: string, input?: string) {
  const res = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/cli.ts"), ...args], {
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
