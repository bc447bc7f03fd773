// The sentences of a synthetic report that state figures, as real reports write them
// ("全区共收到政府信息公开申请359件", "发生了15件因政府信息公开引起的行政复议", "主动公开政府信息
// 18846条", "全年收取政府信息公开信息处理费 3940 元"). Every figure written is recorded in `said`.
import type { Identity } from "./generate-identity.js";
import type { Rng } from "./random.js";

/** Figures stated so far (metric id → value). */
export type Said = Record<string, number>;

function whole(id: Identity): string {
  return id.level === "department" ? `全${id.place}` : id.place === "街道" ? "全街道" : `全${id.place}`;
}

/** 统计期限 and the usual opening of a report. */
export function introParagraph(rng: Rng, id: Identity): string {
  const basis = rng.pick([
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求",
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定",
    `本报告由${id.office}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制`,
  ]);
  const period = rng.pick([
    `本年报中所列数据的统计期限自${id.year}年1月1日起至12月31日止。`,
    `报告所列统计期限自${id.year}年1月1日至${id.year}年12月31日。`,
    `本报告中所列数据的统计期限为${id.year}年1月1日至${id.year}年12月31日。`,
  ]);
  const web = rng.chance(0.6) ? `本报告的电子版可在${id.region}人民政府网站下载。` : "";
  const ask = rng.chance(0.7) ? `如对本报告有任何疑问，请与${id.office}联系。` : "";
  const compiled = basis.startsWith("本报告") ? `${basis}。` : `${basis}，由${id.office}编制${id.org}${id.year}年政府信息公开工作年度报告。`;
  return compiled + period + web + ask;
}

// ── pre-2019 wording (the 统计表 era, and prose-only reports of those years) ─────────────────

export function staffSentence(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const parts: string[] = [];
  if (rng.chance(0.7) && f["org.units"] !== undefined) {
    parts.push(`设有信息公开工作专门机构${f["org.units"]}个`);
    said["org.units"] = f["org.units"]!;
    if (rng.chance(0.6) && f["org.reading_points"]) {
      parts.push(`设有信息公开查阅点${f["org.reading_points"]}个`);
      said["org.reading_points"] = f["org.reading_points"]!;
    }
  }
  parts.push(`从事政府信息公开的工作人员有${f["staff.total"]}人，其中专职人员${f["staff.fulltime"]}人、兼职人员${f["staff.parttime"]}人`);
  Object.assign(said, { "staff.total": f["staff.total"]!, "staff.fulltime": f["staff.fulltime"]!, "staff.parttime": f["staff.parttime"]! });
  let s = `${id.year}年，${whole(id)}${parts.join("，")}。`;
  if (f["meetings"] || f["training.sessions"]) {
    const m: string[] = [];
    if (f["meetings"]) {
      m.push(`召开政府信息公开工作会议或专题会议${f["meetings"]}次`);
      said["meetings"] = f["meetings"]!;
    }
    if (f["training.sessions"]) {
      m.push(`举办各类培训班${f["training.sessions"]}次，共有${f["training.trainees"]}人次接受培训`);
      Object.assign(said, { "training.sessions": f["training.sessions"]!, "training.trainees": f["training.trainees"]! });
    }
    s += m.join("，") + "。";
  }
  if (f["budget"] && rng.chance(0.7)) {
    s += `使用政府信息公开专项工作经费${f["budget"]}万元。`;
    said["budget"] = f["budget"]!;
  }
  return s;
}

export function proactiveOld(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const total = f["proactive.total"]!;
  let s = rng.pick([
    `${id.year}年，${whole(id)}共主动公开政府信息${total}条。`,
    `全年主动公开各类政府信息${total}条，包括机构职能、政策文件、财政预决算、人事任免等。`,
    `${id.year}年，${id.self}通过多种渠道主动公开政府信息共${total}条。`,
  ]);
  said["proactive.total"] = total;
  if (f["proactive.channel.website"] && rng.chance(0.6)) {
    s += `其中通过政府网站公开信息${f["proactive.channel.website"]}条。`;
    said["proactive.channel.website"] = f["proactive.channel.website"]!;
  }
  if (f["response.interpretations"] && rng.chance(0.6)) {
    s += rng.pick([`发布政策解读信息${f["response.interpretations"]}条`, `政策解读稿件发布${f["response.interpretations"]}篇`]);
    said["response.interpretations"] = f["response.interpretations"]!;
    if (f["response.hotspots"]) {
      s += `，回应公众关注热点或重大舆情${f["response.hotspots"]}次`;
      said["response.hotspots"] = f["response.hotspots"]!;
    }
    s += "。";
  }
  return s;
}

export function requestsOld(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const n = f["requests.received"]!;
  said["requests.received"] = n;
  if (n === 0) return rng.pick([`${id.year}年，${whole(id)}共收到政府信息公开申请0件。`, `${id.year}年，${id.self}未收到政府信息公开申请。`]);
  const head = rng.pick([`${id.year}年，${whole(id)}共收到政府信息公开申请${n}件`, `全年共受理政府信息公开申请${n}件`]);
  const late = f["requests.closed.late"] ?? 0;
  const tail = late === 0 ? "，全部按时办结" : `，按时办结${f["requests.closed.on_time"]}件，延期办结${late}件`;
  const detail = rng.chance(0.6)
    ? `。其中属于已主动公开范围的${f["requests.result.already_public"]}件，同意公开答复的${f["requests.result.granted"]}件，同意部分公开答复的${f["requests.result.partial"]}件，不同意公开的${f["requests.result.withheld"]}件`
    : "";
  return `${head}${tail}${detail}。`;
}

export function disputesOld(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const r = f["review.total"]!;
  const l = f["litigation.total"]!;
  if (r === 0 && l === 0) {
    Object.assign(said, { "review.total": 0, "litigation.total": 0 });
    return rng.pick([`${id.year}年，${id.self}未发生因政府信息公开引起的行政复议和行政诉讼。`, `全年未发生因政府信息公开申请提起的行政复议、行政诉讼案件。`]);
  }
  const one = (base: "review" | "litigation", word: string, upheld: string): string => {
    const t = f[`${base}.total`]!;
    said[`${base}.total`] = t;
    if (t === 0) return `未发生因政府信息公开引起的${word}`;
    Object.assign(said, { [`${base}.upheld`]: f[`${base}.upheld`]!, [`${base}.corrected`]: f[`${base}.corrected`]!, [`${base}.other`]: f[`${base}.other`]! });
    return `发生了${t}件因政府信息公开引起的${word}，${upheld}${f[`${base}.upheld`]}件，被依法纠错数${f[`${base}.corrected`]}件，其他情形数${f[`${base}.other`]}件`;
  };
  return `${id.year}年，${whole(id)}${one("review", "行政复议", "维持具体行政行为数")}。${one("litigation", "行政诉讼", "维持具体行政行为或者驳回原告诉讼请求数")}。`;
}

export function feesOld(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const fee = f["fees.requests"] ?? 0;
  if (fee === 0)
    return rng.pick([
      `${id.year}年，${whole(id)}各级行政机关在依申请公开工作中，均未收取检索、复制、邮寄等成本费用。`,
      "全年未收取任何政府信息公开相关费用，也不存在减免情况。",
    ]);
  said["fees.requests"] = fee;
  return `${id.year}年，${whole(id)}依申请公开信息收取的费用共计${fee}万元，均按规定标准收取。`;
}

// ── 2019 / 2021 wording ─────────────────────────────────────────────────────────────────────

export function proactiveNew(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  let s = `（一）主动公开情况。${id.year}年，${rng.pick(["", "政府门户网站", id.self])}主动公开${rng.pick(["各类", ""])}政府信息${f["proactive.total"]}条`;
  said["proactive.total"] = f["proactive.total"]!;
  if (f["response.interpretations"]) {
    s += `，通过文字、图片等形式制作政策解读${f["response.interpretations"]}个`;
    said["response.interpretations"] = f["response.interpretations"]!;
  }
  if (f["response.press_conferences"]) {
    s += `，组织召开新闻发布会${f["response.press_conferences"]}场`;
    said["response.press_conferences"] = f["response.press_conferences"]!;
  }
  return s + "。";
}

export function requestsNew(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const n = f["requests.received"]!;
  said["requests.received"] = n;
  let s = `（二）依申请公开情况。${id.year}年，${whole(id)}共${rng.pick(["受理", "收到"])}政府信息公开申请${n}件`;
  if (n > 0 && rng.chance(0.6)) {
    const co = f["requests.carried_over"]!;
    const fw = f["requests.carried_forward"]!;
    s += `，答复${f["requests.result.total"]}件（含上年度结转申请${co}件，另有${fw}件顺延到下年度答复）`;
    Object.assign(said, { "requests.result.total": f["requests.result.total"]!, "requests.carried_over": co, "requests.carried_forward": fw });
  }
  return s + (n > 0 ? "，均在法定期限内予以答复。" : "。");
}

/** 表三 in words (prose-only reports): outcome groups of the total column. */
export function requestsBreakdown(rng: Rng, id: Identity, f: Record<string, number>, said: Said): string {
  const group = (prefix: string) =>
    Object.entries(f)
      .filter(([k]) => k === prefix || k.startsWith(prefix + "."))
      .reduce((a, [, v]) => a + v, 0);
  const n = f["requests.received"]!;
  said["requests.received"] = n;
  if (n === 0 && !f["requests.carried_over"]) return `${id.year}年，${id.self}未收到政府信息公开申请。`;
  const parts: string[] = [];
  for (const [metric, label] of [
    ["requests.result.granted", "予以公开"],
    ["requests.result.partial", "部分公开"],
    ["requests.result.withheld", "不予公开"],
    ["requests.result.unable", "无法提供"],
    ["requests.result.not_processed", "不予处理"],
    ["requests.result.other", "其他处理"],
  ] as const) {
    const v = group(metric);
    if (v === 0 && rng.chance(0.6)) continue;
    parts.push(`${label}${v}件`);
    said[metric] = v;
  }
  const co = f["requests.carried_over"] ?? 0;
  const fw = f["requests.carried_forward"] ?? 0;
  Object.assign(said, { "requests.carried_over": co, "requests.carried_forward": fw });
  return `${id.year}年，${whole(id)}共收到政府信息公开申请${n}件，上年结转${co}件。办理结果中，${parts.join("，") || "均已办结"}；结转下年度继续办理${fw}件。`;
}

export function disputesNew(rng: Rng, f: Record<string, number>, said: Said): string {
  const sum = (k: string) => (f[`litigation.direct.${k}`] ?? 0) + (f[`litigation.after_review.${k}`] ?? 0);
  const part = (base: "review" | "litigation", word: string): string => {
    const get = (k: string) => (base === "review" ? f[`review.${k}`]! : sum(k));
    const total = get("total");
    said[`${base}.total`] = total;
    if (total === 0)
      return rng.pick([
        `未发生因政府信息公开引起的${word}`,
        `未发生因政府信息公开工作${base === "review" ? "被申请" : "被提起"}${word}的情况`,
        `政府信息公开${word}0件`,
      ]);
    const items: string[] = [];
    for (const [k, label] of [
      ["upheld", "结果维持"],
      ["corrected", "结果纠正"],
      ["other", "其他结果"],
      ["pending", "尚未审结"],
    ] as const) {
      if (get(k) === 0 && rng.chance(0.5)) continue;
      items.push(`${label}${get(k)}件`);
      said[`${base}.${k}`] = get(k);
    }
    return `政府信息公开${word}${total}件${items.length ? `，其中${items.join("，")}` : ""}`;
  };
  if (f["review.total"] === 0 && sum("total") === 0 && rng.chance(0.6)) {
    Object.assign(said, { "review.total": 0, "litigation.total": 0 });
    return rng.pick(["全年未发生因政府信息公开引起的行政复议、行政诉讼案件。", "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"]);
  }
  return `${part("review", "行政复议")}；${part("litigation", "行政诉讼")}。`;
}

export function feesNew(rng: Rng, id: Identity, fee: number, said: Said): string {
  said["fees.info_processing"] = fee;
  if (fee === 0) return rng.pick([`${id.year}年，${id.self}未收取政府信息公开信息处理费。`, "本年度未收取信息处理费。"]);
  return `${id.year}年，${id.self}严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费${fee}元。`;
}
