// Filler prose for synthetic reports: sentences assembled from phrase banks the way real reports
// write them ("一是…，切实保障…。二是…。"). No figures: every number a report states is written by
// generate-prose.ts and recorded in the truth, so the filler never names a count with a unit.
import type { Identity } from "./generate-identity.js";
import type { Rng } from "./random.js";

const ACTIONS: readonly string[] = [
  "坚持以公开为常态、不公开为例外原则",
  "进一步健全政府信息公开工作机制",
  "持续深化重点领域信息公开",
  "加强政府网站和政务新媒体的规范化管理",
  "严格落实公开前保密审查制度",
  "及时修订完善政府信息公开指南和主动公开目录",
  "加大重要政策解读力度",
  "推进基层政务公开标准化规范化建设",
  "规范依申请公开受理、办理和答复流程",
  "强化政务公开工作人员业务培训",
  "做好财政预决算和“三公”经费信息公开工作",
  "及时公开重大建设项目批准和实施信息",
  "加强公共资源配置领域信息公开",
  "扎实推进决策、执行、管理、服务、结果公开",
  "积极回应社会关切和群众诉求",
  "优化政府网站信息公开栏目设置",
  "推进政务服务事项网上办理和信息公开",
  "加强政府信息公开平台建设",
  "落实政务公开考核评议和责任追究制度",
  "做好涉企政策集中公开和精准推送",
  "加强政务舆情收集、研判和回应",
  "规范政府信息公开属性源头认定",
  "推进行政执法公示制度落实",
  "加强政府公报的编辑发行工作",
  "建立健全重大行政决策预公开制度",
  "推动政务公开与政务服务深度融合",
  "完善政府信息发布协调机制",
  "加强对下级单位政务公开工作的指导和督查",
  "推进社会救助、就业创业等民生领域信息公开",
  "规范政府信息管理和档案归集",
  "加强政务公开专区和查阅场所建设",
  "健全政府信息公开工作责任体系",
  "开展政府网站常态化监测和季度抽查",
  "加强政府信息公开工作队伍建设",
  "规范政策文件的公开属性标注",
  "强化政务新媒体内容审核把关",
  "推进人大代表建议和政协提案办理结果公开",
  "做好权责清单和公共服务事项清单的动态调整",
  "加强对政府网站错敏信息的排查整改",
  "完善依申请公开登记、审核、办理、答复、归档各环节工作",
  "推进政务公开向基层延伸",
  "做好重要政策的集中宣传和精准解读",
  "畅通政府信息公开申请渠道",
  "加强与申请人的沟通，提高答复的针对性",
  "规范政府信息公开工作文书格式",
  "健全政务舆情回应工作机制",
  "推进公共企事业单位信息公开",
  "加强政务公开工作的统筹协调",
];

const PURPOSES: readonly string[] = [
  "切实保障人民群众的知情权、参与权、表达权和监督权",
  "不断提升政务公开的质量和实效",
  "努力建设人民满意的法治政府和服务型政府",
  "更好发挥政务公开引领和倒逼作用",
  "增强政府工作透明度和公信力",
  "确保政府信息公开工作依法有序开展",
  "方便群众及时准确获取政府信息",
  "推动政务公开工作再上新台阶",
  "为经济社会高质量发展营造良好环境",
  "提高政府信息公开工作的规范化水平",
  "让权力在阳光下运行",
  "提升群众的满意度和获得感",
  "做到应公开尽公开",
  "形成上下联动、齐抓共管的工作格局",
  "以公开促落实、促规范、促服务",
  "进一步提高政府工作的透明度",
  "不断增强政务公开工作实效",
  "营造公开透明的政务环境",
  "推动政务公开工作规范化、制度化、常态化",
];

const INFO_KINDS: readonly string[] = [
  "财政预决算",
  "重大建设项目",
  "公共资源交易",
  "社会救助",
  "征地拆迁",
  "环境保护",
  "食品药品安全",
  "就业创业",
  "义务教育",
  "医疗卫生",
  "住房保障",
  "安全生产",
  "行政执法",
  "价格收费",
  "政府采购",
  "养老服务",
];

const MEANS: readonly string[] = [
  "政府门户网站",
  "政务微博",
  "政务微信公众号",
  "政府公报",
  "新闻发布会",
  "信息公开栏",
  "便民服务手册",
  "广播电视",
  "政务服务大厅电子显示屏",
];

const PROBLEMS: readonly string[] = [
  "公开内容的全面性和及时性还有待提高",
  "政策解读形式较为单一，解读的针对性和通俗性有待提升",
  "基层政务公开工作人员多为兼职，业务能力有待加强",
  "部分单位对政府信息公开工作重视程度不够",
  "政务新媒体更新不够及时，互动回应不够充分",
  "依申请公开答复的规范性仍需提高",
  "信息公开的深度和广度与群众期盼相比还有差距",
  "政府网站个别栏目内容保障不足",
  "公开平台之间的信息同步机制还不够健全",
];

/** Topics of a year (no 疫情 before 2020, no 脱贫攻坚 after 2020). */
function focusOf(rng: Rng, year: number): string {
  const list = ["优化营商环境", "民生保障", "生态环境保护", "“放管服”改革", "重大项目建设", "教育医疗养老", "安全生产", "城乡建设", "减税降费"];
  if (year <= 2020) list.push("脱贫攻坚");
  if (year >= 2018 && year <= 2020) list.push("三大攻坚战");
  if (year >= 2020 && year <= 2022) list.push("疫情防控");
  if (year >= 2021) list.push("乡村振兴", "稳经济促发展", "高质量发展");
  return rng.pick(list);
}

/** The Party congress a year's reports invoke. */
function congress(year: number): string {
  return year <= 2012 ? "党的十七大" : year <= 2017 ? "党的十八大" : year <= 2022 ? "党的十九大" : "党的二十大";
}

/** Who leads: 区委、区政府 / 市委、市政府 / 街道党工委 / 局党组. */
export function leaders(id: Identity): string {
  if (id.level === "township") return id.place === "街道" ? "街道党工委、办事处" : `${id.place}党委、${id.place}政府`;
  if (id.level === "department") return `${id.place}党组`;
  return `${id.place}委、${id.place}政府`;
}

const ORDINALS = ["一", "二", "三", "四", "五", "六"];
const COLUMNS = [
  "政策文件",
  "政策解读",
  "重点领域信息公开",
  "财政资金",
  "人事信息",
  "建议提案办理",
  "政府会议",
  "规划计划",
  "统计信息",
  "应急管理",
  "政务动态",
  "公示公告",
];
const GUESTS = ["人大代表、政协委员", "专家学者", "企业代表", "群众代表", "新闻媒体记者"];
const HOW = ["专人负责", "及时更新", "依法依规", "常态长效", "动态调整", "闭环管理"];

/** Clauses that can follow a lead ("同时，", "全年"), built from the banks. */
function clause(rng: Rng, id: Identity): string {
  const y = id.year;
  const kinds = rng.sample(INFO_KINDS, 3).join("、");
  const means = rng.sample(MEANS, 3).join("、");
  const cases: (() => string)[] = [
    () => `${rng.pick(ACTIONS)}，${rng.pick(PURPOSES)}`,
    () => `围绕${focusOf(rng, y)}等中心工作，${rng.pick(ACTIONS)}`,
    () => `对${kinds}等领域信息${rng.pick(["做到及时、准确、全面公开", "实行清单化管理", "集中公开、动态更新"])}`,
    () => `充分利用${means}等渠道发布信息，${rng.pick(PURPOSES)}`,
    () => `在${leaders(id)}的${rng.pick(["领导", "统一部署", "坚强领导"])}下，${rng.pick(ACTIONS)}`,
    () => `${rng.pick(ACTIONS)}，做到${rng.pick(HOW)}、${rng.pick(HOW)}`,
    () => `在政府门户网站开设“${rng.pick(COLUMNS)}”“${rng.pick(COLUMNS)}”等栏目，${rng.pick(PURPOSES)}`,
    () => `开设“${focusOf(rng, y)}”专题专栏，集中发布相关政策文件和工作动态`,
    () => `邀请${rng.sample(GUESTS, 2).join("、")}列席政府常务会议，${rng.pick(["增强决策透明度", "广泛听取社会各方面意见"])}`,
    () => `认真贯彻落实${congress(y)}精神，${rng.pick(ACTIONS)}`,
    () => `对已公开的政府信息进行全面梳理，及时清理失效信息，${rng.pick(PURPOSES)}`,
    () => `建立政策解读与政策文件同步起草、同步审签、同步发布机制`,
    () => `推行行政规范性文件统一登记、统一编号、统一发布`,
    () => `实行政府信息公开工作${rng.pick(["月通报、季考核", "周检查、月通报", "季度测评、年度考核"])}制度，${rng.pick(PURPOSES)}`,
    () => `组织开展“政府开放日”活动，邀请群众走进政府、了解政府、监督政府`,
    () => `将政务公开工作纳入年度绩效考核，${rng.pick(ACTIONS)}`,
  ];
  if (y >= 2016) cases.push(() => `认真落实国务院办公厅印发的《${y}年政务公开工作要点》，${rng.pick(ACTIONS)}`);
  if (y >= 2019) cases.push(() => `深入学习宣传新修订的《中华人民共和国政府信息公开条例》，${rng.pick(ACTIONS)}`);
  return rng.pick(cases)();
}

const used = new WeakMap<Identity, Set<string>>();

/** A clause not yet used in this report (a few tries, then whatever comes). */
function freshClause(rng: Rng, id: Identity): string {
  const seen = used.get(id) ?? new Set<string>();
  used.set(id, seen);
  let c = clause(rng, id);
  for (let i = 0; i < 6 && seen.has(c); i++) c = clause(rng, id);
  seen.add(c);
  return c;
}

/** One sentence of filler. */
export function fillerSentence(rng: Rng, id: Identity): string {
  const lead = rng.pick(["", "", "", `${id.year}年，`, "同时，", "此外，", "全年", `${id.self}`, "另外，", "与此同时，"]);
  return `${lead}${freshClause(rng, id)}。`;
}

/** A paragraph of 2–5 sentences, sometimes enumerated ("一是…。二是…。"). */
export function fillerParagraph(rng: Rng, id: Identity): string {
  const n = rng.int(2, 5);
  const enumerate = rng.chance(0.35);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(enumerate ? `${ORDINALS[i]}是${freshClause(rng, id)}。` : fillerSentence(rng, id));
  return out.join("");
}

/** The problems paragraph of 五、存在的主要问题及改进情况. */
export function problemsParagraph(rng: Rng, id: Identity): string {
  const items = rng.sample(PROBLEMS, rng.int(2, 4));
  const intro = rng.pick([
    `${id.year}年，${id.self}政府信息公开工作取得了一定成效，但也存在一些问题：`,
    "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：",
    "政府信息公开工作仍存在一些不足：",
  ]);
  return intro + items.map((p, i) => `${ORDINALS[i]}是${p}`).join("；") + "。";
}

/** The improvement paragraph ("下一步，我区将…"). */
export function improvementParagraph(rng: Rng, id: Identity): string {
  const acts = rng.sample(ACTIONS, rng.int(2, 4));
  return `${rng.pick(["下一步，", "针对存在问题，下一步，", `${id.year + 1}年，`])}${id.self}将${acts.join("，")}，${rng.pick(PURPOSES)}。`;
}
