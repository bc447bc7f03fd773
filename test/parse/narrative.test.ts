// Figures the prose states, by clause: real sentences from the seeds, the PDF extractions and the
// Pingtan pages (and sentences written in the same language) → exactly the figures they give.
// "metric=value unit", "~" when the report wrote an estimate (余, 多, 约, 近, 26.8万).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/domain.js";
import { extractNarrative } from "../../src/parse/narrative.js";
import { buildProse } from "../../src/parse/prose.js";
import { quantitiesIn } from "../../src/parse/quantities.js";
import { prepareText } from "../../src/parse/text.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PINGTAN = join(ROOT, "test/fixtures/reports/pingtan");
const read = (file: string) => readFileSync(join(PINGTAN, file), "utf8");
const figuresOf = (raw: string) => extractNarrative(buildProse(prepareText(raw), []));
const show = (f: Figure) => `${f.metric}=${f.value}${f.unit}${f.certain ? "" : "~"}`;

describe("quantitiesIn", () => {
  it.each([
    ["共收到申请359件", [[359, "件", false]]],
    ["主动公开政府信息26.8万条", [[268000, "条", true]]],
    ["5300余条", [[5300, "条", true]]],
    ["70多件", [[70, "件", true]]],
    ["约4900人次", [[4900, "人次", true]]],
    ["近万条", [[10000, "条", true]]],
    ["举办培训班两次", [[2, "次", false]]],
    ["专项经费15万元", [[15, "万元", false]]],
    ["1,234件", [[1234, "件", false]]],
    ["以上12件", [[12, "件", false]]],
    ["主动公开政府信息一万二千余条", [[12000, "条", true]]],
    ["三万余条", [[30000, "条", true]]],
    ["一百零五件", [[105, "件", false]]],
    // Numerals of seven characters and more (一千二百三十四 had been no number), and 一 after what
    // is counted (被申请行政复议一起: one case, not an article).
    ["主动公开政府信息一千二百三十四条", [[1234, "条", false]]],
    ["被申请行政复议一起", [[1, "起", false]]],
    ["收到政府信息公开申请一件", [[1, "件", false]]],
    ["接待群众一起办理", []],
    // The time a request took (it had been the count 8个 before the word 工作日).
    [
      "平均答复时间为8个工作日，比法定时限缩短7天",
      [
        [8, "个工作日", false],
        [7, "天", false],
      ],
    ],
    // not counts: a phone number, a year, an ordinal, a name, an article, the parts of the report
    ["电话:0591-23162606件", []],
    ["2019年", []],
    ["第三次会议", []],
    ["“三个一”工作机制", []],
    ["明确一名分管领导", []],
    ["共七个部分组成", []],
  ] as const)("%s", (text, expected) => {
    expect(quantitiesIn(text, 0, text.length).map((q) => [q.value, q.unit, q.approximate])).toEqual(expected);
  });
});

type Row = [source: string, text: string, expected: string[]];

const ROWS: Row[] = [
  // ── a note on the parts after a number names a part, not what the number counts ──
  ["written so", "2021年,全区共收到政府信息公开申请66件,答复66件(含上年度结转申请)。", ["requests.received=66件", "requests.result.total=66件"]],
  [
    "written so",
    "2021年,全区共收到政府信息公开申请66件,答复66件(含上年度结转申请3件)。",
    ["requests.received=66件", "requests.result.total=66件", "requests.carried_over=3件"],
  ],
  // ── a change against another year is no count ──
  ["written so", "全年收到政府信息公开申请比上年减少20件,共36件。", []],
  ["written so", "较上年新增主动公开政府信息300条,全年共主动公开政府信息1500条。", ["proactive.total=1500条"]],
  ["written so", "主动公开政府信息1500条,比2019年多300条。", ["proactive.total=1500条"]],
  // ── a running total as of a date counts every year's ──
  ["written so", "截至2021年底,累计主动公开政府信息12万余条。", []],
  ["written so", "2021年,全区主动公开政府信息3200条,截至年底累计主动公开政府信息12万条。", ["proactive.total=3200条"]],
  ["written so", "截至12月底,全年累计主动公开政府信息3200条。", ["proactive.total=3200条"]],
  // ── 行政复议、诉讼: 行政 said once for both ──
  ["written so", "本年度无政府信息公开行政复议、诉讼案件。", ["review.total=0件", "litigation.total=0件"]],
  // ── a number a line break cut inside its paragraph ──
  ["written so", "2018年,全区共主动公开政府信息188\n46条,包括机构名称、预决算公开等。", ["proactive.total=18846条"]],
  // ── seeds (test/fixtures/reports/seeds) ──
  [
    "长寿2018",
    "2018年,全区设有信息公开工作专门机构56个,设有信息公开查阅点3个,从事政府信息公开的工作人员有84人,其中专职人员8人、兼职人员76人。",
    ["org.units=56个", "org.reading_points=3个", "staff.total=84人", "staff.fulltime=8人", "staff.parttime=76人"],
  ],
  [
    "长寿2018",
    "召开政府信息公开工作会议或专题会议121次,举办各类培训班3次,共有1480人接受培训。",
    ["meetings=121次", "training.sessions=3次", "training.trainees=1480人"],
  ],
  ["长寿2018", "使用政府信息公开专项工作经费15万元。", ["budget=15万元"]],
  ["长寿2018", "2018年,全区共主动公开政府信息18846条,包括机构名称、预决算公开、企事业单位年度报告、政府招投标、政府文件等。", ["proactive.total=18846条"]],
  [
    "长寿2018",
    "全年通过政府网站公开信息7732条,上报信息至市政府网站信息公开目录共计3150条,上报“重庆政务”移动端“云上区县”和“实时资讯”栏目共计351条。",
    ["proactive.channel.website=7732条"],
  ],
  [
    "长寿2018",
    "2018年,通过不同的渠道和方式,政策解读信息发布66条,共回应公众关注热点或重大舆情223次。",
    ["response.interpretations=66条", "response.hotspots=223次"],
  ],
  [
    "长寿2018",
    "2018年,全区共收到政府信息公开申请359件,全部按时办结。其中属于主动公开范围的20件,同意公开答复的96件,同意部分公开答复的8件,不同意公开的17件(因涉及商业秘密、个人隐私、不是《条例》所指信息等),43件不属于本行政机关制作或保存,74件申请的信息不存在,101件告知作出更改或通过其他途径办理。",
    [
      "requests.received=359件",
      "requests.result.already_public=20件",
      "requests.result.granted=96件",
      "requests.result.partial=8件",
      "requests.result.withheld=17件",
      "requests.result.not_this_agency=43件",
      "requests.result.not_exist=74件",
    ],
  ],
  ["长寿2018", "2018年,全区各级行政机关在依申请公开工作中,均未收取检索、复制、邮寄等成本费用,全部免除复印、邮寄费用等。", ["fees.requests=0万元"]],
  [
    "长寿2018",
    "2018年,全区发生了15件因政府信息公开引起的行政复议,维持具体行政行为数6件,被依法纠错数5件,其他情形数4件。",
    ["review.total=15件", "review.upheld=6件", "review.corrected=5件", "review.other=4件"],
  ],
  [
    "长寿2018",
    "发生了7件因政府信息公开引起的行政诉讼,维持具体行政行为或者驳回原告诉讼请求数2件,被依法纠错数2件,其他情形数3件。",
    ["litigation.total=7件", "litigation.upheld=2件", "litigation.corrected=2件", "litigation.other=3件"],
  ],
  ["长寿2018 表", "(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", []],
  ["资阳2020", "2020年解读信息发布共10条。", ["response.interpretations=10条"]],
  ["资阳2020", "积极回应群众诉求,全年全区通过12345平台办理群众诉求5489件,反馈回复率100%、按时办结率99.6%。", []],
  [
    "资阳2020",
    "积极回应网友留言,截至目前,我区共计收到并答复人民网《地方领导留言版》31件,针对每件网友的留言,我区都秉着积极关切的态度,在规定期限内予以回应并公开。",
    [],
  ],
  ["小板桥2018", "截止2018年11月29日,小板桥街道通过政府门户网站主动公开各类信息,其中“街道动态”公开发布99条,“自身党建”公开37条,“服务指南”公开9条。", []],
  ["蚌埠2019", "全市主动公开政府信息26.8万条,依申请公开信息223条(详见附件2)。", ["proactive.total=268000条~", "requests.received=223条"]],
  ["蚌埠2019", "全市发布政策解读信息1870条,其中,文件解读信息1149条,民企服务解读信息721条。", ["response.interpretations=1870条"]],
  ["蚌埠2019", "全市共培训1600多人次。", ["training.trainees=1600人次~"]],
  ["蚌埠2019", "5月15日,市集中开展《条例》宣传日活动,县区、部门开展学习交流活动65场、印发材料3000余份,同时利用会议、培训、座谈等时机常态化解读宣传。", []],
  // 西湖区 2019 is printed in Traditional characters
  ["西湖2019", "2019年,全區通過政府入口網站發布信息23650條,發布政策解讀信息44條;", ["proactive.channel.website=23650条", "response.interpretations=44条"]],
  ["西湖2019", "“南昌西湖發布”微信公眾號發布信息1825條,微部落格戶端發布政務微博2964條;", ["proactive.channel.wechat=1825条", "proactive.channel.weibo=2964条"]],
  [
    "西湖2019",
    "回應公眾關注熱點或重大輿情264次,留言辦理339條,開展意見建議徵集調查6次,舉辦線上訪談6期。",
    ["response.hotspots=264次", "response.interviews=6期"],
  ],
  [
    "西湖2019",
    "2019年,區政府受理政府信息公開申請13件,辦結12件,結轉下年辦理1件。因政府信息公開申請引發行政複議 1 件(被駁回行政複議申請);引發行政訴訟1件,目前尚未審結。",
    ["requests.received=13件", "requests.result.total=12件", "requests.carried_forward=1件", "review.total=1件", "litigation.total=1件"],
  ],
  ["西湖2019", "此外,2019年區政府系統共承辦省、市、區人大代表建議88件、政協委員提案136件,均已辦理完成並及時對外發布辦結答覆情況。", []],
  ["西湖2019", "每年開展針對政府信息公開具體工作人員的業務培訓不少於兩次,切實提高實務操作水平。", []],
  // ── PDF extractions (hard-wrapped lines, spaces around numbers) ──
  [
    "淮安2024",
    "2024 年，市政府网站主动公开各类政\n府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市\n政府办政策性文件 11 件，通过文字、图片等形式制作政策解读\n21 个，制作《淮安市人民政府公报》6 期。",
    ["proactive.total=5500条~", "response.interpretations=21个"],
  ],
  [
    "淮安2024",
    "“加快建设长三角北部重要产业\n科技创新高地的若干政策”等新闻发布会 12 场，努力传递政府\n声音、宣传政策法规、回应舆论关切。",
    ["response.press_conferences=12场"],
  ],
  [
    "淮安2024",
    "2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。",
    ["requests.received=3119件", "requests.result.total=3050件", "requests.carried_over=34件", "requests.carried_forward=103件"],
  ],
  [
    "淮安2024",
    "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。",
    [
      "review.total=351件",
      "review.upheld=72件",
      "review.corrected=64件",
      "review.other=178件",
      "review.pending=37件",
      "litigation.total=46件",
      "litigation.upheld=25件",
      "litigation.corrected=5件",
      "litigation.other=9件",
      "litigation.pending=7件",
    ],
  ],
  ["淮安2024", "2024 年，市政府严格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元。", ["fees.info_processing=3940元"]],
  ["洪泽2023", "2023 年，我区在政\n府网站平台主动公开政府信息 1136 条。", ["proactive.total=1136条"]],
  ["洪泽2023", "2023 年全区受理政府信息公开申请 21 件，\n均在法定期限答复。", ["requests.received=21件"]],
  [
    "洪泽2024",
    "2024 年，我区在政\n府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7 期，解读信息发布 7 条。",
    ["proactive.total=2428条", "response.interpretations=7条"],
  ],
  ["洪泽2024", "2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。", ["requests.received=17件"]],
  // ── Pingtan (one-line crawled pages) ──
  [
    "平潭2011",
    "(一)主动公开政府信息的数量区管委会办公室、区直各部门、各乡镇、县直各单位对政府信息进行了梳理和编目,2011年制作、获取政府信息总数1873条,其中主动公开政府信息425条,作为依申请公开信息数46条,不予公开信息数1402。",
    ["proactive.total=425条"],
  ],
  ["平潭2011", "主动公开的政府信息,区直、县直各单位主动公开政府信息303条,占71.3%。", []],
  ["平潭2011", "各乡镇主动公开政府信息122条,占28.7%。", []],
  [
    "平潭2011",
    "三、政府信息依申请公开工作情况2011年全区未收到有关政府信息公开的申请,未收到有关政府信息公开行政复议申请。",
    ["requests.received=0件", "review.total=0件"],
  ],
  [
    "平潭县2012",
    "三、政府信息依申请公开工作情况2012年全县共收到有关政府信息公开的申请21条,其中当面申请数18条,电子邮件申请数3条;对依申请公开的答复总数21条,其中同意公开答复数17条,其它公开答复数2条,免于公开答复数2条;",
    ["requests.received=21条", "requests.channel.in_person=18条", "requests.channel.email=3条", "requests.result.total=21条", "requests.result.granted=17条"],
  ],
  [
    "平潭2012",
    "二、重点领域政府信息公开情况今年以来,通过“中国平潭网”门户网站公开政府信息3636条,其中涉及财政预算决算、“三公”经费和行政经费公开信息9条;",
    ["proactive.channel.website=3636条"],
  ],
  // weibo posts are the weibo channel, not the report's total
  ["平潭2012", "截至12月14日,新浪中国平潭官方微博共发布微博1288条,拥有粉丝10659名。", ["proactive.channel.weibo=1288条"]],
  ["平潭2012", "平潭网还开设了网上审批功能,截至12月14日,中国平潭网与区行政服务中心共同累计收件9898件,累计办结9542件。", []],
  [
    "平潭县2013",
    "三、政府信息依申请公开工作情况2013年全县共收到有关政府信息公开的申请7条,网上申请数3条,信函申请数4条;",
    ["requests.received=7条", "requests.channel.online=3条", "requests.channel.letter=4条"],
  ],
  // a review application received is a review case: review.total 1 (the table prints 0)
  [
    "平潭2013",
    "三、政府信息依申请公开工作情况2013年全区未收到有关政府信息公开的申请,收到1份有关政府信息公开行政复议申请已及时处理。",
    ["requests.received=0件", "review.total=1份"],
  ],
  ["平潭2014", "目前,区县已入驻审批服务部门和单位13个,开设窗口26个,共受理申请121510件。", []],
  // 无 before the request itself says there was none (it had read nothing); 无正当理由…申请 is a row.
  ["某局2022", "全年无政府信息公开申请，无行政复议和行政诉讼案件。", ["requests.received=0件", "review.total=0件", "litigation.total=0件"]],
  ["某局2022", "本年度无依申请公开政府信息的申请。", ["requests.received=0件"]],
  ["某局2022", "4.无正当理由大量反复申请0件。", []],
  ["平潭2014", "三、政府信息依申请公开工作情况2014年全区收到有关政府信息公开的信函申请1条,已受理回复;", ["requests.received=1条"]],
  ["平潭2015", "建立窗口服务大厅,区县已入驻审批服务部门和单位13个,开设窗口24个,共受理申请136437件。", []],
  ["平潭2015", "2015年,我区累计在平潭政府采购信息网上主动公开政府采购项目信息188条,网上竞价453条。", []],
  ["平潭2015", "在门户网站、人事人才公共服务网微信号发布招聘信息20多条,并在2015年12月26日成功举办了高校毕业生专场招聘会。", []],
  ["平潭2015", "四、政府信息公开的收费及减免情况2015年我区各级工作部门依申请提供政府信息暂不收费。", ["fees.requests=0万元"]],
  [
    "平潭2015",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况2015年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。",
    ["review.total=0件", "litigation.total=0件"],
  ],
  ["平潭2016", "同时严格按照招投标流程进行公开招投标,在平潭政府门户网站进行公示相关投标信息180条。", []],
  ["平潭2017", "财政资金信息今年共发布348条信息,其中政府预决算公开19条、部门预决算公开224条、“三公”经费20条、专项资金84条、债券发行1条。", []],
  [
    "平潭2021",
    "(二)依申请公开方面。坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制。本年度全区共收到70件申请,及时依法依规办结69件,1件结转下年度继续办理。",
    ["requests.received=70件", "requests.result.total=69件", "requests.carried_forward=1件"],
  ],
  ["平潭2021", "全区政府信息公开单位均明确一名分管领导和一名经办人员,负责政府信息公开工作。", []],
  ["平潭2021", "六、其他需要报告的事项2021年,无收取信息处理费情况。", ["fees.info_processing=0元"]],
  [
    "平潭2021 表",
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000",
    [],
  ],
  ["平潭2024", "不断提高政府信息公开的深度和广度,通过政府门户网站全年主动公开各类政府信息10407条。", ["proactive.total=10407条"]],
  [
    "平潭2024",
    "加强政策解读力度,通过文字、图解、视频、访谈等多种形式,不断增强政策解读的权威性、针对性,全年发布政策文件解读96篇,获得良好的传播效果。",
    ["response.interpretations=96篇"],
  ],
  [
    "平潭2024",
    "持续增进互动交流,全年通过门户网站开展民意征集53期、网上调查51期,开展“平潭大家谈”系列在线访谈12期,主动回应社会关切。",
    ["response.interviews=12期"],
  ],
  ["平潭2024", "全年办理政府信息公开申请218件。", ["requests.received=218件"]],
  // ── written in the same language ──
  ["written", "2019年，本机关共收到公民、法人或其他组织提出的政府信息公开申请12件。", ["requests.received=12件"]],
  ["written", "区政府受理政府信息公开申请13件、办结12件。", ["requests.received=13件", "requests.result.total=12件"]],
  ["written", "上年结转政府信息公开申请3件，本年新收申请105件。", ["requests.carried_over=3件", "requests.received=105件"]],
  ["written", "本年度未发生因政府信息公开引起的行政复议和行政诉讼。", ["review.total=0件", "litigation.total=0件"]],
  ["written", "本年度政府信息公开行政复议和行政诉讼均为0。", ["review.total=0件", "litigation.total=0件"]],
  ["written", "全区发生政府信息公开行政复议2件、行政诉讼1件。", ["review.total=2件", "litigation.total=1件"]],
  ["written", "全年主动公开政府信息5300余条。", ["proactive.total=5300条~"]],
  ["written", "全区共收到政府信息公开申请70多件。", ["requests.received=70件~"]],
  ["written", "全年共培训约4900人次。", ["training.trainees=4900人次~"]],
  ["written", "全年主动公开政府信息近万条。", ["proactive.total=10000条~"]],
  ["written", "全年举办培训班两次，培训200余人次。", ["training.sessions=2次", "training.trainees=200人次~"]],
  ["written", "召开新闻发布会8场。", ["response.press_conferences=8场"]],
  ["written", "本机关未收取任何信息处理费。", ["fees.info_processing=0元"]],
  // A part whose whole body is 无: its heading says what there was none of (nothing had been read).
  ["written", "四、收费情况\n无。\n五、行政复议、行政诉讼情况\n无。", ["fees.requests=0万元", "review.total=0件", "litigation.total=0件"]],
  ["written", "三、依申请公开政府信息情况。无。四、收费及减免情况。无。", ["requests.received=0件", "fees.requests=0万元"]],
  ["written", "五、存在的主要问题及改进情况\n无。", []],
  // The channels requests came by (they had been read from the old 统计表 only).
  [
    "written",
    "全年共受理信息公开申请事项18件（其中当面申请12件，网上申请6件），全部按时办结。",
    ["requests.received=18件", "requests.channel.in_person=12件", "requests.channel.online=6件"],
  ],
  [
    "written",
    "依申请公开方面，从申请方式看，网上申请201件，信函申请63件，当面申请48件。",
    ["requests.channel.online=201件", "requests.channel.letter=63件", "requests.channel.in_person=48件"],
  ],
  ["written", "全年网上申请办理营业执照560件。", []],
  // None said with what was not charged for between (these had read no figure at all).
  ["written", "本年度我镇未收取政府信息公开相关费用。", ["fees.requests=0万元"]],
  ["written", "全年未向申请人收取检索、复制、邮寄费用。", ["fees.requests=0万元"]],
  ["written", "全年受理审批事项12000件。", []],
  [
    "written",
    "本年度新收政府信息公开申请95件，上年结转3件，办结96件，结转下年度2件。",
    ["requests.received=95件", "requests.carried_over=3件", "requests.result.total=96件", "requests.carried_forward=2件"],
  ],
  [
    "written",
    "共收到政府信息公开申请20件。办理结果:予以公开10件,部分公开2件,不予公开1件,无法提供5件,不予处理1件,其他处理1件。",
    [
      "requests.received=20件",
      "requests.result.granted=10件",
      "requests.result.partial=2件",
      "requests.result.withheld=1件",
      "requests.result.unable=5件",
      "requests.result.not_processed=1件",
      "requests.result.other=1件",
    ],
  ],
  ["written", "全年共公开政府信息3200条,其中政府文件150件。", ["proactive.total=3200条"]],
  ["written", "本机关因政府信息公开工作被申请行政复议3件,被提起行政诉讼2件。", ["review.total=3件", "litigation.total=2件"]],
  ["written", "全年共发布信息84条。", []],
  ["written", "全年通过12345平台受理群众申请5489件。", []],
  ["written", "全年受理行政许可申请340件，办结340件。", []],
  ["written", "全区各乡镇主动公开政府信息122条。", []],
  // A list said 分别: each number its own item's (政务微博 had been given the website's 3000).
  [
    "written",
    "全年主动公开政府信息5000条，其中政府网站、政务微博分别公开政府信息3000条、800条。",
    ["proactive.total=5000条", "proactive.channel.website=3000条", "proactive.channel.weibo=800条"],
  ],
  ["written", "因政府信息公开引起的行政复议和行政诉讼分别为3件、2件。", ["review.total=3件", "litigation.total=2件"]],
  // …and when items and numbers do not pair, none is read (which is which cannot be told).
  ["written", "政府网站、政务微博、政务微信分别公开政府信息3000条、800条。", []],
];

describe("extractNarrative: sentences → figures", () => {
  it.each(ROWS.map(([source, text, expected]) => ({ source, text, expected })))("$source: $text", ({ text, expected }) => {
    expect(figuresOf(text).map(show).sort()).toEqual([...expected].sort());
  });
});

describe("extractNarrative: which mention", () => {
  it("takes the first mention of a metric in the report", () => {
    const figs = figuresOf("一、总体情况。全区共收到政府信息公开申请359件。三、收到和处理政府信息公开申请情况。全年收到政府信息公开申请360件。");
    expect(figs.filter((f) => f.metric === "requests.received").map(show)).toEqual(["requests.received=359件"]);
  });

  it("never takes a sub-unit's count for the report's own, even when it comes first", () => {
    const figs = figuresOf("各乡镇主动公开政府信息122条。全区主动公开政府信息425条。区直各部门主动公开政府信息303条。");
    expect(figs.map(show)).toEqual(["proactive.total=425条"]);
  });

  it("a 其中 of a sub-unit's count is the sub-unit's too", () => {
    // (8946 had been the office's own website count, and said to contradict its table's 2876.)
    const figs = figuresOf(
      "全市各级各部门共主动公开政府信息21653条，其中市政府门户网站公开8946条。市政府办公室全年主动公开政府信息3126条，其中通过政府网站公开政府信息2876条。",
    );
    expect(figs.map(show)).toEqual(["proactive.total=3126条", "proactive.channel.website=2876条"]);
  });

  it("prefers the metric's own wording to a weaker one said earlier", () => {
    const figs = figuresOf("统一制作图解、文字、动漫等解读信息300多条。全市发布政策解读信息1870条。");
    expect(figs.map(show)).toEqual(["response.interpretations=1870条"]);
  });

  // The old template's heading names 不予公开 in its title; a page flattened to one line runs the
  // title into the sentence under it, and 11 had been read as the requests withheld.
  it.each([
    [
      "flattened",
      "一、概述 我县推进政务公开。二、主动公开政府信息的情况 全年主动公开信息200条。三、依申请公开政府信息和不予公开政府信息的情况 全年共受理政府信息公开申请11件，全部按时办结。",
    ],
    [
      "glued",
      "一、概述我县推进政务公开。二、主动公开政府信息的情况全年主动公开信息200条。三、依申请公开政府信息和不予公开政府信息的情况全年共受理政府信息公开申请11件，全部按时办结。",
    ],
    [
      "a heading line as wide as the text",
      "一、概述\n我县推进政务公开。\n二、主动公开政府信息的情况\n全年主动公开信息200条。\n三、依申请公开政府信息和不予公开政府信息的情况\n全年共受理政府信息公开申请11件，全部按时办结。",
    ],
    // No 一、 to start a chain of sections: the heading is still a heading.
    [
      "flattened, its first heading lost",
      "我县推进政务公开。二、主动公开政府信息的情况 全年主动公开信息200条。三、依申请公开政府信息和不予公开政府信息的情况 全年共受理政府信息公开申请11件，全部按时办结。",
    ],
    [
      "a numbered part's title",
      "我县推进政务公开。（一）主动公开政府信息的情况 全年主动公开信息200条。（二）依申请公开政府信息和不予公开政府信息的情况 全年共受理政府信息公开申请11件，全部按时办结。",
    ],
  ])("does not read a section title's words into its first sentence (%s)", (_layout, text) => {
    expect(figuresOf(text).map(show)).toEqual(["proactive.total=200条", "requests.received=11件"]);
  });

  it("reads a breakdown after its total in the sentence before", () => {
    const figs = figuresOf("全区共收到政府信息公开申请40件。其中予以公开25件,部分公开5件,不予公开3件,无法提供7件。");
    expect(figs.map(show).sort()).toEqual(
      [
        "requests.received=40件",
        "requests.result.granted=25件",
        "requests.result.partial=5件",
        "requests.result.unable=7件",
        "requests.result.withheld=3件",
      ].sort(),
    );
  });
});

describe("extractNarrative: evidence", () => {
  it("quotes the sentence from the original text of a one-line report, with its offsets", () => {
    const raw = read("07_pingtan_2015.txt");
    const f = figuresOf(raw).find((x) => x.metric === "proactive.total")!;
    expect(f.value).toBe(2949);
    expect(f.evidence.line).toBe(1);
    expect(f.evidence.text).toContain("2015年主动公开政府信息2949条");
    expect(raw.slice(f.evidence.start!, f.evidence.end!)).toContain("2015年主动公开政府信息2949条。");
  });

  it("quotes a long sentence by the clause and the one before it", () => {
    const raw =
      "2024 年，市政府网站主动公开各类政府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件，通过文字、图片等形式制作政策解读 21 个，制作《淮安市人民政府公报》6 期，并在政府网站开设专栏持续更新各类政策文件，方便群众查阅。";
    const f = figuresOf(raw).find((x) => x.metric === "response.interpretations")!;
    expect(f.evidence.text).toBe("全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件，通过文字、图片等形式制作政策解读 21 个");
  });

  it("keeps the original's line numbers for a laid-out report", () => {
    const raw = readFileSync(join(ROOT, "test/fixtures/reports/seeds/000_2d63126c8570951a.txt"), "utf8");
    const f = figuresOf(raw).find((x) => x.metric === "review.total")!;
    expect(f.evidence.line).toBe(19);
    expect(raw.split("\n")[18]).toContain("发生了15件因政府信息公开引起的行政复议");
  });
});

// The 11 Pingtan pages as the crawler saved them, tables not skipped: what the prose says.
const PINGTAN_CASES: [file: string, expected: string[], absent: string[]][] = [
  ["01_pingtan_shiyanqu_2011.txt", ["proactive.total=425条", "requests.received=0件", "review.total=0件"], []],
  ["02_pingtan_xian_2012.txt", ["proactive.total=2026条", "requests.received=21条", "requests.result.granted=17条"], []],
  [
    "03_pingtan_shiyanqu_2012.txt",
    ["proactive.total=1913条", "proactive.channel.website=3636条", "proactive.channel.weibo=1288条", "requests.received=0件"],
    ["requests.result.total"],
  ],
  ["04_pingtan_xian_2013.txt", ["proactive.total=1853条", "requests.received=7条", "requests.result.total=3条"], []],
  ["05_pingtan_shiyanqu_2013.txt", ["proactive.total=4970条", "requests.received=0件", "review.total=1份"], []],
  ["06_pingtan_guanweihui_2014.txt", ["proactive.total=2543条", "requests.received=1条", "review.total=0件"], ["litigation.total"]],
  ["07_pingtan_2015.txt", ["proactive.total=2949条", "requests.received=0件", "review.total=0件", "litigation.total=0件", "fees.requests=0万元"], []],
  ["08_pingtan_2016.txt", ["proactive.total=3460条", "requests.received=0件", "review.total=0件", "litigation.total=0件"], []],
  ["09_pingtan_2017.txt", ["proactive.total=2122条", "requests.received=0件", "review.total=0件", "litigation.total=0件"], []],
  [
    "10_pingtan_2021.txt",
    ["proactive.total=2645条", "requests.received=70件", "requests.result.total=69件", "requests.carried_forward=1件", "fees.info_processing=0元"],
    ["staff.total", "litigation.total"],
  ],
  [
    "11_pingtan_2024.txt",
    ["proactive.total=10407条", "response.interpretations=96篇", "requests.received=218件", "fees.info_processing=0元"],
    ["litigation.total"],
  ],
];

describe("extractNarrative: the Pingtan reports", () => {
  it.each(PINGTAN_CASES)("%s", (file, expected, absent) => {
    const figs = figuresOf(read(file));
    const shown = figs.map(show);
    for (const e of expected) expect(shown).toContain(e);
    for (const a of absent) expect(figs.map((f) => f.metric)).not.toContain(a);
    // one figure per metric, each quoting text of the report
    expect(new Set(figs.map((f) => f.metric)).size).toBe(figs.length);
    for (const f of figs) expect(f.evidence.text.length).toBeGreaterThan(0);
  });
});
