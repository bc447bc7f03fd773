// Who issued a report and for when: title, issuing body, region and its short forms, level, parent,
// statistics year (title or 统计期限, never the publish date) and signing/publish date.
import type { Level, Report } from "../domain.js";
import { compact } from "./cells.js";
import { asYear } from "./numbers.js";

/** Who and when, as the record keeps them, plus where they were found. */
export interface ReportMeta extends Pick<Report, "org" | "region" | "fullRegion" | "aliases" | "level" | "parent" | "province" | "year" | "published" | "title"> {
  titleLine: number;
  yearSource: "title" | "period" | "table" | "text" | "none";
}

/** Province-level divisions, with the forms reports use. */
export const PROVINCES = [
  "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省",
  "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省",
  "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
] as const;
const MUNICIPALITIES = new Set(["北京市", "天津市", "上海市", "重庆市"]);

const TITLE_WORDS = /(?:政府信息公开|政务公开|信息公开).{0,12}(?:年度报告|年报|工作报告|总结|报告)|年度报告|年报/;

/** The title: the first short line that names a report (web pages put menus above it). */
export function findTitle(lines: readonly string[]): { title: string; line: number } {
  const limit = Math.min(lines.length, 40);
  for (let i = 0; i < limit; i++) {
    const c = compact(lines[i]!);
    if (!c || c.length > 80) continue;
    // Web page furniture: the index table (索引号 | … | 分类 | 政府信息公开年报 |) is not the title.
    if (c.includes("|") || /^(?:索引号|发布机构|主题分类|发文日期|文号|当前位置)/.test(c)) continue;
    if (TITLE_WORDS.test(c)) {
      // Titles broken over two lines: "淮安市人民政府" / "2024年政府信息公开工作年度报告",
      // "宿州市人民政府2016年" / "政府信息公开工作年度报告".
      const prev = previousNonEmpty(lines, i);
      const p = prev !== null ? compact(lines[prev]!) : "";
      if (prev !== null && p.length <= 30 && !TITLE_WORDS.test(p)) {
        if (/^\d{4}年/.test(c) && isOrgLike(p) && !/\d{4}年/.test(p)) return { title: p + c, line: prev };
        if (!/\d{4}年/.test(c) && /\d{4}年(?:度)?$/.test(p)) return { title: p + c, line: prev };
      }
      return { title: c, line: i };
    }
  }
  const first = lines.findIndex((l) => l.trim() && !l.includes("|"));
  return { title: first >= 0 ? compact(lines[first]!).slice(0, 80) : "", line: Math.max(first, 0) };
}

function previousNonEmpty(lines: readonly string[], i: number): number | null {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (lines[j]!.trim()) return j;
  return null;
}

function isOrgLike(s: string): boolean {
  return s.length <= 30 && /(?:人民政府|政府|办事处|委员会|局|厅|委|办公室|中心|院|所|站|管委会)$/.test(s);
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年(?:度)?/;
const PERIOD = /(?:统计期限|统计时限|统计时间|统计数据的时间|统计期间|数据统计期|所列数据)[^。]{0,30}?((?:19|20)\d{2})年\s*1月\s*1日/;
const PERIOD2 = /自\s*((?:19|20)\d{2})年\s*1月\s*1日\s*(?:起)?\s*至\s*((?:19|20)\d{2})年\s*12月\s*31日/;
const TABLE_YEAR = /^\(?((?:19|20)\d{2})年度\)?$/;

/** The statistics year: title first, then the 统计期限 sentence, then "(2018年度)", then the prose. */
export function findYear(lines: readonly string[], title: string): { year: number | null; source: ReportMeta["yearSource"] } {
  const t = YEAR_IN_TITLE.exec(title);
  if (t) {
    const y = asYear(t[1]!);
    if (y) return { year: y, source: "title" };
  }
  const head = compact(lines.slice(0, 200).join("\n"));
  const p = PERIOD2.exec(head) ?? PERIOD.exec(head);
  if (p) {
    const y = asYear(p[1]!);
    if (y) return { year: y, source: "period" };
  }
  for (const l of lines) {
    const m = TABLE_YEAR.exec(compact(l));
    if (m) return { year: asYear(m[1]!), source: "table" };
  }
  // "2018年,我区…": the year the opening paragraphs talk about.
  const counts = new Map<number, number>();
  for (const m of head.slice(0, 3000).matchAll(/((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)/g)) {
    const y = asYear(m[1]!);
    if (y) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= 2) return { year: best[0], source: "text" };
  return { year: null, source: "none" };
}

/** Published or signed date: "发布时间:2021-01-29", else a date alone on a line ("2019年1月23日"). */
export function findPublished(lines: readonly string[]): string | undefined {
  for (const l of lines.slice(0, 20)) {
    const m = /(?:发布时间|发布日期|时间)[:：]\s*((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(l);
    if (m) return iso(m[1]!, m[2]!, m[3]!);
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/.exec(lines[i]!);
    if (m) return iso(m[1]!, m[2]!, m[3]!);
  }
  for (const l of lines) {
    const m = /填报日期[:：]\s*((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(l);
    if (m) return iso(m[1]!, m[2]!, m[3]!);
  }
  return undefined;
}

function iso(y: string, m: string, d: string): string | undefined {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/** A region token and its kind, from the issuer's name. */
interface Part {
  name: string;
  kind: "province" | "city" | "county" | "township";
}

const MULTI_SUFFIX: readonly [string, Part["kind"]][] = [
  ["特别行政区", "province"], ["自治区", "province"], ["自治州", "city"], ["自治县", "county"], ["自治旗", "county"],
  ["街道", "township"], ["地区", "city"], ["林区", "county"], ["新区", "county"],
];
const SINGLE_SUFFIX: Record<string, Part["kind"]> = { 省: "province", 市: "city", 盟: "city", 区: "county", 县: "county", 旗: "county", 镇: "township", 乡: "township" };

/**
 * Split an issuer's name into region parts and the body: "重庆市长寿区人民政府" →
 * [重庆市 (province-level city), 长寿区] + "人民政府". A part is at least two characters
 * (so "市中区" and "镇江市" stay whole).
 */
/** Words of department names: a region token never contains them (住房和城乡建设局, 城市管理局). */
const DEPARTMENT_WORDS =
  /住房|城乡|建设|管理|发展|改革|资源|生态|环境|社会|保障|卫生|健康|交通|运输|水利|农业|农村|商务|文化|旅游|应急|市场|监督|统计|医疗|退役|军人|教育|科技|工业|信息|公安|民政|司法|财政|人力|自然|审计|体育|信访|粮食|林业|供销|税务|海关|气象|地震|档案|机关|事务|政务|服务|数据|招商|投资|经济|开发|规划|国土|人民|政府|委员|办公/;

export function splitRegion(name: string): { parts: Part[]; rest: string } {
  const parts: Part[] = [];
  let i = 0;
  outer: while (i < name.length && parts.length < 4) {
    for (let j = i + 1; j < Math.min(name.length, i + 12); j++) {
      for (const [suffix, kind] of MULTI_SUFFIX) {
        if (name.startsWith(suffix, j) && j + suffix.length - i >= 2) {
          if (suffix === "街道" && !/^(?:办事处|街道|$|党|人民|政府)/.test(name.slice(j + 2))) continue;
          // street names are often words too (建设路街道, 城乡路街道)
          if (suffix !== "街道" && DEPARTMENT_WORDS.test(name.slice(i, j))) continue;
          parts.push({ name: name.slice(i, j + suffix.length), kind });
          i = j + suffix.length;
          continue outer;
        }
      }
      const ch = name[j]!;
      if (ch in SINGLE_SUFFIX && j + 1 - i >= 2) {
        // "区政府" / "县人民政府" / "市直": a suffix only where a body or another region follows.
        let end = j + 1;
        const after = name.slice(end);
        if (ch === "区" && /^(?:域|划|级)/.test(after)) continue;
        if ((ch === "市" || ch === "区" || ch === "县") && /^(?:场|民|委|直|属|级|辖)/.test(after) && !/^(?:民政)/.test(after)) continue;
        // 新乡市, 金乡县, 镇江市, 西乡塘区: 乡/镇 inside a longer name.
        if ((ch === "乡" || ch === "镇") && (/^[市县区旗]/.test(after) || (end - i === 2 && !/^(?:人民政府|政府|党委|办事处|$)/.test(after)))) continue;
        if (/^街道/.test(after)) continue; // 南市街道
        // 津市市, 梅县区, 沙市区: a two-character name that itself ends in a suffix character.
        if (end - i === 2 && "市区县".includes(ch) && /^[市区县]/.test(after)) end++;
        const token = name.slice(i, end);
        // 住房和城乡…, 城市管理局: department words that happen to end in 乡/镇/市 (but 公安县, 资源县 are counties)
        if ("乡镇市".includes(ch) && (token === "城市" || DEPARTMENT_WORDS.test(token))) continue;
        parts.push({ name: token, kind: SINGLE_SUFFIX[name[end - 1]!]! });
        i = end;
        continue outer;
      }
    }
    break;
  }
  return { parts, rest: name.slice(i) };
}
/** The issuer as the title names it: the text before the year, or after it up to 政府信息公开. */
export function orgFromTitle(title: string): string {
  const t = compact(title).replace(/^关于/, "");
  const m = /^(.*?)(?:(?:19|20)\d{2})\s*年(?:度)?(.*)$/.exec(t);
  let org = "";
  if (m && m[1]) org = m[1];
  else if (m) org = m[2]!;
  else org = t;
  org = org.replace(/(?:关于)?(?:政府信息公开|政务公开|信息公开|政府信息|年度报告|工作年度报告|工作报告|年报|工作总结|总结|报告).*$/, "");
  org = org.replace(/[的《》"“”]/g, "").replace(/(?:关于|对|有关)$/, "");
  return org.slice(0, 40);
}

/**
 * Work out issuer, region, level and parents from the title and the text.
 *
 *   describeIssuer("重庆市长寿区", text) → { org: "重庆市长寿区人民政府", region: "长寿区", parent: "重庆市", level: "county" }
 */
export function describeIssuer(titleOrg: string, text: string): Omit<ReportMeta, "title" | "titleLine" | "year" | "yearSource" | "published"> {
  let name = titleOrg;
  let { parts, rest } = splitRegion(name);
  // "洪泽区人民政府" whose text names "淮安市洪泽区人民政府": take the fuller name.
  if (parts.length === 1 && parts[0]!.kind !== "province" && parts[0]!.kind !== "city") {
    const re = new RegExp(`([\\u4e00-\\u9fff]{2,8}?(?:市|自治州|地区|盟))${escapeRe(parts[0]!.name)}`);
    const m = re.exec(text.slice(0, 20000));
    // The capture may start inside the sentence ("本报告由淮安市"): cut after the last function word.
    const prefix = m ? m[1]!.replace(/^.*[由在对向与及为是的于据照请告报经将从]/, "") : "";
    if (prefix.length >= 2 && splitRegion(prefix).parts.length >= 1) {
      name = prefix + name;
      ({ parts, rest } = splitRegion(name));
    }
  }
  const body = rest.replace(/^(?:政府|人民政府)/, (b) => b);
  const isGovernment = /^(?:人民政府|政府)?$/.test(body) || /^(?:人民政府|政府)(?:办公室|办公厅)?$/.test(body);
  const isOffice = /^(?:人民政府|政府)(?:办公室|办公厅)$/.test(body);
  const own = parts[parts.length - 1];
  let level: Level = "unknown";
  if (own) {
    level = own.kind;
    if (own.kind === "city" && parts.length >= 2 && parts[parts.length - 2]!.kind === "city") level = "county"; // 安庆市桐城市
    if (own.kind === "city" && MUNICIPALITIES.has(own.name)) level = "province";
  }
  if (/办事处$/.test(body) && own?.kind === "township") level = "township";
  else if (body && !isGovernment && !/^办事处$/.test(body)) level = "department";
  if (isOffice) level = "department";

  const region = own?.name ?? (name || "");
  const fullRegion = parts.map((p) => p.name).join("") || region;
  const parentPart = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  let province = parts.find((p) => p.kind === "province")?.name;
  if (!province && parts[0] && MUNICIPALITIES.has(parts[0].name)) province = parts[0].name;
  if (!province) province = PROVINCES.find((p) => text.slice(0, 5000).includes(p));

  let org = name;
  if (own && !body) org = fullRegion + (own.kind === "township" && own.name.endsWith("街道") ? "办事处" : "人民政府");
  else if (own && body === "政府") org = fullRegion + "人民政府";

  return {
    org,
    region,
    fullRegion,
    aliases: regionAliases(region, fullRegion, org),
    level,
    ...(parentPart ? { parent: parentPart.name } : {}),
    ...(province ? { province } : {}),
  };
}

/** Short forms a user may type: 长寿区 → 长寿; 小板桥街道 → 小板桥; plus 长寿区政府 and the org. */
export function regionAliases(region: string, fullRegion: string, org: string): string[] {
  const out = new Set<string>([region, fullRegion, org]);
  const short = shortName(region);
  if (short) out.add(short);
  if (/(?:区|县|市|旗)$/.test(region)) {
    out.add(region + "政府");
    out.add(region + "人民政府");
  }
  if (/街道$/.test(region)) out.add(region + "办事处");
  return [...out].filter((a) => a.length >= 2);
}

/** "长寿区" → "长寿", "小板桥街道" → "小板桥"; null when too short to be unambiguous. */
export function shortName(region: string): string | null {
  const m = /^(.{2,}?)(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|街道|地区|新区|省|市|区|县|旗|镇|乡|盟)$/.exec(region);
  return m ? m[1]! : null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** All of the above. */
export function findMeta(lines: readonly string[]): ReportMeta {
  const { title, line } = findTitle(lines);
  const { year, source } = findYear(lines, title);
  const text = lines.join("\n");
  let titleOrg = orgFromTitle(title);
  if (!titleOrg || splitRegion(titleOrg).parts.length === 0 && !isOrgLike(titleOrg)) {
    const head = compact(text.slice(0, 3000));
    // The report named in a sentence: "现公布泰州市人民政府2017年政府信息公开工作年度报告".
    const named = /([\u4e00-\u9fff]{2,30}?)(?:19|20)\d{2}年(?:度)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告/.exec(head);
    const fromSentence = named ? named[1]!.replace(/^.*[由在对向与及为是的于据照请告报经将从布现把]/, "") : "";
    const ORG_END = "(?:人民政府|政府|办公室|办公厅|局|委员会|委|中心|办事处|管委会)";
    // "本报告由X编制" / "由信访局结合有关统计数据编制".
    const by = new RegExp(`由([\\u4e00-\\u9fff]{2,24}?${ORG_END})(?:办公室)?(?:编制|制作|发布|结合|根据|汇总|综合)`).exec(head);
    // The contact sentence: "请与来凤县政务服务和大数据管理局(地址…)联系".
    const contact = new RegExp(`(?:请与|请联系|联系单位[:：]?)([\\u4e00-\\u9fff]{2,30}?${ORG_END})(?=办公室|政务公开|\\(|联系|[,，。])`).exec(head);
    const usable = (o: string) => o.length >= 2 && (splitRegion(o).parts.length > 0 || isOrgLike(o));
    if (usable(fromSentence) && splitRegion(fromSentence).parts.length) titleOrg = fromSentence;
    else if (contact && splitRegion(contact[1]!).parts.length) titleOrg = contact[1]!;
    else if (by) titleOrg = by[1]!;
    else if (usable(fromSentence)) titleOrg = fromSentence;
  }
  const issuer = describeIssuer(titleOrg, text);
  const published = findPublished(lines);
  return { title, titleLine: line, ...issuer, year, yearSource: source, ...(published ? { published } : {}) };
}
