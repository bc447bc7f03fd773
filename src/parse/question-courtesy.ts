// What a question says to be polite, not what it asks: an opening (请问, 我想知道, 麻烦帮我查一下,
// 能告诉我) and a closing particle, thanks or request to answer (呢, 吗, 谢谢, 请回答). Read as words
// of the question they had named the metric ("我想知道…访问量" asked for a figure called 我想知道…访问量)
// or hidden that it asks for a number ("…访问量呢" ends in 呢, not in 量).

/** An opening, on the question squeezed of spaces and punctuation. */
const OPENING =
  /^(?:你好|您好)?(?:请问(?:一下)?|麻烦(?:你|您)?(?:帮我|帮忙)?(?:查询|查|问|看)?(?:一下)?|我?想(?:要)?(?:知道|了解|问问?|查查?|请教|咨询)(?:一下)?|(?:能|可以)(?:不能|否)?(?:告诉|帮)我(?:查询|查|看|找)?(?:一下)?|请(?:你|您)?(?:帮我)?(?:告诉我|查询|查一下|问一下|帮忙查一下)|帮(?:我|忙)(?:查询|查|看|找)(?:一下)?|查询一下|查一下|问一下|告诉我)/;
/** A closing: thanks, a request to answer (请回答, 请告诉我), then sentence-final particles. */
const CLOSING =
  /(?:谢谢(?:你|您)?|多谢|(?:请|麻烦)(?:你|您)?(?:回答|回复|告诉我|告知|解答|查一下|帮忙查一下)(?:一下)?|望(?:告知|回复|解答))$|(?:呢|吗|嘛|啊|呀|吧|哈|哦)+$/;

/**
 * The question without its courtesy, on text squeezed of spaces and punctuation.
 *
 *   stripCourtesy("我想知道平潭综合实验区2012年政府信息公开专栏访问量呢") → "平潭综合实验区2012年政府信息公开专栏访问量"
 */
export function stripCourtesy(q: string): string {
  let out = q;
  for (let round = 0; round < 3; round++) {
    const next = out.replace(OPENING, "").replace(CLOSING, "");
    if (next === out || next.length < 2) break;
    out = next;
  }
  return out;
}

/** Courtesy and nothing else ("谢谢", "麻烦了"): a clause of a question that asks nothing. */
export function onlyCourtesy(q: string): boolean {
  return /^(?:谢谢(?:你|您)?(?:了)?|多谢|麻烦(?:你|您)?了|辛苦(?:你|您)?了)$/.test(q) || (q.length > 0 && q.replace(OPENING, "").replace(CLOSING, "") === "");
}
