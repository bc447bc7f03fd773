// The names people type for a body, by rule: a department's common abbreviation (发展和改革局 →
// 发改局, 市场监督管理局 → 市场监管局 / 市监局, 地方税务局 → 地税局, 科学技术委员会 → 科委, 国有资产
// 监督管理委员会 → 国资委) and a government's office as a body of its own (人民政府办公厅 → 政府办公厅,
// 政府办). Question side only: what a report calls itself is never rewritten.

/** What a department is: its kind of body, longest first, with the short suffix people type for it. */
const BODY_SUFFIX: readonly [string, string[]][] = [
  ["委员会", ["委"]],
  ["办公厅", ["办公厅", "办"]],
  ["办公室", ["办公室", "办"]],
  ["局", ["局"]],
  ["委", ["委"]],
  ["厅", ["厅"]],
  ["办", ["办"]],
];

/** Two verbs people say as one (监督管理 → 监管) or leave out of an abbreviation (国资委). */
const MERGED = /监督管理/g;

/** Abbreviations that name one kind of body, and the full names they stand for. */
const OWNED_INITIALS: readonly [string, RegExp][] = [["国资", /^国有资产/]];

/** "发展", "改革": a name's words, two characters each (a name of another length is not split). */
function words(part: string): string[] | null {
  if (part.length < 2 || part.length % 2 !== 0 || !/^[\u4e00-\u9fff]+$/.test(part)) return null;
  const out: string[] = [];
  for (let i = 0; i < part.length; i += 2) out.push(part.slice(i, i + 2));
  return out;
}

/**
 * The short names of a department's own name (without its region), by rule: each two-character
 * word by its first character (地方税务 → 地税; parts joined by 和 or 与 each by their first, or their last
 * word's first: 发展和改革 → 发改, 住房和城乡建设 → 住建), 监督管理 said 监管 or left to 监 or out
 * (市场监管局, 市监局, 国资委), 委员会 said 委, a one-word committee by its first character (科学技术委员会
 * → 科委); a government's office as 政府办公厅 / 政府办. Never the name itself.
 *
 *   departmentForms("发展和改革局") ⊇ ["发改局"]; departmentForms("市场监督管理局") ⊇ ["市场监管局", "市监局"]
 */
export function departmentForms(own: string): string[] {
  const out = new Set<string>();
  // A government's office: 人民政府办公厅 → 政府办公厅, 政府办; a 管委会's: 管委会办公室 → 管委办.
  const office = /^(人民政府|政府|管委会|管理委员会)(办公厅|办公室)$/.exec(own);
  if (office) {
    const gov = office[1] === "人民政府" || office[1] === "政府" ? "政府" : "管委";
    for (const s of [office[2]!, "办"]) out.add(gov + s);
    if (gov === "政府") out.add("府办");
    out.delete(own);
    return [...out];
  }
  const suffix = BODY_SUFFIX.find(([s]) => own.endsWith(s));
  if (!suffix) return [];
  const stem = own.slice(0, -suffix[0].length);
  if (stem.length < 2) return [];
  const stems = new Set<string>();
  // 监督管理 as typed short (监管), and the abbreviations with it left to 监 or left out.
  stems.add(stem.replace(MERGED, "监管"));
  // The name with its 和 or 与 left out, as it is often printed (发展改革局, 交通建设局).
  if (/[和与]/.test(stem)) stems.add(stem.replace(/[和与]/g, ""));
  const parts = stem.split(/[和与]/);
  const ws = parts.map((p) => words(p.replace(MERGED, "监督管理")));
  if (ws.every((w) => w !== null)) {
    const initials = (w: string[], merged: "keep" | "one" | "drop") => {
      let s = "";
      for (let i = 0; i < w.length; i++) {
        if (w[i] === "监督" && w[i + 1] === "管理") {
          if (merged === "keep") s += "监管";
          else if (merged === "one") s += "监";
          i++;
          continue;
        }
        s += w[i]![0];
      }
      return s;
    };
    for (const merged of ["keep", "one", "drop"] as const) {
      stems.add(ws.map((w) => initials(w!, merged)).join(""));
    }
    if (parts.length > 1) {
      // Each part by its first character, or by its last word's (住房和城乡建设 → 住建).
      stems.add(ws.map((w) => w![0]![0]).join(""));
      stems.add(ws.map((w, i) => (i === 0 ? w![0]![0] : w![w!.length - 1]![0])).join(""));
    }
    // A committee of one subject: 科学技术委员会 → 科委, 教育委员会 → 教委.
    if (suffix[0] === "委员会" && parts.length === 1 && ws[0]!.length <= 2) stems.add(ws[0]![0]![0]!);
    // A bureau or a province's department by its first word: 国土资源局 → 国土局, 交通运输局 → 交通局,
    // 市场监督管理局 → 市场局, 交通运输厅 → 交通厅.
    if ((suffix[0] === "局" || suffix[0] === "厅") && parts.length === 1 && ws[0]!.length >= 2) stems.add(ws[0]![0]!);
  }
  // Initials that are another body's name are not this one's: 国土资源局 is no 国资局 (国有资产的).
  for (const [initials, owner] of OWNED_INITIALS) if (stems.has(initials) && !owner.test(stem)) stems.delete(initials);
  for (const s of stems) {
    for (const short of suffix[1]) {
      const form = s + short;
      // One character and its suffix is a name only for a committee (科委); 市局 is no name.
      if (form === own || (s.length < 2 && short !== "委") || form.length < 2) continue;
      out.add(form);
    }
  }
  return [...out];
}

/** Levenshtein distance of at most one: equal length with one character different. */
export function oneApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}
