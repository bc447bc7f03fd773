// The unit a question asks for (多少条 → 条, 几件 → 件, 占比 → %, 多少粉丝 → a count of people), and how
// well a stated quantity's unit agrees with it. A question's unit is the strongest hint of which of
// the numbers in a clause it asks for (发布微博1288条，拥有粉丝10659名).
import { PROSE_UNITS, UNITS } from "../parse/numbers.js";

/** Measure words a question may ask in beyond the tables' and the prose's own (numbers.ts): 位, 户, 所, 台… */
const MEASURE_WORDS = ["万人次", "位", "户", "所", "座", "台", "册", "张", "部", "轮", "批"] as const;
const ALL_UNITS = [...new Set([...UNITS, ...PROSE_UNITS, ...MEASURE_WORDS])].filter((u) => u !== "万" && u !== "亿").sort((a, b) => b.length - a.length);

/** Units that count the same kind of thing; agreement inside a class is partial. */
const CLASSES: readonly (readonly string[])[] = [
  ["条", "件", "篇", "份", "项", "个", "宗", "起", "套", "户", "所", "处", "家", "部", "册", "张", "座", "台", "批", "种"],
  ["人", "名", "位", "人次", "万人次"],
  ["次", "场", "期", "场次", "批次", "轮"],
  ["元", "万元", "亿元"],
  ["%"],
  // A time taken (平均答复时间, 多少天): no count of requests answers it.
  ["个工作日", "工作日", "天", "日", "小时"],
];
/** Inside the count class, these four are what reports write for the same documents and requests. */
const DOCUMENTS = new Set(["条", "件", "篇", "份"]);

/**
 * Units speech uses for the same happenings: a request or a lawsuit is 一件, 一起, 一宗 or 一次
 * (被起诉3次), and the 2008 tables count requests in 条. They agree in part across the classes.
 */
const CASES = new Set(["件", "起", "宗", "次", "场", "条"]);

/** People counted by what they did (多少人申请, 几个人起诉): the count is of requests or cases. */
const PEOPLE_WHO_ACT = /(?:多少|几)(?:个)?(?:人|位|名)(?!次)[^，。？?]{0,6}?(?:申请|起诉|复议|投诉|举报|告)/;

export interface AskedUnit {
  /** Units that answer the question, best first; empty = any count. */
  units: string[];
  /** Written as a unit (多少条); else read from a noun (经费 → 元, 粉丝 → 名) or not at all. */
  explicit: boolean;
  /** The question asks for a share (占比, 比例, 百分之几). */
  share: boolean;
}

const UNIT_ALT = ALL_UNITS.map((u) => u.replace("%", "\\%")).join("|");
const EXPLICIT = new RegExp(`(?:多少|几)(?:个)?(${UNIT_ALT})`);
/** Nouns that start with a measure word's character: 项目, 部门, 处罚, 起诉, 条例 … */
const NOUN_START = /^(?:项目|部门|部分|台账|处罚|处理|起诉|所属|名单|名称|条例|期限|位置|场所|套餐|户籍|张贴)/;
/** A share asked: 占比, 纠错率, 自然人占多少, 百分之几 (not 效率). */
export const SHARE = /占比|比例|比重|百分比|百分之|占[^，。？?]{0,8}(?:多少|几)|[^效]率/;
/** A sum of money named by what it sums: 交易总额, 成交额, 投资额 (not 总数). */
const MONEY_SUMS = "总额|交易额|成交额|投资额|采购额|合同额";
/** Nouns that fix the unit when none is written (多少粉丝, 经费是多少). */
const NOUN_UNITS: readonly [RegExp, string[]][] = [
  [new RegExp(`经费|金额|费用|资金|多少钱|收费|万元|亿元|${MONEY_SUMS}`), ["万元", "元", "亿元"]],
  [/访问量|浏览量|点击量|访问人次|浏览人次/, ["人次", "次", "万人次"]],
  [/粉丝|人员|人数|多少人|几人|工作人员/, ["人", "名", "位", "人次"]],
  [
    /(?:时间|时长|用时|天数|周期|期限)(?:是|为|有)?(?:多少|几|多长|多久)?$|(?:平均|办理|答复|办结)(?:时间|时长|用时|天数)|多长时间|多久/,
    ["个工作日", "工作日", "天", "日"],
  ],
];

/**
 * Items about money (财政资金信息, 经费类文件), and requests ended for a fee not paid (逾期未按收费通知
 * 要求缴纳费用): counted, not an amount, unless an amount is asked.
 */
const ABOUT_MONEY = /(?:经费|资金|费用|收费)类?(?:信息|文件|公告|政策|栏目)|缴纳费用|收费通知/;
const AMOUNT_WORDS = new RegExp(`金额|多少钱|万元|亿元|(?<![单])元|${MONEY_SUMS}`);
/** Items counted (收费项目, 事项, their 本年增/减), and the words that ask for money all the same. */
const COUNTED_ITEMS = /项目|事项|增\/?减/;
const MONEY_WORDS = new RegExp(`经费|金额|费用|资金|多少钱|元|${MONEY_SUMS}`);

/**
 * The unit a question asks for. Why: the clause a question matches often holds several numbers of
 * different kinds; the unit picks the one asked for, and rules out a count when money is asked.
 *
 *   askedUnit("平潭2015年第二批保障性住房选房有多少套房子") → { units: ["套"], explicit: true, share: false }
 *   askedUnit("官方微博有多少粉丝") → { units: ["人", "名", "位", "人次"], explicit: false, share: false }
 */
export function askedUnit(question: string): AskedUnit {
  if (SHARE.test(question)) return { units: ["%"], explicit: true, share: true };
  if (PEOPLE_WHO_ACT.test(question)) return { units: ["件", "人", "人次"], explicit: false, share: false };
  const m = EXPLICIT.exec(question);
  // 多少个项目, 几个部门: the "unit" starts a noun (项目, 部门), 个 is the unit.
  if (m && NOUN_START.test(question.slice(m.index + m[0].length - m[1]!.length))) {
    return /(?:多少|几)个/.test(question) ? { units: ["个"], explicit: true, share: false } : { units: [], explicit: false, share: false };
  }
  if (m) {
    // 多少个粉丝: 个 classifies a noun that has units of its own (名, 人): those answer.
    if (m[1] === "个") {
      const noun = NOUN_UNITS.find(([re]) => re.test(question.slice(m.index + m[0].length, m.index + m[0].length + 4)));
      if (noun) return { units: [...noun[1], "个"], explicit: false, share: false };
    }
    // 几个单位, 多少个部门: 个 stands for the counted noun.
    return { units: [m[1]!], explicit: true, share: false };
  }
  if (/(?:多少|几)个/.test(question)) return { units: ["个"], explicit: true, share: false };
  for (const [re, units] of NOUN_UNITS) {
    if (!re.test(question)) continue;
    // 收费项目 are counted ("行政事业性收费上一年项目数量" had found its 0 项 no answer to money asked),
    // and so is 财政资金信息: the money word names what the items are about.
    if (units[0] === "万元" && COUNTED_ITEMS.test(question) && !MONEY_WORDS.test(question)) continue;
    if (units[0] === "万元" && ABOUT_MONEY.test(question) && !AMOUNT_WORDS.test(question)) continue;
    return { units, explicit: false, share: false };
  }
  return { units: [], explicit: false, share: false };
}

/**
 * How well a stated unit answers the asked one: 1 the same, less inside the same kind of count, 0 when
 * it counts something else (money asked, 条 stated). Any unit is fine when none was asked, but a
 * share or money only when asked for.
 *
 *   unitAgreement("条", askedUnit("收到几件申请")) → 0.9
 */
export function unitAgreement(unit: string, asked: AskedUnit): number {
  // A count printed without its unit (不予公开信息数1402): any count, never money or a share.
  if (unit === "") return asked.units.length === 0 ? 0.95 : CLASSES[0]!.includes(asked.units[0]!) || CLASSES[1]!.includes(asked.units[0]!) ? 0.8 : 0;
  if (asked.units.length === 0) return unit === "%" ? 0.3 : /元$/.test(unit) ? 0.6 : 1;
  if (asked.units[0] === unit) return 1;
  if (asked.units.includes(unit)) return asked.explicit ? 0.9 : 0.95;
  const cls = CLASSES.find((c) => c.includes(asked.units[0]!));
  if (!cls?.includes(unit)) return crossAgreement(unit, asked.units[0]!);
  if (DOCUMENTS.has(unit) && DOCUMENTS.has(asked.units[0]!)) return 0.9;
  return 0.6;
}

/** A unit word, for stripping it from a question's words ("多少条" → the 条 is no content). */
export function isUnitWord(w: string): boolean {
  return (ALL_UNITS as readonly string[]).includes(w);
}

/**
 * Agreement of units of different classes that speech uses for one thing: cases (几次 asked, 件
 * printed), and 个, the classifier of everything (几个专职人员 asked, 人 printed).
 *
 *   crossAgreement("件", "次") → 0.6; crossAgreement("人", "个") → 0.6; crossAgreement("条", "人") → 0
 */
function crossAgreement(unit: string, asked: string): number {
  if (CASES.has(unit) && CASES.has(asked)) return 0.6;
  // Visits: 访问了多少次 asked, 人次 printed.
  if ((unit === "人次" && asked === "次") || (unit === "次" && asked === "人次")) return 0.8;
  if (asked === "个" && (CLASSES[1]!.includes(unit) || CLASSES[2]!.includes(unit))) return 0.6;
  return 0;
}

/**
 * The question asks for a count of another kind than a row's unit: 粉丝 (people) of 政务微博公开政府信息数
 * (posts, 条). No ranking, sum or trend of that row answers it. A share asked is of any row.
 */
export function asksOtherKind(unit: string | undefined, question: string): boolean {
  const asked = askedUnit(question);
  return !!unit && !asked.share && asked.units.length > 0 && unitAgreement(unit, asked) === 0;
}
