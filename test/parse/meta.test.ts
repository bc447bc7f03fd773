// Who issued a report and for when, read from the report itself whatever its line breaks: every
// report we hold, as saved and in four re-layouts (no line breaks, lines joined by a space, a
// navigation paragraph in front, re-wrapped at 30 characters), gives the same issuer, region,
// parents and year. Then sentences written here for names seen in reports we do not hold.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findMeta, type ReportMeta, regionAliases } from "../../src/parse/meta.js";
import { parseReport } from "../../src/parse/report.js";
import { prepareText } from "../../src/parse/text.js";
import { SEED, SEEDS } from "../helpers/reports.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/reports");
const meta = (text: string) => findMeta(prepareText(text));

// ── every report, five layouts ──────────────────────────────────────────────────────────────────

const NAV = "当前位置：首页 > 政务公开 > 政府信息公开年报 字号：大 中 小 打印 关闭\n";
const LAYOUTS: [string, (s: string) => string][] = [
  ["as saved", (s) => s],
  ["(a) line breaks removed", (s) => s.replace(/\r?\n/g, "")],
  ["(b) lines joined by a space", (s) => s.split(/\r?\n/).join(" ")],
  ["(c) navigation in front", (s) => NAV + s],
  ["(d) re-wrapped at 30 characters", (s) => (s.replace(/\r?\n/g, "").match(/[\s\S]{1,30}/g) ?? []).join("\n")],
];

type Expected = Pick<ReportMeta, "org" | "region" | "fullRegion" | "level" | "year" | "parent" | "city" | "county" | "province"> & { published?: string };

const ZONE = {
  region: "平潭综合实验区",
  fullRegion: "平潭综合实验区",
  org: "平潭综合实验区管委会",
  level: "county",
  parent: "福州市",
  city: "福州市",
  county: "平潭综合实验区",
  province: "福建省",
} as const;
const PINGTAN_XIAN = {
  org: "平潭县人民政府",
  region: "平潭县",
  fullRegion: "福州市平潭县",
  level: "county",
  parent: "福州市",
  city: "福州市",
  county: "平潭县",
  province: "福建省",
} as const;
const HONGZE = {
  org: "淮安市洪泽区人民政府",
  region: "洪泽区",
  fullRegion: "淮安市洪泽区",
  level: "county",
  parent: "淮安市",
  city: "淮安市",
  county: "洪泽区",
  province: "江苏省",
} as const;

// The real Pingtan pages' manifest names the zone's issuer 平潭综合实验区管委会办公室 (the office that
// compiled most of them; 2014's says 管委会): the office compiles for the zone's government, so the
// issuer is the 管委会 and the report is a county-level government's, not a department's.
const REPORTS: [file: string, expected: Expected][] = [
  ["pingtan/01_pingtan_shiyanqu_2011.txt", { ...ZONE, year: 2011, published: "2012-04-11" }],
  ["pingtan/02_pingtan_xian_2012.txt", { ...PINGTAN_XIAN, year: 2012, published: "2013-01-16" }],
  ["pingtan/03_pingtan_shiyanqu_2012.txt", { ...ZONE, year: 2012, published: "2013-02-25" }],
  ["pingtan/04_pingtan_xian_2013.txt", { ...PINGTAN_XIAN, year: 2013 }],
  ["pingtan/05_pingtan_shiyanqu_2013.txt", { ...ZONE, year: 2013, published: "2014-01-10" }],
  // 来源：平潭县人民政府 under a 管委会 title: the page's 来源 is a weak hint only.
  ["pingtan/06_pingtan_guanweihui_2014.txt", { ...ZONE, year: 2014, published: "2015-01-02" }],
  ["pingtan/07_pingtan_2015.txt", { ...ZONE, year: 2015 }],
  ["pingtan/08_pingtan_2016.txt", { ...ZONE, year: 2016 }],
  ["pingtan/09_pingtan_2017.txt", { ...ZONE, year: 2017, published: "2018-01-23" }],
  ["pingtan/10_pingtan_2021.txt", { ...ZONE, year: 2021, published: "2022-02-08" }],
  // No title at all: the zone from the opening sentence, the year from the 统计期限.
  ["pingtan/11_pingtan_2024.txt", { ...ZONE, year: 2024 }],
  [
    "extra/09_huaian_shi_2024.txt",
    { org: "淮安市人民政府", region: "淮安市", fullRegion: "淮安市", level: "city", parent: "江苏省", city: "淮安市", province: "江苏省", year: 2024 },
  ],
  // Its title says 洪泽区人民政府; the text says 淮安市洪泽区 (never 江苏省).
  ["extra/10_hongze_qu_2023.txt", { ...HONGZE, year: 2023 }],
  ["extra/11_hongze_qu_2024.txt", { ...HONGZE, year: 2024 }],
  // 沐阳县 for 沭阳县 and nothing else in the text names a place: the slip is not read (泗阳县, 泌阳县… differ by one character too).
  [
    "markdown-2021/input.txt",
    { org: "沐阳县人民政府", region: "沐阳县", fullRegion: "沐阳县", level: "county", county: "沐阳县", year: 2025, published: "2026-01-23" },
  ],
];
const SEED_REPORTS: [file: string, expected: Expected][] = [
  [
    SEED.changshou,
    {
      org: "重庆市长寿区人民政府",
      region: "长寿区",
      fullRegion: "重庆市长寿区",
      level: "county",
      parent: "重庆市",
      city: "重庆市",
      county: "长寿区",
      province: "重庆市",
      year: 2018,
      published: "2019-01-23",
    },
  ],
  [
    SEED.ziyang,
    {
      org: "益阳市资阳区人民政府",
      region: "资阳区",
      fullRegion: "益阳市资阳区",
      level: "county",
      parent: "益阳市",
      city: "益阳市",
      county: "资阳区",
      province: "湖南省",
      year: 2020,
      published: "2021-01-29",
    },
  ],
  // Nothing in the text says which city: 小板桥街道 is one street of the dataset, in 昆明市官渡区.
  [
    SEED.xiaobanqiao,
    {
      org: "小板桥街道办事处",
      region: "小板桥街道",
      fullRegion: "小板桥街道",
      level: "township",
      parent: "官渡区",
      city: "昆明市",
      county: "官渡区",
      province: "云南省",
      year: 2018,
    },
  ],
  [
    SEED.bengbu,
    { org: "蚌埠市人民政府", region: "蚌埠市", fullRegion: "蚌埠市", level: "city", parent: "安徽省", city: "蚌埠市", province: "安徽省", year: 2019 },
  ],
  [
    SEED.xihu,
    {
      org: "南昌市西湖区人民政府",
      region: "西湖区",
      fullRegion: "南昌市西湖区",
      level: "county",
      parent: "南昌市",
      city: "南昌市",
      county: "西湖区",
      province: "江西省",
      year: 2019,
    },
  ],
];

const pickWho = (m: ReportMeta): Expected => {
  const out: Expected = { org: m.org, region: m.region, fullRegion: m.fullRegion, level: m.level, year: m.year };
  for (const k of ["parent", "city", "county", "province", "published"] as const) if (m[k]) out[k] = m[k];
  return out;
};

describe.each([
  ...REPORTS.map(([file, expected]) => ({ name: file, path: join(FIXTURES, file), expected })),
  ...SEED_REPORTS.map(([file, expected]) => ({ name: `seed ${file}`, path: join(SEEDS, file), expected })),
])("$name", ({ path, expected }) => {
  const raw = readFileSync(path, "utf8");
  it.each(LAYOUTS.map(([layout, fn]) => ({ layout, fn })))("$layout", ({ fn }) => {
    expect(pickWho(meta(fn(raw)))).toEqual(expected);
  });
});

describe("the title and where it is", () => {
  it("reads the title after the breadcrumb of a one-line page, not the navigation", () => {
    const m = meta(readFileSync(join(FIXTURES, "pingtan/01_pingtan_shiyanqu_2011.txt"), "utf8"));
    expect(m.title).toBe("平潭综合实验区2011年政府信息公开工作年度报告");
    expect(m.titleLine).toBe(1);
    expect(m.titleSpan).toBeDefined();
  });
  it("gives the title's line in a many-line file (navigation paragraph in front)", () => {
    const m = meta(NAV + readFileSync(join(SEEDS, SEED.ziyang), "utf8"));
    expect(m.title).toBe("益阳市资阳区人民政府2020年政府信息公开工作年度报告");
    expect(m.titleLine).toBe(2);
  });
  it("has no title when the page prints none", () => {
    expect(meta(readFileSync(join(FIXTURES, "pingtan/11_pingtan_2024.txt"), "utf8")).title).toBe("");
  });
});

// ── names seen in reports we do not hold ────────────────────────────────────────────────────────

const PERIOD = (y: number) => `本报告所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。`;
const SENTENCES: [name: string, text: string, expected: Partial<ReportMeta>][] = [
  [
    "a county department: 沭阳县发展和改革局",
    `沭阳县发展和改革局2022年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求编制本报告。${PERIOD(2022)}如对本报告有任何疑问，请与沭阳县发展和改革局办公室联系。\n一、总体情况\n2022年，我局主动公开政府信息120条。`,
    { org: "沭阳县发展和改革局", region: "沭阳县", level: "department", county: "沭阳县", city: "宿迁市", province: "江苏省", year: 2022 },
  ],
  [
    "a zone's department: 平潭综合实验区地方税务局",
    `平潭综合实验区地方税务局2016年度政府信息公开工作年度报告 ${PERIOD(2016)}如对本报告有任何疑问，请与平潭综合实验区地方税务局办公室联系。一、概述 2016年，我局认真贯彻《条例》。`,
    { org: "平潭综合实验区地方税务局", region: "平潭综合实验区", level: "department", city: "福州市", province: "福建省", year: 2016 },
  ],
  [
    "a department named with the name it also goes by, in brackets: 社会事业局（卫生健康委员会）",
    `平潭综合实验区社会事业局（卫生健康委员会）2022年政府信息公开工作年度报告 ${PERIOD(2022)}一、总体情况 2022年，我局主动公开政府信息56条。`,
    { org: "平潭综合实验区社会事业局", region: "平潭综合实验区", level: "department", province: "福建省", year: 2022 },
  ],
  [
    "a 工作情况报告, and a title whose zone has no place word (实验区…): the text names the zone",
    `实验区2019年政府信息公开工作情况报告\n${PERIOD(2019)}一、总体情况 2019年，平潭综合实验区主动公开政府信息2000条。`,
    { org: "平潭综合实验区管委会", region: "平潭综合实验区", year: 2019 },
  ],
  [
    "a party organ's department: 中共…工委组织部",
    `中共平潭综合实验区工委组织部2019年政府信息公开工作年度报告\n${PERIOD(2019)}一、总体情况 2019年，我部主动公开政府信息12条。`,
    { org: "中共平潭综合实验区工委组织部", region: "平潭综合实验区", level: "department", province: "福建省", year: 2019 },
  ],
  [
    "a page listing other reports' names above the report's own",
    `最新年报 上海市浦东新区2023年政府信息公开工作年度报告 杭州市西湖区2022年政府信息公开工作年度报告 沭阳县2021年政府信息公开工作年度报告\n${PERIOD(2021)}一、总体情况 2021年，沭阳县主动公开政府信息3120条。`,
    { org: "沭阳县人民政府", region: "沭阳县", level: "county", province: "江苏省", year: 2021 },
  ],
  [
    "a page listing other reports, the report printing no title of its own",
    `相关阅读 上海市浦东新区2023年政府信息公开工作年度报告 杭州市西湖区2022年政府信息公开工作年度报告\n本报告根据《条例》编制。${PERIOD(2021)}一、总体情况 2021年，淮安市洪泽区坚持公开为常态。`,
    { region: "洪泽区", province: "江苏省", year: 2021 },
  ],
  [
    "a municipality's commission: 上海市科学技术委员会",
    `上海市科学技术委员会2019年政府信息公开工作年度报告\n本报告由上海市科学技术委员会办公室编制。${PERIOD(2019)}`,
    { org: "上海市科学技术委员会", region: "上海市", level: "department", province: "上海市", year: 2019 },
  ],
  [
    "a government's general office reporting for itself: 上海市人民政府办公厅",
    `上海市人民政府办公厅2019年政府信息公开工作年度报告\n本报告所列数据统计期限为2019年1月1日至2019年12月31日。`,
    { org: "上海市人民政府办公厅", region: "上海市", level: "department", province: "上海市", year: 2019 },
  ],
  [
    "a town the text names alone: 新九镇 (盐边县)",
    `新九镇2020年政府信息公开工作年度报告\n${PERIOD(2020)}一、总体情况 2020年，新九镇人民政府认真贯彻落实《条例》。`,
    { org: "新九镇人民政府", region: "新九镇", level: "township", county: "盐边县", city: "攀枝花市", province: "四川省", parent: "盐边县", year: 2020 },
  ],
  [
    "a town under its county: 盐边县新九镇人民政府",
    `盐边县新九镇人民政府2020年政府信息公开工作年度报告\n${PERIOD(2020)}`,
    { org: "盐边县新九镇人民政府", region: "新九镇", level: "township", county: "盐边县", city: "攀枝花市", year: 2020 },
  ],
  [
    "a district without its city: 武进区 (常州市)",
    `武进区人民政府2021年政府信息公开工作年度报告\n${PERIOD(2021)}`,
    { org: "武进区人民政府", region: "武进区", fullRegion: "常州市武进区", level: "county", city: "常州市", province: "江苏省", year: 2021 },
  ],
  [
    "西湖区 with 杭州 in the text",
    `西湖区人民政府2020年政府信息公开工作年度报告\n一、总体情况 2020年，在杭州市委、市政府的正确领导下，我区政务公开工作取得新进展。${PERIOD(2020)}`,
    { region: "西湖区", fullRegion: "杭州市西湖区", city: "杭州市", province: "浙江省" },
  ],
  [
    "西湖区 with 南昌 in the text",
    `西湖区人民政府2020年政府信息公开工作年度报告\n一、总体情况 2020年，在南昌市委、市政府的正确领导下，我区政务公开工作取得新进展。${PERIOD(2020)}`,
    { region: "西湖区", fullRegion: "南昌市西湖区", city: "南昌市", province: "江西省" },
  ],
  [
    "西湖区 with nothing to tell which: no city is guessed",
    `西湖区人民政府2020年政府信息公开工作年度报告\n一、总体情况 2020年，我区政务公开工作取得新进展。${PERIOD(2020)}`,
    { region: "西湖区", fullRegion: "西湖区", city: undefined, province: undefined },
  ],
  [
    "沐阳县 (OCR for 沭阳县) where the text names 沭阳's towns",
    `沐阳县人民政府2022年政府信息公开工作年度报告\n${PERIOD(2022)}一、总体情况 2022年，我县指导沭城街道、钱集镇等乡镇（街道）规范公开内容。`,
    { org: "沭阳县人民政府", region: "沭阳县", county: "沭阳县", city: "宿迁市", province: "江苏省" },
  ],
  [
    "长寿区 without 重庆",
    `长寿区2019年政府信息公开工作年度报告\n${PERIOD(2019)}`,
    { org: "长寿区人民政府", region: "长寿区", fullRegion: "重庆市长寿区", city: "重庆市", province: "重庆市", parent: "重庆市" },
  ],
  [
    "蚌埠市 (a city)",
    `蚌埠市2019年政务公开工作总结\n2019年，我市政务公开工作围绕市委市政府的决策部署。`,
    { org: "蚌埠市人民政府", region: "蚌埠市", level: "city", city: "蚌埠市", province: "安徽省", year: 2019 },
  ],
  [
    "a street office: 小板桥街道办事处",
    `小板桥街道办事处2018年政府信息公开年度报告\n2018年,小板桥街道办事处政府信息与政务公开工作在区委、区政府、区科学技术和信息化局的指导下扎实推进。`,
    { org: "小板桥街道办事处", region: "小板桥街道", level: "township", county: "官渡区", city: "昆明市", year: 2018 },
  ],
  [
    "a zone the dataset lacks whose stem is its city's: 蚌埠高新区",
    `蚌埠高新区2021年政府信息公开工作年度报告\n${PERIOD(2021)}`,
    { org: "蚌埠高新区管委会", region: "蚌埠高新区", level: "county", city: "蚌埠市", province: "安徽省" },
  ],
  [
    "a zone the dataset holds: 淮安经济技术开发区管委会",
    `淮安经济技术开发区管委会2021年政府信息公开工作年度报告\n${PERIOD(2021)}`,
    { org: "淮安经济技术开发区管委会", region: "淮安经济技术开发区", fullRegion: "淮安经济技术开发区", level: "county", city: "淮安市", province: "江苏省" },
  ],
  [
    "…关于2017年政府信息公开工作的年度报告, a department whose name holds 全",
    `保定市安全生产监督管理局关于2017年政府信息公开工作的年度报告\n本报告由保定市安全生产监督管理局办公室编制。如对本报告有任何疑问，请与保定市安全生产监督管理局办公室联系。`,
    { org: "保定市安全生产监督管理局", region: "保定市", level: "department", city: "保定市", province: "河北省", year: 2017 },
  ],
  [
    "a street office's 党政办公室 compiles for it",
    `龙眠街道办事处关于2025年政府信息公开工作的年度报告\n本报告由龙眠街道办事处党政办公室编制。如对本报告有任何疑问，请与龙眠街道办事处党政办公室联系。`,
    { org: "龙眠街道办事处", region: "龙眠街道", level: "township", year: 2025 },
  ],
  [
    "a town the dataset does not hold under a county it does; the bare town elsewhere is the same body",
    `2021年怀远县马城镇人民政府政府信息公开工作年度报告\n本报告由马城镇人民政府党政办公室编制。如对本报告有任何疑问，请与马城镇人民政府党政办公室联系。`,
    {
      org: "怀远县马城镇人民政府",
      region: "马城镇",
      fullRegion: "马城镇",
      level: "township",
      county: "怀远县",
      city: "蚌埠市",
      province: "安徽省",
      year: 2021,
    },
  ],
  [
    "a vertically managed agency keeps its head office's name",
    `国家税务总局淮安市税务局2020年度政府信息公开工作年度报告\n${PERIOD(2020)}`,
    { org: "国家税务总局淮安市税务局", region: "淮安市", level: "department", city: "淮安市", province: "江苏省", year: 2020 },
  ],
  [
    "a department named without its region, from the 编制 sentence",
    `发布时间:\n根据《中华人民共和国政府信息公开条例》(国务院令第711号)要求,由信访局结合有关统计数据编制。本年度报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。`,
    { org: "信访局", level: "department", year: 2021 },
  ],
  [
    "the body and its region from the contact sentence (编制我局… is no issuer)",
    `根据《中华人民共和国政府信息公开条例》要求,编制我局2021年度政府信息公开年度报告。本年度报告中所列数据的统计期限自2021年1月1日至2021年12月31日止。如对本报告有任何疑问,请与昌江区工信局办公室联系(地址:景德镇市瓷都大道836号)。`,
    { org: "昌江区工信局", region: "昌江区", level: "department", city: "景德镇市", year: 2021 },
  ],
  [
    "the report named in a sentence under an index table",
    `索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 |\n根据《中华人民共和国政府信息公开条例》规定,现公布泰州市人民政府2017年政府信息公开工作年度报告。报告所列数据的统计期限自2017年1月1日起至12月31日止。`,
    { org: "泰州市人民政府", region: "泰州市", level: "city", year: 2017 },
  ],
  [
    "a title broken after the year",
    `宿州市人民政府2016年\n政府信息公开工作年度报告\n宿州市人民政府办公室\n2017年3月\n本年度报告中使用数据统计期限为2016年1月1日至12月31日。`,
    { org: "宿州市人民政府", region: "宿州市", year: 2016 },
  ],
  [
    "the year after the name: …年度报告（2019年度）",
    `南京市江宁区人民政府政府信息公开工作年度报告（2019年度）\n一、总体情况`,
    { org: "南京市江宁区人民政府", region: "江宁区", year: 2019 },
  ],
  [
    "navigation words and headings are never the issuer",
    `当前位置：首页 > 信息公开 > 年报\n无障碍 登录 打印 字号：大 中 小\n来源：平潭县人民政府\n一、总体情况\n平潭综合实验区2016年度政府信息公开工作年度报告\n我区管委会办公室编制完成了本报告。`,
    { org: "平潭综合实验区管委会", region: "平潭综合实验区", level: "county", year: 2016 },
  ],
  [
    "a sentence naming the report without its body (现将区政府…): the compiler and the contact decide",
    `根据《条例》要求，现将区政府2019年政府信息公开工作年度报告公布如下。本报告由长寿区人民政府办公室编制。如对本报告有疑问，请与长寿区政务服务管理局联系。`,
    { org: "长寿区人民政府", region: "长寿区", level: "county", year: 2019, yearSource: "mention" },
  ],
  [
    "a department with no title, from its 编制 sentence",
    `本报告由长寿区民政局编制。${PERIOD(2019)}2019年，我局主动公开政府信息56条。`,
    { org: "长寿区民政局", region: "长寿区", level: "department", city: "重庆市", year: 2019 },
  ],
  [
    "a Traditional-script title with the year first",
    `2019年南昌市西湖區政府信息公開年報\n本報告所列數據的統計期限自2019年1月1日至2019年12月31日。`,
    { org: "南昌市西湖区人民政府", region: "西湖区", year: 2019 },
  ],
];

/** Reports whose text prints no title (a crawl dropped it): the opening and the file's name. */
const UNTITLED = `本报告根据《中华人民共和国政府信息公开条例》编制。${"本报告所列数据统计期限为2024年1月1日至2024年12月31日。"}一、总体情况`;

describe("a report without its title", () => {
  it("a department named right after the opening's place is the issuer, not its government", () => {
    // (It had been 宁德市人民政府: the place alone was read.)
    const m = meta(`${UNTITLED}2024年，宁德市生态环境局坚持以习近平新时代中国特色社会主义思想为指导，主动公开政府信息120条。`);
    expect([m.org, m.region, m.level]).toEqual(["宁德市生态环境局", "宁德市", "department"]);
    const gov = meta(`${UNTITLED}2024年，福鼎市坚持以习近平新时代中国特色社会主义思想为指导，主动公开政府信息120条。`);
    expect([gov.org, gov.level]).toEqual(["福鼎市人民政府", "county"]);
  });
  it("the file's name gives the issuer and the year the text leaves out", () => {
    const text = "本报告根据《中华人民共和国政府信息公开条例》编制。一、总体情况 今年，我局主动公开政府信息120条。";
    const m = findMeta(prepareText(text), undefined, "宁德市生态环境局2024年政府信息公开工作年度报告.docx");
    expect([m.org, m.level, m.year, m.yearSource]).toEqual(["宁德市生态环境局", "department", 2024, "file"]);
    // A government's office named so reports for itself, as in a title.
    expect(findMeta(prepareText(text), undefined, "宁德市人民政府办公室2024年政府信息公开工作年度报告.pdf").org).toBe("宁德市人民政府办公室");
    // A name that says nothing (a crawl's numbering) is no hint.
    expect(findMeta(prepareText(text), undefined, "09_huaian_shi_2024.txt").org).toBe("");
  });
});

describe("a department named by its level alone (市交通运输局, 区教育局)", () => {
  const BODY = "一、总体情况 2024年，我局主动公开政府信息120条。本报告所列数据统计期限为2024年1月1日至2024年12月31日。";
  it("takes its place from the site's name before the title, never the site's words", () => {
    // (It had been 宁德市人民政府门户网站市交通运输局; without the site's words, 宁德市人民政府.)
    const m = meta(`宁德市人民政府门户网站 当前位置：首页 > 政务公开 > 年度报告 市交通运输局2024年政府信息公开工作年度报告 ${BODY}`);
    expect([m.org, m.region, m.level]).toEqual(["宁德市交通运输局", "宁德市", "department"]);
  });
  it("a title without an issuer takes the page's 来源 line, page furniture though it is", () => {
    // (The line is blanked as furniture before the issuer is read: it had been no issuer at all.)
    const r = parseReport(`2024年度政府信息公开工作年度报告 来源：霞浦县人民政府办公室 发布时间：2025-01-15 ${BODY}`);
    if (!r.ok) throw new Error(r.error);
    expect([r.report.org, r.report.level, r.report.year]).toEqual(["霞浦县人民政府", "county", 2024]);
  });
  it("takes its full name from a signature dated by month alone", () => {
    const m = meta(`区教育局2024年度政府信息公开工作年度报告 ${BODY} 福州市鼓楼区教育局 2025年1月`);
    expect([m.org, m.fullRegion, m.level, m.published]).toEqual(["福州市鼓楼区教育局", "福州市鼓楼区", "department", undefined]);
  });
});

describe("names seen in reports we do not hold (sentences written here)", () => {
  it.each(SENTENCES.map(([name, text, expected]) => ({ name, text, expected })))("$name", ({ text, expected }) => {
    const m = meta(text);
    for (const [k, v] of Object.entries(expected)) expect(m[k as keyof ReportMeta], k).toEqual(v);
  });
});

// ── the year ────────────────────────────────────────────────────────────────────────────────────

describe("the statistics year", () => {
  const YEARS: [name: string, text: string, year: number | null, source: ReportMeta["yearSource"], conflict: boolean][] = [
    ["title and 统计期限 agree", `洪泽区人民政府2019年政府信息公开工作年度报告\n${PERIOD(2019)}`, 2019, "title", false],
    ["the 统计期限 wins over the title, with a warning", `洪泽区人民政府2019年政府信息公开工作年度报告\n${PERIOD(2018)}`, 2018, "period", true],
    ["the 统计期限 alone", `本报告根据《条例》编制。本报告所列数据统计期限为2024年1月1日至2024年12月31日。2024年，平潭综合实验区坚持…`, 2024, "period", false],
    ["an empty 统计期限 (自至) and the title", `平潭县人民政府2013年政府信息公开工作年度报告 本报告所列数据的统计期限自至。`, 2013, "title", false],
    ["a Chinese-numeral year in the title", `洪泽区人民政府二〇一九年政府信息公开工作年度报告\n一、总体情况`, 2019, "title", false],
    ["a report that names its year only in a sentence", `根据《条例》，现公布2011年度政府信息公开年度报告。`, 2011, "mention", false],
    [
      "a cited circular's year is not the report's",
      `洪泽区人民政府政府信息公开工作年度报告\n根据《关于做好2015年政府信息公开工作年度报告有关事项的通知》要求编制。`,
      null,
      "none",
      false,
    ],
    ["no year anywhere", `洪泽区人民政府政府信息公开工作年度报告\n本报告所列数据的统计期限自至。一、总体情况 我区坚持公开为常态。`, null, "none", false],
  ];
  it.each(YEARS.map(([name, text, year, source, conflict]) => ({ name, text, year, source, conflict })))("$name", ({ text, year, source, conflict }) => {
    const m = meta(text);
    expect(m.year).toBe(year);
    expect(m.yearSource).toBe(source);
    expect(m.warnings.some((w) => w.code === "YEAR_CONFLICT")).toBe(conflict);
  });
  it("quotes the title and the 统计期限 when they disagree", () => {
    const text = `洪泽区人民政府\n2019年政府信息公开工作年度报告\n本报告所列数据的统计期限自2018年1月1日\n起至2018年12月31日止。`;
    const [w] = meta(text).warnings;
    expect(w!.evidence!.map((e) => [e.line, e.endLine, e.text])).toEqual([
      [1, 2, "洪泽区人民政府 2019年政府信息公开工作年度报告"],
      [3, 4, "统计期限自2018年1月1日 起至2018年12月31日"],
    ]);
  });
});

describe("the published or signed date", () => {
  const DATES: [name: string, text: string, published: string | undefined][] = [
    ["the page header's 时间", `平潭综合实验区2011年政府信息公开工作年度报告 来源：平潭综合实验区管委会办公室 时间：2012-04-11 00:00 微信 微博`, "2012-04-11"],
    ["a signature in Chinese numerals (○)", `平潭综合实验区2011年政府信息公开工作年度报告 …常规化、日常化。 二○一二年二月二十日 附件1：统计表`, "2012-02-20"],
    [
      "a signature in Chinese numerals (〇) under the body",
      `洪泽区人民政府2013年政府信息公开工作年度报告\n…常态化。\n洪泽区人民政府\n二〇一四年一月十日`,
      "2014-01-10",
    ],
    [
      "a signature after the body, one line",
      `平潭县人民政府2012年政府信息公开工作年度报告 …日常化。 平潭县人民政府 2013年1月16日 附件1：平潭县人民政府2012年政府信息公开情况统计表`,
      "2013-01-16",
    ],
    ["a date inside a sentence is no signature", `洪泽区人民政府2015年政府信息公开工作年度报告\n并在2015年12月26日成功举办了招聘会。`, undefined],
    [
      "a signature after a long report",
      `蚌埠市2019年政务公开工作总结\n${"全市主动公开政府信息。\n".repeat(2000)}蚌埠市人民政府\n2020年1月20日\n`,
      "2020-01-20",
    ],
    ["a month without a day is no date", `平潭综合实验区管委会办公室 二〇一三年一月 本报告主要根据《条例》编制。`, undefined],
  ];
  it.each(DATES.map(([name, text, published]) => ({ name, text, published })))("$name", ({ text, published }) => {
    expect(meta(text).published).toBe(published);
  });
});

// ── what a user may type ────────────────────────────────────────────────────────────────────────

describe("aliases, by rule", () => {
  const aliasesOf = (text: string) => meta(text).aliases;
  it("a district: without its suffix, the government's forms, under its city", () => {
    const a = aliasesOf(readFileSync(join(SEEDS, SEED.changshou), "utf8"));
    expect(a).toEqual(expect.arrayContaining(["长寿区", "长寿", "重庆市长寿区", "长寿区政府", "长寿区人民政府", "重庆市长寿区人民政府"]));
  });
  it("a zone: 平潭, 平潭实验区, its 管委会 — never 实验区 alone", () => {
    const a = aliasesOf(readFileSync(join(FIXTURES, "pingtan/07_pingtan_2015.txt"), "utf8"));
    expect(a).toEqual(expect.arrayContaining(["平潭综合实验区", "平潭", "平潭实验区", "平潭综合实验区管委会"]));
    expect(a).not.toContain("实验区");
  });
  it("a zone whose stem is its city's does not take the city's name", () => {
    const a = aliasesOf(`蚌埠高新区2021年政府信息公开工作年度报告`);
    expect(a).toContain("蚌埠高新区管委会");
    expect(a).not.toContain("蚌埠");
  });
  it("a city: 市政府 forms", () => {
    expect(aliasesOf(readFileSync(join(SEEDS, SEED.bengbu), "utf8"))).toEqual(expect.arrayContaining(["蚌埠", "蚌埠市政府", "蚌埠市人民政府"]));
  });
  it("a town: under its county too", () => {
    expect(aliasesOf(`新九镇2020年政府信息公开工作年度报告`)).toEqual(expect.arrayContaining(["新九镇", "新九", "新九镇人民政府", "盐边县新九镇"]));
  });
  it("a slip keeps the text's spelling", () => {
    expect(aliasesOf(`沐阳县人民政府2022年政府信息公开工作年度报告\n我县沭城街道、钱集镇`)).toEqual(
      expect.arrayContaining(["沭阳县", "沭阳", "沐阳县", "沐阳县人民政府"]),
    );
  });
  it("regionAliases drops one-character forms", () => {
    expect(regionAliases({ region: "忠县", fullRegion: "重庆市忠县", org: "忠县人民政府", level: "county" })).not.toContain("忠");
  });
});
