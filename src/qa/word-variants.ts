// Words the reports use for one another: one report 编印 a leaflet where the next 印制 it, one counts
// 点击量 where another counts 访问量. A question in one report's words must find the other's clause.
// Each group is one act or one measure, never a broader word beside a narrower one (制作 is not 印制;
// 发放 hands out what was printed, and is left out).

const GROUPS: readonly (readonly string[])[] = [
  ["访问量", "浏览量", "点击量", "访问次数", "浏览次数", "点击次数"],
  // (…and their stems, as jieba cuts 专栏点击量: 专栏 / 点击 / 量.)
  ["访问", "浏览", "点击"],
  ["印制", "编印", "印发", "印刷"],
  ["举办", "开展", "组织"],
  ["发布", "公布", "刊发", "推送"],
  ["收到", "受理", "接收"],
  ["答复", "回复"],
  ["粉丝", "关注人数", "关注量", "订阅数"],
  ["开设", "设立", "开通"],
  ["征集", "收集"],
  // An amount of money (the unit asked keeps it to money: 交易总额达38.6亿元 for 交易金额).
  ["金额", "总额"],
];

const VARIANTS = new Map<string, readonly string[]>(GROUPS.flatMap((g) => g.map((w) => [w, g.filter((o) => o !== w)] as const)));
/** Any word of the groups (a word holding none has no variant: most words, tested first). */
const ANY_PART = new RegExp([...VARIANTS.keys()].join("|"));

/** The other words of `word`'s group ([] when it has none). */
export function variantsOf(word: string): readonly string[] {
  return VARIANTS.get(word) ?? [];
}

/**
 * `text` holds a variant of `word`: the word's own (点击量 → 访问量), or the word with a part
 * exchanged, as jieba keeps a compound whole (收到申请 → 受理申请).
 */
export function holdsVariant(word: string, text: string): boolean {
  for (const v of variantsOf(word)) if (text.includes(v)) return true;
  if (word.length <= 2 || !ANY_PART.test(word)) return false;
  for (const [part, others] of VARIANTS) {
    if (part.length >= word.length) continue;
    const at = word.indexOf(part);
    if (at < 0) continue;
    for (const v of others) if (text.includes(word.slice(0, at) + v + word.slice(at + part.length))) return true;
  }
  return false;
}
