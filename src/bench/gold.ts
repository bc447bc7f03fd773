// The gold files' judging rules (the same as the shared evaluation's eval.mjs): one home for them,
// used by `npm run eval` and by the tests that answer the gold questions.
import type { Answer } from "../domain.js";

/** One gold question: what is asked, what kind of answer passes, and the answer. */
export interface Gold {
  q: string;
  type?: "value" | "set" | "text" | "none";
  answer: unknown;
  unit?: string;
  field?: string;
  /** The report file the question is about ("*" or absent: any). */
  file?: string;
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

/**
 * Whether an answer passes a gold line, by its type: value (the first figure, 元/万元/亿元 scaled),
 * set (every number mentioned), none (no figure and kind "none"), text (the passage quoted).
 * Example: { q: "长寿区2018年行政复议多少件", answer: 15 } passes an answer whose first figure is 15.
 */
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
