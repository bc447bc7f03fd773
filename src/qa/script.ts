// A report written in Traditional characters is read converted to Simplified; what is quoted from it
// is also given back in its own script, so the words the reader sees in the report are in the reply.
import * as OpenCC from "opencc-js";

let toTraditional: ((s: string) => string) | null = null;

/**
 * The quote, and when the report was Traditional the same in Traditional characters.
 *
 *   inReportScript({ traditional: true }, "工作基础需进一步夯实") → "工作基础需进一步夯实\n（原文：工作基礎需進一步夯實）"
 */
export function inReportScript(report: { traditional?: boolean }, quote: string): string {
  if (!report.traditional || !/[\u4e00-\u9fff]/.test(quote)) return quote;
  const convert = (toTraditional ??= OpenCC.Converter({ from: "cn", to: "tw" }));
  const back = convert(quote);
  return back === quote ? quote : `${quote}\n（原文：${back}）`;
}
