// Subscriptions: what `/subscribe <…>` means, and which subscriptions a new report matches.
import type { Subscription, SubscriptionKind } from "../service.js";

/** Provincial-level divisions, full names. */
export const PROVINCES = [
  "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
  "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
  "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
  "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
] as const;

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;

/** 重庆市 → 重庆, 广西壮族自治区 → 广西: the form two spellings of a province share. */
export function provinceKey(name: string): string {
  return normalizeValue(name).replace(PROVINCE_SUFFIX, "");
}

/** 重庆 / 重庆市 → 重庆市; 吉林市 is a city, not 吉林省, so a different suffix does not match. */
function findProvince(value: string): string | undefined {
  return PROVINCES.find((p) => p === value || provinceKey(p) === value);
}

/** Full-width → half-width, no spaces, lower-case Latin: how values are stored and compared. */
export function normalizeValue(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

// A value ending like an administrative unit is a region even if no report of it is held yet.
const REGION_SUFFIX = /(区|县|市|旗|州|盟|镇|乡|街道|街道办事处)$/;
const MAX_VALUE_CHARS = 30;

const EXPLICIT: Record<string, SubscriptionKind> = {
  region: "region", 地区: "region", 区域: "region",
  province: "province", 省: "province", 省份: "province",
  keyword: "keyword", kw: "keyword", 关键词: "keyword", 关键字: "keyword",
};

export type ParsedSubscription = { kind: SubscriptionKind; value: string } | { error: string };

/**
 * `all` / `全部`; an explicit `region:…`, `province:…`, `keyword:…` (or 地区：/省份：/关键词：);
 * otherwise a province name → province, a held or region-shaped name → region, else a keyword.
 */
export function parseSubscription(arg: string, knownRegions: readonly string[]): ParsedSubscription {
  const raw = arg.normalize("NFKC").trim();
  if (raw === "") return { error: "empty" };
  if (/^(all|全部|所有|\*)$/i.test(raw)) return { kind: "all", value: "" };
  const explicit = /^([A-Za-z]+|[\u4e00-\u9fff]{1,3})\s*[:=]\s*(.+)$/.exec(raw);
  let kind: SubscriptionKind | undefined;
  let value = raw;
  if (explicit && EXPLICIT[explicit[1].toLowerCase()]) {
    kind = EXPLICIT[explicit[1].toLowerCase()];
    value = explicit[2];
  }
  value = normalizeValue(value);
  if (value === "") return { error: "empty" };
  if (Array.from(value).length > MAX_VALUE_CHARS) return { error: `太长了（最多 ${MAX_VALUE_CHARS} 个字）` };
  const province = findProvince(value);
  if (kind === "province") return province ? { kind, value: province } : { error: `“${value}”不是省级行政区` };
  if (kind) return { kind, value };
  if (province) return { kind: "province", value: province };
  const known = knownRegions.some((r) => normalizeValue(r).includes(value));
  if (known || REGION_SUFFIX.test(value)) return { kind: "region", value };
  return { kind: "keyword", value };
}

/** What an alert is matched against: a report summary plus its aliases and title when known. */
export interface AlertTarget {
  org: string;
  region: string;
  fullRegion: string;
  aliases: readonly string[];
  province?: string;
  /** The city and county the region lies in, from the gazetteer (淮安市 for 洪泽区; 盐边县 for 新九镇). */
  city?: string;
  county?: string;
  title: string;
}

export function matchesSubscription(sub: Subscription, report: AlertTarget): boolean {
  const value = normalizeValue(sub.value);
  const contains = (s: string | undefined) => s !== undefined && s !== "" && normalizeValue(s).includes(value);
  switch (sub.kind) {
    case "all":
      return true;
    case "region":
      // A city or county covers every body inside it, whether or not its text names it.
      return [report.region, report.fullRegion, ...report.aliases].some(contains) || [report.city, report.county].some((a) => a !== undefined && a !== "" && [a, a.replace(/(?:市|县|区|自治州|地区|盟)$/, "")].includes(value));
    case "province": {
      if (report.province) return provinceKey(report.province) === provinceKey(value);
      // No stated province: a full region that starts with it (重庆市长寿区) still counts.
      return normalizeValue(report.fullRegion).startsWith(provinceKey(value));
    }
    case "keyword":
      return [report.org, report.region, report.title].some(contains);
  }
}

const KIND_LABEL: Record<SubscriptionKind, string> = { region: "地区", province: "省份", keyword: "关键词", all: "全部" };

/** 地区：长寿区 / 全部新报告 */
export function describeSubscription(sub: Pick<Subscription, "kind" | "value">): string {
  return sub.kind === "all" ? "全部新报告" : `${KIND_LABEL[sub.kind]}：${sub.value}`;
}
