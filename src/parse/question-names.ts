// Question understanding, names: the bodies and areas a question names, from the held reports'
// names (longest first, no overlaps), a county, city or province covering the bodies inside it, a
// department the region's government does not answer for, and held names one character away.
import { lookupName, lookupStem } from "./gazetteer.js";

/** A region the store holds, with every name a user may type for it. */
export interface RegionEntry {
  /** Unique key: the full region (南昌市西湖区), or the org for department reports. */
  key: string;
  /** Display name. */
  label: string;
  names: readonly string[];
}

/** A county, city or province some held body lies in: its name covers every such body. */
export interface AreaEntry {
  /** As the gazetteer writes it: 江苏省, 淮安市, 盐边县. */
  name: string;
  /** Names typed for it: the full name and its stem (江苏省, 江苏). */
  names: readonly string[];
  /** Keys of the held bodies inside it. */
  keys: readonly string[];
}

export interface Lexicon {
  regions: readonly RegionEntry[];
  /** Counties, cities and provinces of the held bodies (a 洪泽区 report is inside 江苏省 though it never says so). */
  areas?: readonly AreaEntry[];
  /** Named value columns seen in multi-column tables (市政府, 市直单位 …). */
  sliceNames: readonly string[];
  /** Newest statistics year held: 今年/去年/近三年 are relative to it. */
  newestYear: number | null;
  /** Labels of table rows outside the registry (蚌埠: 开展宣传活动), asked by their own words. */
  statLabels?: readonly string[];
  /**
   * Departments' own names, typed with no place (交通与建设局, 交建局): the held bodies of each. Read
   * only when the question names no place.
   */
  departments?: readonly { name: string; keys: readonly string[] }[];
}

export interface RegionMention {
  /** The words as typed (normalised). */
  text: string;
  /** Candidate region keys: more than one = ambiguous (西湖区: 南昌 or 杭州). */
  keys: string[];
  /** The mention ends with 政府 (蚌埠市政府): may mean that column of a summary table. */
  government: boolean;
  /** The year typed right after this name, when several regions each have one (资阳区2020年和长寿区2018年). */
  year?: number;
  /** Offset of the name in the squeezed question. */
  at?: number;
  /**
   * The name is also a county, city or province (江苏省, 淮安市): every held body inside it, for a
   * question over the area (有哪些报告, 一共, 哪个…最多).
   */
  area?: { name: string; keys: string[] };
  /** Only an area is named, no body of that name is held: `keys` are the bodies inside it. */
  areaOnly?: boolean;
}

/** Remove everything that is not a letter or a digit: spaces, punctuation, emoji, HTML brackets. */
export function squeeze(s: string): string {
  return s.replace(/<[^>]{0,80}>/g, " ").replace(/[^\p{L}\p{N}、]+/gu, "");
}

/**
 * Names listed with a separator (淮安市、洪泽区、平潭综合实验区; 淮安市，洪泽区) are as many bodies: the
 * separator becomes 和 when a held name follows it. Squeezed away, it had joined 淮安市 and 洪泽区
 * into the one 淮安市洪泽区, and the city was never answered.
 */
export function listedNames(text: string, lexicon: Lexicon): string {
  const byName = nameIndex(lexicon);
  return text.replace(/(?<=[省市州盟区县旗镇乡道局委办])\s*[、，,；;／/]\s*(?=[\u4e00-\u9fff]{2})/g, (sep, at: number) => {
    const after = text.slice(at + sep.length, at + sep.length + 16);
    for (let len = Math.min(16, after.length); len >= 2; len--) if (byName.has(after.slice(0, len))) return "和";
    return sep;
  });
}

/** Find region names: longest known name first, no overlaps. */
export function findRegions(q: string, lexicon: Lexicon): { mentions: RegionMention[]; rest: string } {
  const byName = nameIndex(lexicon);
  const byArea = areaIndex(lexicon);
  const mentions: RegionMention[] = [];
  const used = new Array<boolean>(q.length).fill(false);
  const maxLen = 16;
  for (let len = Math.min(maxLen, q.length); len >= 2; len--) {
    for (let i = 0; i + len <= q.length; i++) {
      let taken = false;
      for (let k = i; k < i + len && !taken; k++) taken = used[k]!;
      if (taken) continue;
      let word = q.slice(i, i + len);
      let keys = byName.get(word);
      const area = byArea.get(word);
      if (!keys && area) {
        for (let k = i; k < i + len; k++) used[k] = true;
        mentions.push({ text: word, keys: [...area.keys], government: false, at: i, area: { name: area.name, keys: [...area.keys] }, areaOnly: true });
        continue;
      }
      if (!keys) continue;
      // "洪泽区政府办…": the office of the government is a word of the question (区政府办代表区政府受理…);
      // the region is named without it.
      const body = /(?:人民政府|政府|管委会)$/.exec(word);
      if (body && /^办/.test(q.slice(i + len)) && byName.has(word.slice(0, -body[0].length))) {
        word = word.slice(0, -body[0].length);
        keys = byName.get(word)!;
      }
      // "长寿区" inside "长寿区民政局": take the longer known name only (handled by order).
      for (let k = i; k < i + word.length; k++) used[k] = true;
      const covers = byArea.get(word);
      mentions.push({
        text: word,
        keys: [...keys],
        government: /政府$/.test(word),
        at: i,
        ...(covers && covers.keys.length > 1 ? { area: { name: covers.name, keys: [...covers.keys] } } : {}),
      });
    }
  }
  mentions.sort((a, b) => a.at! - b.at!);
  let rest = "";
  for (let i = 0; i < q.length; i++) rest += used[i] ? " " : q[i];
  return { mentions, rest };
}

/**
 * Held departments typed by their own names alone, the question naming no place ("交通与建设局2024年
 * 收到多少申请", "交通与建设局和地方税务局…对比"): longest name first, no overlaps, in the order typed.
 * Such a question had been answered with a ranking of every body held (the 与 in the name read as
 * joining two questions).
 */
export function findDepartments(q: string, lexicon: Lexicon): RegionMention[] {
  const index = departmentIndex(lexicon);
  if (index.size === 0) return [];
  const used = new Array<boolean>(q.length).fill(false);
  const out: RegionMention[] = [];
  for (let len = Math.min(16, q.length); len >= 2; len--) {
    for (let at = 0; at + len <= q.length; at++) {
      const keys = index.get(q.slice(at, at + len));
      if (!keys || used.slice(at, at + len).some(Boolean)) continue;
      for (let k = at; k < at + len; k++) used[k] = true;
      out.push({ text: q.slice(at, at + len), keys: [...keys], government: false, at });
    }
  }
  return out.sort((a, b) => a.at! - b.at!);
}

export const departmentCache = new WeakMap<Lexicon, Map<string, readonly string[]>>();

/** Held departments' own names (squeezed) → their bodies' keys, made once per lexicon. */
function departmentIndex(lexicon: Lexicon): Map<string, readonly string[]> {
  let map = departmentCache.get(lexicon);
  if (!map) {
    map = new Map((lexicon.departments ?? []).map((d) => [squeeze(d.name), d.keys]));
    departmentCache.set(lexicon, map);
  }
  return map;
}

/**
 * A 的 inside a held name is no word of the question: "平潭综合实验区的交通与建设局" is the body
 * 平潭综合实验区交通与建设局 (the 的 had left the zone answered for its department, or a slip read).
 */
export function dropOfInsideNames(q: string, lexicon: Lexicon): string {
  const names = nameIndex(lexicon);
  let out = q;
  for (let p = out.indexOf("的"); p > 0; p = out.indexOf("的", p + 1)) {
    const joined = out.slice(0, p) + out.slice(p + 1);
    let held = false;
    for (let i = Math.max(0, p - 14); i <= p - 2 && !held; i++)
      for (let j = p + 2; j <= Math.min(joined.length, i + 16) && !held; j++) held = names.has(joined.slice(i, j)) && names.has(joined.slice(i, p));
    if (held) out = joined;
  }
  return out;
}

/**
 * A department's name opening a question that names no place and no held body ("民政局2024年收到多少
 * 申请"): a body the library does not hold, said so, not a question over every body.
 */
export function unknownDepartment(q: string): string | null {
  const m = DEPARTMENT_AFTER.exec(q.replace(/^(?:19|20)\d{2}年?度?/, ""));
  return m && m[1]!.length >= 3 && !NOT_A_NAME.test(m[1]!) && !/^(?:本|我|该|各|全|市|县|区|省)/.test(m[1]!) ? m[1]! : null;
}

/** The question with only these mentions blanked out (what the rest of the parser reads). */
export function blankMentions(q: string, mentions: readonly RegionMention[]): string {
  const used = new Array<boolean>(q.length).fill(false);
  for (const m of mentions) if (m.at !== undefined) for (let k = m.at; k < m.at + m.text.length; k++) used[k] = true;
  let rest = "";
  for (let i = 0; i < q.length; i++) rest += used[i] ? " " : q[i];
  return rest;
}

/**
 * A short name that fits a region already named is that region, not a second one: "平潭综合实验区…
 * 通过中国平潭网…" names one body (the 平潭 of 中国平潭网 is a word of the question). Unless the
 * question asks it again on its own (`asksAlso`: "…多少件，平潭呢").
 */
export function dropRepeats(mentions: RegionMention[], q: string, asksAlso: (name: string) => boolean = () => false): RegionMention[] {
  const out: RegionMention[] = [];
  for (const m of mentions) {
    // "平潭综合实验区和平潭…" joins two names: the second may be another body.
    const joined = /[和与及、跟同比]$/.test(q.slice(0, m.at ?? 0));
    // "平潭交建局…问政平潭": a place typed as the start of a body already named is that body's place;
    // "平潭2021年…问政平潭之有事您说": the same name typed again is the same (it had been a comparison
    // of 平潭 with itself).
    const named =
      !joined &&
      !asksAlso(m.text) &&
      out.find(
        (o) =>
          o.text === m.text ||
          (o.keys.length === 1 && o.text !== m.text && o.text.includes(m.text) && (m.keys.includes(o.keys[0]!) || o.text.startsWith(m.text))),
      );
    if (!named) out.push(m);
  }
  return out;
}

export const nameCache = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * Region keys by each name typed for them, in the order the lexicon gives them, each once. Lists,
 * not Sets: nearly every name is one region's, and a Set of one took ≈100 bytes more than an
 * array of one (3.7 → 2.2 MB at 21,000 names).
 */
export function nameIndex(lexicon: Lexicon): Map<string, string[]> {
  let map = nameCache.get(lexicon);
  if (map) return map;
  map = new Map();
  for (const r of lexicon.regions) {
    for (const n of r.names) {
      const name = squeeze(n);
      if (name.length < 2) continue;
      const keys = map.get(name);
      if (!keys) map.set(name, [r.key]);
      else if (!keys.includes(r.key)) keys.push(r.key);
    }
  }
  nameCache.set(lexicon, map);
  return map;
}

export const areaCache = new WeakMap<Lexicon, Map<string, AreaEntry>>();

export function areaIndex(lexicon: Lexicon): Map<string, AreaEntry> {
  let map = areaCache.get(lexicon);
  if (map) return map;
  map = new Map();
  for (const a of lexicon.areas ?? []) for (const n of a.names) if (n.length >= 2 && !map.has(n)) map.set(n, a);
  areaCache.set(lexicon, map);
  return map;
}

/**
 * An area typed before a body inside it ("江苏淮安市洪泽区", "南昌西湖区") only places that body: it is
 * no mention of its own, though it still tells homonyms apart (kept for that in `narrow`).
 */
export function dropPlacingAreas(mentions: RegionMention[], q: string, lexicon?: Lexicon): RegionMention[] {
  return mentions.filter((m, i) => {
    const next = mentions[i + 1];
    if (!next || next.at !== (m.at ?? 0) + m.text.length) return true;
    if (!m.areaOnly) return !(lexicon && placesHeldBody(m, next, lexicon));
    const within = next.keys.filter((k) => m.keys.includes(k));
    if (within.length === 0) return true;
    // The body's homonyms outside the area are ruled out.
    if (within.length < next.keys.length) next.keys = within;
    void q;
    return false;
  });
}

/**
 * A held name typed right before another body's, with no word between, that only says where that
 * body is: "平潭潭城镇" (潭城镇 lies in 平潭县, whose short name is also 平潭综合实验区's), "平潭综合实验区
 * 潭城镇" (the town's report calls itself 平潭综合实验区潭城镇人民政府). Both had been read as two bodies
 * and answered as a comparison of the town with the region.
 */
function placesHeldBody(m: RegionMention, next: RegionMention, lexicon: Lexicon): boolean {
  if (next.keys.length === 0 || next.keys.some((k) => m.keys.includes(k))) return false;
  const inArea = (lexicon.areas ?? []).some((a) => a.names.includes(m.text) && next.keys.every((k) => a.keys.includes(k)));
  if (inArea) return true;
  const entries = lexicon.regions.filter((r) => next.keys.includes(r.key));
  return (
    entries.length === next.keys.length &&
    entries.every((r) => r.names.some((n) => squeeze(n).startsWith(m.text) && squeeze(n).includes(next.text, m.text.length)))
  );
}

export const fuzzyCache = new WeakMap<Lexicon, Map<string, string | string[]>>();

/**
 * Every held name (bodies and areas) under each of its one-character blanks: "长?区" → 长寿区. A blank
 * that fits one name holds that name, one that fits several a list of them (in the order added,
 * each once): `namesAt` reads either. Why not a Set each: 96% of the blanks fit one name, and a Set
 * of one took ≈140 bytes: the index took 27 MB at 124,000 blanks (14,600 synthetic entries), 8.5 now.
 */
export function fuzzyIndex(lexicon: Lexicon): Map<string, string | string[]> {
  let map = fuzzyCache.get(lexicon);
  if (map) return map;
  map = new Map();
  const add = (name: string) => {
    if (name.length < 2 || name.length > 12) return;
    for (let i = 0; i < name.length; i++) {
      const k = name.slice(0, i) + "?" + name.slice(i + 1);
      const had = map!.get(k);
      if (had === undefined) map!.set(k, name);
      else if (typeof had === "string") {
        if (had !== name) map!.set(k, [had, name]);
      } else if (!had.includes(name)) had.push(name);
    }
  };
  for (const name of nameIndex(lexicon).keys()) add(name);
  for (const name of areaIndex(lexicon).keys()) add(name);
  fuzzyCache.set(lexicon, map);
  return map;
}

/** The names a fuzzyIndex holds under a blank (none, one or several). */
export function namesAt(index: ReadonlyMap<string, string | string[]>, blank: string): readonly string[] {
  const v = index.get(blank);
  return v === undefined ? [] : typeof v === "string" ? [v] : v;
}

/**
 * A department's name right after a region's, ending where the question goes on (沐阳县|发改局|2020年…).
 * A hall is no department: 服务大厅共受理… is the region's own service hall.
 */
export const DEPARTMENT_AFTER =
  /^(?!人民政府|政府|管委会)([\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办公厅|(?<![大展餐客])厅))(?=$|\d|的|在|有|是|收到|行政|政府信息|信息公开|主动|依申请|多少|几|去年|今年|前年|近|一共|共|全年|哪)/;

/** Words that are no place, whatever place they are one character from. */
export const NOT_A_NAME =
  /哪|多少|几|什么|信息|公开|申请|复议|诉讼|报告|年度|政府|部门|单位|情况|数量|工作|今年|去年|前年|本年|历年|每年|近[一二两三四五六七八九十\d]|全部|所有|各地|全国|全市|全县|全区|请问|你好|帮助/;

/**
 * A held name one character away from words of the question (长受区 → 长寿区; 沐阳 → 沭阳, a slip the
 * gazetteer knows as no division of its own). Names of two characters only at the start of the
 * question, where a place is typed; never words the gazetteer holds as another place.
 *
 *   nearNames("长受区2018年行政复议多少件", lexicon) → { typed: "长受区", names: ["长寿区"] }
 */
export function nearNames(q: string, lexicon: Lexicon): { typed: string; names: string[] } | null {
  const index = fuzzyIndex(lexicon);
  const known = nameIndex(lexicon);
  const areas = areaIndex(lexicon);
  // The longest held name typed at each offset: a slice inside one (平潭综 of 平潭综合实验区党工委) is no
  // slip of another name (平潭县).
  const heldAt = Array.from({ length: q.length }, (_, i) => {
    for (let n = Math.min(12, q.length - i); n >= 2; n--) if (known.has(q.slice(i, i + n))) return n;
    return 0;
  });
  for (let len = Math.min(12, q.length); len >= 2; len--) {
    for (let i = 0; i + len <= q.length; i++) {
      if (len === 2 && i > 0) break;
      if ((heldAt[i] ?? 0) >= len) continue;
      const typed = q.slice(i, i + len);
      // Where a place is typed: the question's start, or a word ending as a place or a body ends.
      if (i > 0 && !/[省市区县旗镇乡州局委办厅]$/.test(typed)) continue;
      if (!/^[\u4e00-\u9fff]+$/.test(typed) || known.has(typed) || areas.has(typed) || NOT_A_NAME.test(typed)) continue;
      // A place of its own (平安, 长春区) is no slip of another.
      if (lookupName(typed).length || (len <= 3 && lookupStem(typed).length)) continue;
      const names = new Set<string>();
      for (let k = 0; k < len; k++) for (const n of namesAt(index, typed.slice(0, k) + "?" + typed.slice(k + 1))) names.add(n);
      if (names.size > 0 && names.size <= 5) return { typed, names: [...names] };
    }
  }
  return null;
}

/** A mention with several candidates narrowed by another mention that names a parent (南昌 … 西湖区). */
export function narrow(mentions: RegionMention[], lexicon: Lexicon, q: string): RegionMention[] {
  if (mentions.length < 2) return mentions;
  const labelOf = new Map(lexicon.regions.map((r) => [r.key, r.key]));
  const out: RegionMention[] = [];
  for (const m of mentions) {
    const others = mentions.filter((o) => o !== m);
    if (m.keys.length > 1) {
      const narrowed = m.keys.filter((k) => others.some((o) => (labelOf.get(k) ?? k).includes(o.text.replace(/政府$/, ""))));
      if (narrowed.length > 0) {
        out.push({ ...m, keys: narrowed });
        continue;
      }
    }
    // A mention that only names the parent of another mention ("南昌" in "南昌西湖区") is not a region of
    // its own; typed apart ("洪泽区和淮安市") it is.
    const isParentOnly = others.some(
      (o) =>
        o.keys.every((k) => k !== m.keys[0] && k.includes(m.text)) && o.keys.length > 0 && (q.includes(m.text + o.text) || q.includes(`${m.text}的${o.text}`)),
    );
    if (isParentOnly && m.keys.every((k) => others.some((o) => o.keys.some((ok) => ok.startsWith(k))))) continue;
    out.push(m);
  }
  return out;
}

export const GENERIC_PLACE = /^(?:全|我|本|各|哪|每|该|其|这|那|此|县|市|地|城|辖|社|园|景|片|小|学|省|直|所|区|乡|镇|街|分|下|上|老|新)/;

/** A pinyin syllable: initial, final, an erhua r. */
const SYLLABLE =
  "(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)r?";
/** A word of two pinyin syllables or more (Pingtan, Changshou), not an English word (Email, Online). */
const PINYIN_WORD = new RegExp(`^(?:${SYLLABLE}){2,}$`, "i");

/** Place-like words not in the store: "朝阳区", "杭州市", "Pingtan". */
export function unknownPlaces(rest: string): string[] {
  const out: string[] = [];
  for (const m of rest.matchAll(/([\u4e00-\u9fff]{2,5}?(?:自治州|自治县|街道|省|市|区|县|镇|乡|旗))(?:政府|人民政府)?/g)) {
    const name = m[1]!;
    const stem = name.replace(/(?:自治州|自治县|街道|省|市|区|县|镇|乡|旗)$/, "");
    // (A stem that starts like a generic word is still a place when the gazetteer holds it: 上海市, 新乡市.)
    if (
      stem.length < 2 ||
      (GENERIC_PLACE.test(stem) && lookupName(name).length === 0) ||
      /政府|单位|部门|行政|信息|公开|申请|哪个|哪些|地区|所有|全部|列出|列举|查看|显示|查询|各个|每个|一下/.test(name)
    )
      continue;
    out.push(name);
  }
  if (out.length > 0) return out;
  // A place typed in pinyin (Pingtan 2024 申请数): no held name is spelt so, and asked of the whole
  // library it had answered every body's figure. (Not the pinyin of a channel: weibo, weixin.)
  for (const m of rest.matchAll(/[A-Za-z]{4,}/g)) {
    if (PINYIN_WORD.test(m[0]) && !/^(?:weibo|weixin|douyin|toutiao|kuaishou|zhengwu|gongkai)$/i.test(m[0])) return [m[0]];
  }
  // A place typed without its suffix, not held (it had been asked of the whole library): a county,
  // city or province's short name right before the year ("平潭2024年…": the year is blanked in
  // `rest`), or opening the question with the words asked right after it ("宣威行政处罚的报告").
  const short = /^\s*([\u4e00-\u9fff]{2,4})\s/.exec(rest)?.[1];
  const isPlace = (stem: string) => lookupStem(stem).some((d) => d.level !== "township");
  if (short && isPlace(short)) return [short];
  const open = /^\s*([\u4e00-\u9fff]{2,3})/.exec(rest)?.[1] ?? "";
  for (let n = 2; n <= open.length; n++) if (isPlace(open.slice(0, n))) return [open.slice(0, n)];
  return out;
}
