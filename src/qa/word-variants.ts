// Words the reports use for one another: one report 编印 a leaflet where the next 印制 it, one counts
// 点击量 where another counts 访问量. A question in one report's words must find the other's clause.
// Each group is one act or one measure, never a broader word beside a narrower one (制作 is not 印制;
// 发放 hands out what was printed, and is left out).

const GROUPS: readonly (readonly string[])[] = [
  ["访问量", "浏览量", "点击量", "访问次数", "浏览次数", "点击次数"],
  ["印制", "编印", "印发", "印刷"],
  ["举办", "开展", "组织"],
  ["发布", "公布", "刊发", "推送"],
  ["收到", "受理", "接收"],
  ["答复", "回复"],
  ["粉丝", "关注人数", "关注量", "订阅数"],
  ["开设", "设立", "开通"],
  ["征集", "收集"],
];

const VARIANTS = new Map<string, readonly string[]>(GROUPS.flatMap((g) => g.map((w) => [w, g.filter((o) => o !== w)] as const)));

/** The other words of `word`'s group ([] when it has none). */
export function variantsOf(word: string): readonly string[] {
  return VARIANTS.get(word) ?? [];
}

/** `text` holds `word` or one of its variants. */
export function holdsVariant(word: string, text: string): boolean {
  for (const v of variantsOf(word)) if (text.includes(v)) return true;
  return false;
}
