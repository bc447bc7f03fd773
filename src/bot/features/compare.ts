// /compare <a> <b> [year] [metric] → one comparison question for the core, e.g.
// "/compare 长寿区 资阳区 行政复议" → "长寿区和资阳区行政复议对比".
import { Composer } from "grammy";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { askInChat } from "../respond.js";

const YEAR = /^((?:19|20)\d{2})年?$/;

/** The comparison question, or undefined when fewer than two places were given. */
export function comparisonQuestion(args: string): string | undefined {
  const words = args
    .normalize("NFKC")
    .split(/[\s,，、]+/)
    .filter((w) => w !== "" && !/^(和|与|跟|vs\.?)$/i.test(w));
  if (words.length < 2) return undefined;
  const [a, b, ...rest] = words;
  const yearIndex = rest.findIndex((w) => YEAR.test(w));
  const year = yearIndex === -1 ? "" : `${YEAR.exec(rest[yearIndex])?.[1]}年`;
  const metric = rest.filter((_, i) => i !== yearIndex).join("");
  return `${a}和${b}${year}${metric}对比`;
}

export function compareFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.filter(isCommand("compare"), async (ctx) => {
    const question = comparisonQuestion((ctx.command?.args ?? "").slice(0, 200));
    if (!question) {
      await ctx.reply("用法：/compare 甲 乙 [年份] [指标]，例如 /compare 长寿区 资阳区 行政复议");
      return;
    }
    await askInChat(ctx, question, { echo: question });
  });
  return feature;
}
