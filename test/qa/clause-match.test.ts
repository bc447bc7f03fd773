// The clause finder on real reports (test/fixtures/reports): a question's words (without its
// region and year, as the question parser leaves them) → the quantity of the prose it asks for, or
// none when the report names the thing without a number. Questions in the style users ask, most of
// them not in the gold files.
import { describe, expect, it } from "vitest";
import { segment } from "../../src/index/segment.js";
import { contentPhrase, wordMatch } from "../../src/qa/clause-match.js";
import { bestQuantity, proseQuery } from "../../src/qa/prose-answer.js";
import { readProse } from "../../src/qa/prose-index.js";
import { EXTRA, load, PINGTAN, SEEDS } from "../helpers/reports.js";

/** The fixture folder of a file. */
const dirOf = (file: string) => (file.startsWith("pingtan-") ? PINGTAN : /^\d{3}_/.test(file) ? SEEDS : EXTRA);
const nameOf = (file: string) => file.replace(/^pingtan-/, "");

/** [file, question without region and year, expected value or null] */
const CASES: [string, string, number | null][] = [
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "各乡镇主动公开政府信息多少条", 122],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "区直、县直各单位主动公开政府信息多少条", 303],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "安全生产、应急管理类信息有多少条", 63],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "不予公开的信息数是多少", 1402],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "不予公开的信息数是有多少", 1402],
  // 全年 names no thing: the year is asked apart.
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "全年不予公开的信息数是多少", 1402],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "制作、获取的政府信息总数有多少", 1873],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "政府信息公开专栏访问量", 11460],
  ["pingtan-01_pingtan_shiyanqu_2011.txt", "政府信息公开专项经费是多少万元", null],
  ["pingtan-03_pingtan_shiyanqu_2012.txt", "官方微博有多少粉丝", 10659],
  ["pingtan-03_pingtan_shiyanqu_2012.txt", "新浪官方微博发布了多少条微博", 1288],
  ["pingtan-03_pingtan_shiyanqu_2012.txt", "网上审批累计办结多少件", 9542],
  ["pingtan-03_pingtan_shiyanqu_2012.txt", "有多少专职政府信息公开工作人员", null],
  ["pingtan-07_pingtan_2015.txt", "开设窗口多少个", 24],
  ["pingtan-07_pingtan_2015.txt", "入驻审批服务部门和单位多少个", 13],
  ["pingtan-07_pingtan_2015.txt", "政府征地转发批文多少份", 12],
  ["pingtan-07_pingtan_2015.txt", "第二批保障性住房选房有多少套房子", 389],
  ["pingtan-07_pingtan_2015.txt", "有多少家预算部门对外公布了预决算", 20],
  ["pingtan-08_pingtan_2016.txt", "梳理出多少项责任事项", 4635],
  ["pingtan-08_pingtan_2016.txt", "多部门监管责任事项多少项", 41],
  ["pingtan-08_pingtan_2016.txt", "梳理行政权力事项多少项", 3646],
  ["pingtan-09_pingtan_2017.txt", "区管委会及区直部门主动公开占比多少", 71.11],
  ["pingtan-09_pingtan_2017.txt", "各乡镇主动公开占多少比例", 28.89],
  ["pingtan-09_pingtan_2017.txt", "空气质量预测预报多少条", 322],
  ["pingtan-09_pingtan_2017.txt", "专项资金公开了多少条", 84],
  ["pingtan-09_pingtan_2017.txt", "政策解读栏目共公开发布信息多少条", 82],
  ["pingtan-10_pingtan_2021.txt", "政府网站总访问量是多少", null],
  // The column's visits are not the site's: "2016年政府信息公开专栏访问量达162103人次".
  ["pingtan-08_pingtan_2016.txt", "政府网站访问量", null],
  ["pingtan-08_pingtan_2016.txt", "政府信息公开专栏访问量", 162103],
  ["pingtan-11_pingtan_2024.txt", "开展网上调查多少期", 51],
  ["pingtan-11_pingtan_2024.txt", "开展民意征集多少期", 53],
  ["09_huaian_shi_2024.txt", "全市在运维政务新媒体有多少个", 95],
  ["09_huaian_shi_2024.txt", "制作了几期政府公报", 6],
  ["09_huaian_shi_2024.txt", "政务新媒体检查合格率是多少", 100],
  ["09_huaian_shi_2024.txt", "政府信息公开专项经费是多少", null],
  ["003_039a0e44477dbad7.txt", "受理市民反映问题诉求多少件", 216464],
  ["003_039a0e44477dbad7.txt", "通报了多少家信息公开不达标单位", 12],
  ["000_2d63126c8570951a.txt", "自然人行政许可事项多少项", 146],
  ["000_2d63126c8570951a.txt", "法人行政许可事项多少项", 286],
  // Counted before the noun, in a list: "对机构改革4家新建单位、4家合并单位、23家更名单位进行帮扶".
  ["003_039a0e44477dbad7.txt", "帮扶了多少家更名单位", 23],
  ["003_039a0e44477dbad7.txt", "对多少家新建单位进行了帮扶", 4],
  // A compound holding the act's word (收到申请) matches the report's (共受理申请136437件), and the
  // question about the service hall takes the hall's clause.
  ["pingtan-07_pingtan_2015.txt", "窗口服务大厅共收到申请多少件", 136437],
  // The report's word for the same act: 编印了…宣传册500份.
  ["001_6b8ee0204781e589.txt", "印制宣传册多少份", 500],
];

describe("bestQuantity on real reports", () => {
  for (const [file, question, want] of CASES) {
    it(`${file.slice(0, 18)} ${question} → ${want}`, () => {
      const r = load(dirOf(file), nameOf(file));
      const pq = proseQuery(readProse(r.sections), question, question, segment);
      const best = bestQuantity(pq);
      if (want === null) expect(best).toBeNull();
      else expect(best?.q.value).toBe(want);
    });
  }
});

describe("wordMatch", () => {
  it("finds a compound whose halves the text says apart or the other way round", () => {
    expect(wordMatch("人员培训", "工作人员全年培训")).toBe(0.85);
    expect(wordMatch("人员培训", "培训工作人员")).toBe(0.85);
    expect(wordMatch("人员培训", "人员培训机制")).toBe(1);
    expect(wordMatch("人员培训", "来访群众全年接待")).toBe(0);
    // A variant of the act inside a compound (收到申请 for 受理申请); the stem of a measure (点击 for 访问).
    expect(wordMatch("收到申请", "共受理申请136437件")).toBe(0.85);
    expect(wordMatch("点击", "2012年政府信息公开专栏访问量达72065人次")).toBe(0.85);
    // …near each other, not anywhere in a sentence.
    expect(wordMatch("政务微博", "对全区正常运行的14家单位共15个政务新媒体(微信和微博)加强日常监管")).toBeLessThan(0.85);
  });
});

describe("the words a reply names the thing by (contentPhrase)", () => {
  it("drops the asking, 有 with it (政务新媒体有几个 had been said back as “政务新媒体有”)", () => {
    expect(contentPhrase("政务新媒体有几个")).toBe("政务新媒体");
    expect(contentPhrase("政务新媒体是有多少个")).toBe("政务新媒体");
    expect(contentPhrase("官方微博有多少粉丝")).toBe("官方微博粉丝");
  });
  it("drops a measure word asked before its noun (有几个政府信息公开工作机构 had been “有个政府信息公开工作机构”)", () => {
    expect(contentPhrase("有几个政府信息公开工作机构")).toBe("政府信息公开工作机构");
    expect(contentPhrase("有多少位工作人员")).toBe("工作人员");
    expect(contentPhrase("平均多少个工作日答复")).toBe("平均工作日答复");
  });
});
