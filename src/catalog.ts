// The reports held, in memory, indexed the ways questions need them: by id, by region, by year;
// plus the lexicon (region names, column names, newest year) the question parser reads.
import type { Report, ReportEntry } from "./domain.js";
import { gazetteer, lookupName, readSlip, stemOf } from "./parse/gazetteer.js";
import { shortName } from "./parse/meta.js";
import type { AreaEntry, Lexicon, RegionEntry } from "./parse/question.js";
import { departmentForms, oneApart } from "./qa/names.js";

export function toEntry(r: Report, key: Record<string, number>): ReportEntry {
  const { figures, sections, warnings, ...rest } = r;
  void sections;
  return {
    ...rest,
    figureCount: figures.length,
    warningCount: warnings.length,
    conflictCount: warnings.filter((w) => CONFLICT_CODES.has(w.code)).length,
    key,
    columns: [...new Set(figures.filter((f) => f.slice && !/^[a-z_]+$/.test(f.slice)).map((f) => f.slice!))],
    statLabels: [...new Set(figures.filter((f) => f.metric.startsWith("stat.")).map((f) => f.metric.slice(5)))],
  };
}

export type { ReportEntry };

/** Warning codes that say a report contradicts itself: its sums (勾稽) or its table and its prose. */
export const CONFLICT_CODES: ReadonlySet<string> = new Set(["SUM_MISMATCH", "BALANCE_MISMATCH", "TABLE_NARRATIVE_MISMATCH"]);

type Who = Pick<Report, "level" | "org" | "fullRegion" | "region">;

/** The bodies that govern a region under its own name: 人民政府, 政府, a zone's 管委会, a 街道's 办事处. */
const GOVERNING = /^(?:人民政府|政府|管委会|管理委员会|党工委管委会|党工委、管委会|办事处|街道办事处)$/;

/**
 * The report is its region's own (its government, or the 管委会 that governs a zone), not one of a
 * department's. Why: 平潭综合实验区管委会 is the government of 平潭综合实验区; its reports and the
 * 人民政府 ones are one series, while 平潭综合实验区管委会办公室 or 长寿区民政局 is a body of its own.
 */
export function governs(r: Who): boolean {
  if (r.level !== "department") return true;
  return r.region.length >= 2 && r.org.startsWith(r.region) && GOVERNING.test(r.org.slice(r.region.length));
}

/** Region key of a report: the full region for a government, the org for a department. */
export function regionKey(r: Who): string {
  return governs(r) ? r.fullRegion || r.region || r.org : r.org;
}

/** Government reports answer for their region before department reports of the same region. */
export function levelRank(r: Who): number {
  return governs(r) ? 0 : 1;
}

/** A zone's name: its place, an optional kind (综合, 经济技术 …) and what it is (实验区, 开发区 …). */
const ZONE = /^(.{2,8}?)((?:综合|经济技术|高新技术产业|国家级|现代)?(实验区|试验区|示范区|开发区|合作区|新区|保税区|高新区))$/;

/**
 * Names a user types for a region beyond the ones the parser gives: a zone by its place alone
 * (平潭), by place and kind without the modifier (平潭实验区) or by its kind (实验区), and with its
 * 管委会. Why: users shorten zone names by these rules; a name that fits several bodies is asked back.
 *
 *   shortForms("平潭综合实验区") → ["平潭", "平潭实验区", "实验区", "平潭综合实验区管委会", "平潭实验区管委会"]
 */
export function shortForms(region: string): string[] {
  const m = ZONE.exec(region);
  if (!m) return [];
  const [, place, , kind] = m as unknown as [string, string, string, string];
  // A bare kind of two characters (新区) is a common word, not a name.
  const forms = [place, place + kind, ...(kind.length >= 3 ? [kind] : []), `${region}管委会`, `${place}${kind}管委会`];
  return [...new Set(forms)].filter((f) => f !== region);
}

/** A region's reports: newest first, its government before its departments. */
const newestFirst = (a: ReportEntry, b: ReportEntry) => (b.year ?? 0) - (a.year ?? 0) || levelRank(a) - levelRank(b);

export class Catalog {
  private readonly byId = new Map<string, ReportEntry>();
  private readonly byKey = new Map<string, ReportEntry[]>();
  /** Reports by year, in the order of all(): made at the first question about a year, then kept. */
  private byYear: Map<number | null, ReportEntry[]> | null = null;
  private lexiconCache: Lexicon | null = null;

  constructor(reports: Iterable<ReportEntry> = []) {
    // In bulk: every region's list sorted once, not at every add (100k entries at start-up).
    for (const r of reports) {
      if (this.byId.has(r.id)) continue;
      this.byId.set(r.id, r);
      const key = regionKey(r);
      const list = this.byKey.get(key);
      if (list) list.push(r);
      else this.byKey.set(key, [r]);
    }
    for (const list of this.byKey.values()) list.sort(newestFirst);
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ReportEntry | undefined {
    return this.byId.get(id);
  }

  all(): ReportEntry[] {
    return [...this.byId.values()];
  }

  /** The reports of these years, in the order of all() (without copying 100k entries a question). */
  ofYears(years: readonly number[]): ReportEntry[] {
    if (!this.byYear) {
      this.byYear = new Map();
      for (const r of this.byId.values()) {
        const list = this.byYear.get(r.year);
        if (list) list.push(r);
        else this.byYear.set(r.year, [r]);
      }
    }
    if (years.length === 1) return [...(this.byYear.get(years[0]!) ?? [])];
    const wanted = new Set(years);
    return this.all().filter((r) => r.year !== null && wanted.has(r.year));
  }

  add(r: ReportEntry): void {
    if (this.byId.has(r.id)) return;
    this.byId.set(r.id, r);
    this.byYear = null;
    const key = regionKey(r);
    const list = this.byKey.get(key) ?? [];
    list.push(r);
    list.sort(newestFirst);
    this.byKey.set(key, list);
    this.lexiconCache = null;
  }

  /**
   * Put `r` in the place of the entry of its id, in all() and among its region's reports (an entry
   * another process rewrote). False, and nothing done, when there is none, or when its region or
   * its rank there differs (the ties of its new rank could not be ordered as the constructor does).
   */
  replace(r: ReportEntry): boolean {
    const was = this.byId.get(r.id);
    if (!was || regionKey(was) !== regionKey(r) || newestFirst(was, r) !== 0) return false;
    this.byId.set(r.id, r); // keeps its place
    const list = this.byKey.get(regionKey(r))!;
    list[list.indexOf(was)] = r;
    this.byYear = null;
    this.lexiconCache = null;
    return true;
  }

  remove(id: string): void {
    const r = this.byId.get(id);
    if (!r) return;
    this.byId.delete(id);
    this.byYear = null;
    const key = regionKey(r);
    const list = (this.byKey.get(key) ?? []).filter((x) => x.id !== id);
    if (list.length) this.byKey.set(key, list);
    else this.byKey.delete(key);
    this.lexiconCache = null;
  }

  /** Reports of a region key, newest first. */
  forKey(key: string): ReportEntry[] {
    return this.byKey.get(key) ?? [];
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** Display label of a region key. */
  labelOf(key: string): string {
    const r = this.byKey.get(key)?.[0];
    return r ? (governs(r) ? r.fullRegion || r.region : r.org) : key;
  }

  newestYear(): number | null {
    let y: number | null = null;
    for (const r of this.byId.values()) if (r.year !== null && (y === null || r.year > y)) y = r.year;
    return y;
  }

  lexicon(): Lexicon {
    if (this.lexiconCache) return this.lexiconCache;
    const regions: RegionEntry[] = [];
    const sliceNames = new Set<string>();
    const statLabels = new Set<string>();
    const inside = new Map<string, Set<string>>();
    const departments = new Map<string, Set<string>>();
    // Places the held reports lie in: the library's own support for reading a slip (沐阳县 → 沭阳县).
    const held = new Set<string>();
    for (const r of this.byId.values()) for (const a of [r.county, r.city, r.province]) if (a) held.add(a);
    const within = (a: string, key: string) => {
      let set = inside.get(a);
      if (!set) inside.set(a, (set = new Set()));
      set.add(key);
    };
    for (const [key, reports] of this.byKey) {
      const names = new Set<string>();
      let last: ReportEntry | undefined;
      for (const r of reports) {
        for (const c of r.columns) sliceNames.add(c);
        for (const l of r.statLabels) statLabels.add(l);
        // The same body's reports of other years, one after another, name it alike: taken once
        // (one report's names, taken twice in a row, give the same set).
        if (last && sameIssuer(r, last)) continue;
        last = r;
        for (const a of r.aliases) names.add(a);
        if (governs(r)) {
          for (const a of shortForms(r.region)) names.add(a);
          const read = slipRead(r, held);
          if (read) {
            for (const a of correctedNames(r, read)) names.add(a);
            within(read, key);
          }
        } else {
          names.add(r.org);
          for (const n of departmentNames(r)) names.add(n);
          for (const n of ownNames(r)) {
            let set = departments.get(n);
            if (!set) departments.set(n, (set = new Set()));
            set.add(key);
          }
          names.delete(r.region);
          names.delete(r.fullRegion);
          const s = shortName(r.region);
          if (s) names.delete(s);
        }
        // The county, city and province the body lies in: each covers it.
        for (const a of [r.county, r.city, r.province]) if (a) within(a, key);
      }
      regions.push({ key, label: this.labelOf(key), names: [...names] });
    }
    const areas: AreaEntry[] = [];
    for (const [name, keys] of inside) {
      const stem = stemOf(name);
      areas.push({ name, names: stem && stem !== name ? [name, stem] : [name], keys: [...keys] });
    }
    this.lexiconCache = {
      regions,
      sliceNames: [...sliceNames],
      newestYear: this.newestYear(),
      statLabels: [...statLabels],
      areas,
      departments: [...departments].map(([name, keys]) => ({ name, keys: [...keys] })),
    };
    return this.lexiconCache;
  }
}

/** Two entries name their issuer alike: the fields the lexicon takes its names from. */
function sameIssuer(a: ReportEntry, b: ReportEntry): boolean {
  if (
    a.level !== b.level ||
    a.org !== b.org ||
    a.region !== b.region ||
    a.fullRegion !== b.fullRegion ||
    a.city !== b.city ||
    a.county !== b.county ||
    a.province !== b.province
  )
    return false;
  if (a.aliases === b.aliases) return true;
  if (a.aliases.length !== b.aliases.length) return false;
  for (let i = 0; i < a.aliases.length; i++) if (a.aliases[i] !== b.aliases[i]) return false;
  return true;
}

/** A department's own name, without its region's (交通与建设局 of 平潭综合实验区交通与建设局). */
function ownName(r: ReportEntry): string {
  const at = r.org.indexOf(r.region);
  return !r.region || at < 0 ? "" : r.org.slice(at + r.region.length);
}

/**
 * A department's own names typed with no place (交通与建设局, 交建局): a government's office is left
 * out (政府办 is every government's), and so is a name of two characters but a committee's (科委).
 */
function ownNames(r: ReportEntry): string[] {
  const own = ownName(r);
  if (!own || /^(?:人民政府|政府|管委会|管理委员会)/.test(own)) return [];
  return [own, ...departmentForms(own)].filter((n) => n.length >= 3 || /^[\u4e00-\u9fff]委$/.test(n));
}

/**
 * A department's names as people type them: under its region's every name (full, short, a zone's
 * forms), its own name in full and abbreviated (沭阳县发改局, 平潭地税局, 上海市科委, 上海市政府办公厅).
 */
function departmentNames(r: ReportEntry): string[] {
  const own = ownName(r);
  if (!own) return [];
  const places = new Set([r.region, r.fullRegion, shortName(r.region) ?? "", ...shortForms(r.region).filter((f) => !/管委会$/.test(f))]);
  const forms = departmentForms(own);
  // An abbreviation is typed without its 局 too (平潭地税, 沭阳发改), never a full name (平潭信访 may be
  // 信访举报投诉类申请 asked).
  const stems = forms.map((f) => f.replace(/(?:局|委|办|厅)$/, "")).filter((f) => f.length >= 2 && !forms.includes(f));
  const owns = [own, ...forms, ...stems];
  const out: string[] = [];
  for (const p of places) if (p.length >= 2) for (const o of owns) out.push(p + o);
  return out;
}

/**
 * The division a region spelled with a one-character slip (沐阳县 under 宿迁市) stands for: the one
 * division of its city one character away, or, when several are (沭阳县, 泗阳县), the one other held
 * reports lie in. Null for a region the gazetteer knows.
 */
function slipRead(r: ReportEntry, held: ReadonlySet<string>): string | null {
  if (!r.region || !r.city || lookupName(r.region).length > 0) return null;
  const cities = lookupName(r.city).filter((d) => d.level === "city" || d.level === "province");
  if (cities.length !== 1) return null;
  const read = readSlip(r.region, cities, "");
  if (read) return read.name;
  const near = (gazetteer().children.get(cities[0]!.code) ?? []).filter((d) => oneApart(d.name, r.region) && held.has(d.name));
  return near.length === 1 ? near[0]!.name : null;
}

/**
 * The division a report's region stands for when the report spells it with a slip (沐阳县 under
 * 宿迁市 → 沭阳县), as the catalog reads it: for filters that match divisions, not held names.
 * `held`: the counties, cities and provinces the held reports lie in (they settle 沭阳县 vs 泗阳县).
 */
export function regionAsDivision(r: Pick<ReportEntry, "region" | "city">, held: () => ReadonlySet<string>): string | null {
  if (!r.region || !r.city || lookupName(r.region).length > 0) return null;
  return slipRead(r as ReportEntry, held());
}

/** The names typed for a region read through a slip: 沭阳县, 沭阳, 宿迁市沭阳县, 沭阳县人民政府. */
function correctedNames(r: ReportEntry, read: string): string[] {
  const stem = stemOf(read);
  const gov = /管委会$/.test(r.org) ? "管委会" : /办事处$/.test(r.org) ? "办事处" : "人民政府";
  return [read, r.city + read, read + gov, ...(gov === "人民政府" ? [read + "政府"] : []), ...(stem ? [stem] : [])];
}
