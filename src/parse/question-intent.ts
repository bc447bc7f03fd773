// Question understanding, the intent: a value, a breakdown, a comparison, a trend, a ranking, a
// total, contradictions, a list; and which half of the problems part is asked.
import type { Intent, Level, Question } from "../domain.js";
import { METRICS } from "./metrics.js";
import { chineseToNumber } from "./numbers.js";
import type { RegionMention } from "./question-names.js";

export type ProblemsAspect = "problems" | "improvements" | "both";

/** Words asking for problems; "针对问题" / "解决问题" name them only as what improvements are for. */
export const PROBLEM_WORDS = /问题|不足|短板|差距|困难|薄弱|毛病|缺点|短处|欠缺/;

export const PROBLEM_AS_OBJECT = /(?:针对|解决|改进|整改)(?:存在的?|这些|上述|以上|有关|相关)?(?:的)?(?:问题|不足)/g;

/** Words asking for the improvements: 改进措施, 下一步, 打算, 如何改进. */
export const IMPROVE_WORDS = /改进|整改|下一步|下步|今后|打算|(?:如何|怎么|怎样)(?:改|提升|加强|解决)|工作(?:计划|安排|思路)|整改措施/;

/** What falls short, asked as what needs improving (需要改进的地方, 有待改进之处). */
export const NEEDS_IMPROVING = /(?:需要|需|有待|亟待|值得)(?:改进|提高|完善|加强)(?:的)?(?:地方|之处|方面)/;

/**
 * Which half of the 存在的主要问题及改进情况 part a question asks for.
 *
 *   problemsAspect("资阳区2020年下一步怎么改进") → "improvements"
 *   problemsAspect("资阳区2020年存在的问题和改进措施") → "both"
 */
export function problemsAspect(q: string): ProblemsAspect {
  // "需要改进的地方" are the shortcomings, not the measures: where it falls short.
  if (NEEDS_IMPROVING.test(q) && !IMPROVE_WORDS.test(q.replace(NEEDS_IMPROVING, " "))) return "problems";
  const improve = IMPROVE_WORDS.test(q);
  const problems = PROBLEM_WORDS.test(q.replace(PROBLEM_AS_OBJECT, " "));
  return improve ? (problems ? "both" : "improvements") : "problems";
}

/** What the question reads, the words the intent is decided on. */
export interface IntentInput {
  /** The question squeezed (letters and digits only). */
  q: string;
  /** The same without a column named in it (历年累计 is no 历年 → trend). */
  qi: string;
  metric: string | undefined;
  mentions: readonly RegionMention[];
  years: readonly number[];
  asksProblems: boolean;
}

/**
 * The kinds of body inside another a ranking may ask for (各乡镇, 哪个区, 各部门), each with how such a
 * body's name ends; 各单位 and 下属 ask for any.
 */
export const INSIDE_KINDS: readonly { words: readonly string[]; org: RegExp; name: string; level: Level; asked: RegExp }[] = [
  {
    words: ["乡镇", "街道", "镇", "乡"],
    org: /(?:镇|乡|街道)(?:人民政府|政府|办事处)?$/,
    name: "乡镇、街道",
    level: "township",
    asked: /乡镇|镇街|街道|乡级|镇级|哪(?:个|些)镇/,
  },
  {
    words: ["县市区", "区县", "县区", "县", "区"],
    org: /(?:区|县|市|旗)(?:人民政府|政府)$/,
    name: "区县",
    level: "county",
    asked: /县级|区县|县区|县市区|各县|各区/,
  },
  { words: ["委办局", "部门"], org: /^(?!.*(?:人民政府|管委会|办事处)$)/, name: "部门", level: "department", asked: /部门|委办局|局委办/ },
  { words: ["地市"], org: /市(?:人民政府|政府)$/, name: "地市", level: "city", asked: /市级|地级市|地市/ },
  { words: ["省份"], org: /省(?:人民政府|政府)$/, name: "省级", level: "province", asked: /省级|省政府/ },
];

/**
 * The kind of body a list or a ranking asks for (县级政府的报告, 哪个部门…最多, 乡镇的报告), if it
 * names one: the kinds inside a body are the same kinds (one vocabulary).
 */
export function levelAsked(question: string): (typeof INSIDE_KINDS)[number] | undefined {
  return INSIDE_KINDS.find((k) => k.asked.test(question));
}
const INSIDE_WORDS = [...INSIDE_KINDS.flatMap((k) => k.words), "单位"].join("|");
/** The bodies inside the one named: 各部门, 哪个区, 下属单位. */
const WITHIN = new RegExp(`(?:各|哪(?:个|些|一个))(?:${INSIDE_WORDS})|下属`);

/** The kind of body inside another a question asks for, if it names one. */
export function insideKind(question: string): (typeof INSIDE_KINDS)[number] | undefined {
  const m = WITHIN.exec(question);
  const word = m?.[0].replace(/^(?:各|哪(?:个|些|一个))/, "");
  return word ? INSIDE_KINDS.find((k) => k.words.includes(word)) : undefined;
}

/** A sum asked (一共, 合计, 加起来): over the bodies asked, or of the metrics asked (answer.ts). */
export const ASKS_TOTAL = /一共|合计|总共|总计|加起来|共计|总和|汇总|累计(?!数)/;

/**
 * Words besides the body, the year and the asking: a topic ("平潭2014年查阅场所有哪些" asks what the
 * report says of its reading rooms, not which reports there are, as "平潭有哪些" does).
 */
function namesTopic(qi: string, mentions: readonly RegionMention[]): boolean {
  let rest = qi;
  for (const m of mentions) rest = rest.split(m.text).join("");
  rest = rest.replace(
    /(?:19|20)\d{2}年?度?|有哪些|哪些年份?|列表|报告|年报|(?:数据)?库[里中内]?|系统[里中内]?|这里|你这|目前|现在|现有|已有|收录|的|了|都|呢|吗|[?？!！。，,\s]/g,
    "",
  );
  return rest.length >= 2;
}

/** Which kind of a figure's parts (哪类申请人, 哪种理由) is the most or the least. */
const WHICH_PART =
  /(?:哪(?:一)?(?:类|种|项|方面)|什么(?:类型|类|人|原因|理由))[^，,。？?]{0,12}?(?:最多|最少|最高|最低|最大|最小|居多|为主)|(?:最多|最少|最高|最低|最大|最小)的?(?:是)?(?:理由|原因|类型|类别|情形|申请人|一类|一种|一项)/;

/**
 * The intent: a value, its breakdown, a comparison, a trend, a ranking (哪个…最多, 前五; 哪些…有 lists
 * every one above nought), a total (一共, 合计), the reports that contradict themselves, a list of
 * reports, or full-text search.
 *
 *   readIntent({ q: "2019年哪个地区行政处罚最多", metric: "art20.penalty.decisions", mentions: [], … }).intent === "rank"
 */
export function readIntent(input: IntentInput): { intent: Intent; rank?: Question["rank"]; asksTrend: boolean } {
  const { q, qi, metric, mentions, years, asksProblems } = input;
  // "哪些地区有行政诉讼": every body with a figure above nought, not the top few.
  const which = /哪些(?:地区|区县|区|县|市|单位|地方|部门|报告|机关)?(?:有|出现|发生|存在|收到)/.test(qi);
  let rank: Question["rank"];
  const topN = /前([一二两三四五六七八九十\d]{1,3})(?:名|个|位)?/.exec(qi) ?? /top(\d{1,3})/i.exec(qi);
  // "2021年和2024年哪年多": the years ranked, as 哪一年最多 ranks them.
  const whichYear = /哪一?年[^，,。？?]{0,10}?(?:更|比较|较)?(多(?!少)|(?<!多)少|高|低)/.exec(qi);
  const rankWords = /哪个|哪些(?:地区|区|县|市|单位|地方|部门)|哪里|哪家|最多|最少|最高|最低|排名|排行|排序|名列|第一/.test(qi) || whichYear !== null;
  if (rankWords || topN) {
    const n = topN ? (/^\d+$/.test(topN[1]!) ? Number(topN[1]) : (chineseToNumber(topN[1]!) ?? 5)) : /哪个|哪里|哪家|第一/.test(qi) ? 1 : 5;
    rank = {
      top: Math.max(1, Math.min(50, n)),
      order: /最少|最低|倒数/.test(qi) || /[少低]/.test(whichYear?.[1] ?? "") ? "asc" : "desc",
      ...(which && !topN && !/最多|最少|最高|最低|排名|排行|排序/.test(qi) ? { which: true } : {}),
    };
  }
  // Figures that do not add up (勾稽) or a table the prose contradicts.
  const asksConflicts = /矛盾|不一致|对不上|对得上|不相符|相符吗|不符|勾稽|冲突|(?:数据|数字)(?:有误|错误|有问题|准确|可靠|一致)|算错|加起来对/.test(qi);
  // A sum over the bodies asked (一共, 合计), not a ranking of them.
  const asksTotal = ASKS_TOTAL.test(qi) && !/历年累计/.test(qi);

  const regionCount = mentions.length;
  const asksTrend = /趋势|变化|历年|逐年|每年|近几年|这几年|这些年|这么多年|多年来|各年|变多|变少|越来越|有没有(?:变|增|减|上升|下降)/.test(qi);
  let intent: Intent = "search";
  const listWords =
    /有哪些报告|哪些报告|什么报告|报告列表|有哪些年份|哪些年份|哪几年|有哪些年|收录|都有哪些|有哪些地区|哪些地区有|的报告$|报告有哪些|几份报告|多少份报告|多少报告|报告(?:一共|总共|共)?有?(?:几|多少)份/.test(
      qi,
    );
  const areaOnly = mentions.length > 0 && mentions.every((m) => m.areaOnly);
  if (asksConflicts && !asksProblems) intent = "conflicts";
  else if (metric && asksTotal && (regionCount === 0 || areaOnly)) intent = "total";
  else if (listWords && !metric) intent = "list";
  // "淮安市2024年哪类申请人最多": one report's parts ranked, not the bodies.
  else if (metric && rank && regionCount === 1 && WHICH_PART.test(qi)) intent = "breakdown";
  // "平潭综合实验区各部门收到申请最多的是哪个": the bodies inside the one named.
  else if (metric && rank && regionCount === 1 && WITHIN.test(qi)) {
    intent = "rank";
    rank.within = true;
  } else if (metric && rank && regionCount === 0) intent = "rank";
  // "长寿区哪一年行政复议最多": one region across its years.
  else if (metric && rank && regionCount === 1 && /哪(?:一)?年|哪个年度|哪些年/.test(qi)) intent = "trend";
  else if (
    metric &&
    (regionCount >= 2 ||
      (/对比|比较|相比|差别|差异|vs|\d{4}年?度?比|比(?:\d{4}|去|上|前)年|[多少]了?多少|(?:增加|减少|增长|下降)了?多少|相差|差多少/i.test(qi) &&
        (regionCount >= 2 || years.length >= 2)))
  )
    intent = "compare";
  else if (metric && (years.length >= 2 || asksTrend)) intent = "trend";
  else if (metric && /情况|构成|明细|分别|分类|详细|具体|怎么样|怎么|怎样|如何|结果|是谁|哪些人|什么人/.test(qi) && METRICS.some((d) => d.parent === metric))
    intent = "breakdown";
  else if (metric) intent = "value";
  else if (/有哪些|哪些年|列表/.test(qi) && regionCount <= 1 && !asksProblems && q.length <= 16 && !namesTopic(qi, mentions)) intent = "list";

  return { intent, ...(rank ? { rank } : {}), asksTrend };
}
