// Printing the tables as text: the 2016 统计表 with " |" pipes (seed 002: one row a line; seed 000:
// one cell a line) and the 2019/2021 tables one cell a line with blank lines between (seed 001).
// The PDF layout (labels first, values column by column) is in generate-pdf.ts.
import type { Art20Group, Table3 } from "./generate-gbf.js";
import { outcomeIds, TABLE3_COLUMNS, TABLE4_IDS } from "./generate-gbf.js";
import type { Identity } from "./generate-identity.js";
import type { StatRow } from "./generate-stat.js";
import type { Rng } from "./random.js";

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红辉建国文斌波宁鹏飞俊峰春梅兰海燕林亮志凯浩宇晨欣怡佳琳雪婷颖倩晓东旭".split("");

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : "");
}

// ── 2016 统计表 ─────────────────────────────────────────────────────────────────────────────

/** The 统计表 with its caption and footer, as "pipes" (row a line) or "cell-per-line". */
export function renderStat(rng: Rng, id: Identity, rows: readonly StatRow[], cellPerLine: boolean): string {
  const out: string[] = [];
  out.push(rng.pick(["政府信息公开情况统计表", `${id.org}政府信息公开情况统计表`, `${id.year}年度政府信息公开情况统计表`]));
  out.push(`（${id.year}年度）`);
  out.push(`填报单位（盖章）：${id.office}`);
  const head = [rng.chance(0.6) ? "统 计 指 标" : "统计指标", "单位", rng.chance(0.8) ? "统计数" : "统 计 数"];
  const cells = [head, ...rows.map((r) => [r.label, r.unit, r.cell])];
  for (const row of cells) {
    if (cellPerLine) for (const c of row) out.push(c ? `${c} |` : "|");
    else out.push(row.map((c) => (c ? `${c} |` : "|")).join(" "));
  }
  const signed = rng.chance(0.6);
  const [a, b, c] = signed ? [personName(rng), personName(rng), personName(rng)] : ["", "", ""];
  out.push(`单位负责人：${a} 审核人：${b} 填 报 人：${c}`);
  const date = `${id.year + 1}.${rng.int(1, 3)}.${rng.int(1, 28)}`;
  out.push(signed ? `联系电话：${phone(rng)} 填报日期：${date}` : "联系电话： 填报日期：");
  return out.join("\n");
}

export function phone(rng: Rng): string {
  return `0${rng.int(10, 999)}-${rng.int(2, 8)}${String(rng.int(0, 9999999)).padStart(7, "0")}`;
}

// ── 2019 / 2021 tables: row structures shared by both layouts ───────────────────────────────

/** A 表三 row: a label, and the metric whose seven cells follow (none for a heading). */
export interface LabelRow {
  label: string;
  metric?: string;
}

const T3_LABELS: Record<string, string> = {
  "requests.result.granted": "（一）予以公开",
  "requests.result.partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  "requests.result.withheld.state_secret": "1.属于国家秘密",
  "requests.result.withheld.other_law": "2.其他法律行政法规禁止公开",
  "requests.result.withheld.security_stability": "3.危及“三安全一稳定”",
  "requests.result.withheld.third_party": "4.保护第三方合法权益",
  "requests.result.withheld.internal_affairs": "5.属于三类内部事务信息",
  "requests.result.withheld.process_info": "6.属于四类过程性信息",
  "requests.result.withheld.enforcement_file": "7.属于行政执法案卷",
  "requests.result.withheld.admin_query": "8.属于行政查询事项",
  "requests.result.unable.not_held": "1.本机关不掌握相关政府信息",
  "requests.result.unable.needs_creation": "2.没有现成信息需要另行制作",
  "requests.result.unable.still_unclear": "3.补正后申请内容仍不明确",
  "requests.result.not_processed.petition_complaint": "1.信访举报投诉类申请",
  "requests.result.not_processed.duplicate": "2.重复申请",
  "requests.result.not_processed.publication": "3.要求提供公开出版物",
  "requests.result.not_processed.mass_repeat": "4.无正当理由大量反复申请",
  "requests.result.not_processed.confirm_reissue": "5.要求行政机关确认或重新出具已获取信息",
  "requests.result.other": "（六）其他处理",
  "requests.result.other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "requests.result.other.fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  "requests.result.other.misc": "3.其他",
};

/** Headings printed before the first row of a group. */
const T3_HEADINGS: Record<string, string> = {
  "requests.result.granted": "三、本年度办理结果",
  "requests.result.withheld.state_secret": "（三）不予公开",
  "requests.result.unable.not_held": "（四）无法提供",
  "requests.result.not_processed.petition_complaint": "（五）不予处理",
  "requests.result.other.no_correction": "（六）其他处理",
};

/** 表三 rows in print order (headings included). */
export function table3Rows(generation: "gbf2019" | "gbf2021"): LabelRow[] {
  const rows: LabelRow[] = [
    { label: "一、本年新收政府信息公开申请数量", metric: "requests.received" },
    { label: "二、上年结转政府信息公开申请数量", metric: "requests.carried_over" },
  ];
  for (const id of outcomeIds(generation)) {
    const heading = T3_HEADINGS[id];
    if (heading) rows.push({ label: heading });
    rows.push({ label: T3_LABELS[id]!, metric: id });
  }
  rows.push({ label: "（七）总计", metric: "requests.result.total" }, { label: "四、结转下年度继续办理", metric: "requests.carried_forward" });
  return rows;
}

/** The header cells of 表三 in reading order (自然人 sometimes lost, as in seed 001). */
export function table3Header(rng: Rng): string[] {
  const note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  const noteCells = rng.chance(0.4) ? [note.slice(0, -3), note.slice(-3)] : [note];
  const natural = rng.chance(0.75) ? ["自然人"] : [];
  return [...noteCells, "申请人情况", ...natural, "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
}

export const TABLE4_HEADER = [
  "行政复议",
  "行政诉讼",
  "结果维持",
  "结果纠正",
  "其他结果",
  "尚未审结",
  "总计",
  "未经复议直接起诉",
  "复议后起诉",
  "结果维持",
  "结果纠正",
  "其他结果",
  "尚未审结",
  "总计",
  "结果维持",
  "结果纠正",
  "其他结果",
  "尚未审结",
  "总计",
];

/** How a 表二 cell prints: signed deltas ("+12") in some reports, units in the 采购 cells. */
export interface Art20Style {
  plusSign: boolean;
  units: boolean;
}

export function art20Cell(col: string, v: number, style: Art20Style): string {
  if (col === "delta" && v > 0 && style.plusSign) return `+${v}`;
  if (style.units && col === "items") return `${v}批次`;
  if (style.units && col === "amount" && v !== 0) return `${v}万元`;
  return String(v);
}

/** Where narrow table cells break their labels (seed 001: "本年新制作" / "数量"). */
const SPLITS: Record<string, readonly [string, string][]> = {
  本年新制作数量: [
    ["本年新制作", "数量"],
    ["本年新制", "作数量"],
  ],
  本年新公开数量: [
    ["本年新", "公开数量"],
    ["本年新公", "开数量"],
  ],
  对外公开总数量: [
    ["对外公开", "总数量"],
    ["对外公开总", "数量"],
  ],
  上一年项目数量: [["上一年", "项目数量"]],
  处理决定数量: [["处理决定", "数量"]],
  本年制发件数: [
    ["本年制", "发件数"],
    ["本年制发", "件数"],
  ],
  本年废止件数: [
    ["本年废", "止件数"],
    ["本年废止", "件数"],
  ],
  现行有效件数: [
    ["现行有", "效件数"],
    ["现行有效", "件数"],
  ],
  本年处理决定数量: [
    ["本年处理", "决定数量"],
    ["本年处理决", "定数量"],
  ],
  "本年收费金额（单位：万元）": [["本年收费金额", "（单位：万元）"]],
  其他对外管理服务事项: [["其他对外管理", "服务事项"]],
};

/** Split a header into two lines as narrow cells do, with probability p. */
export function maybeSplit(rng: Rng, label: string, p: number): string[] {
  const options = SPLITS[label];
  if (!options || !rng.chance(p)) return [label];
  return [...rng.pick(options)];
}

// ── blank-separated (one cell a line, blank lines between) ────────────────────────────────

export function art20Blank(rng: Rng, groups: readonly Art20Group[], style: Art20Style): string[] {
  const cells: string[] = [];
  for (const g of groups) {
    cells.push(g.item, "信息内容", ...g.headers.flatMap((h) => maybeSplit(rng, h, 0.35)));
    for (const r of g.rows) {
      cells.push(...maybeSplit(rng, r.label, 0.5));
      for (const [col, v] of r.values) cells.push(art20Cell(col, v, style));
    }
  }
  return cells;
}

export function table3Blank(rng: Rng, t3: Table3, generation: "gbf2019" | "gbf2021"): string[] {
  const cells = [...table3Header(rng)];
  for (const row of table3Rows(generation)) {
    cells.push(row.label);
    if (row.metric) for (const col of TABLE3_COLUMNS) cells.push(String(t3[col][row.metric] ?? 0));
  }
  return cells;
}

export function table4Blank(t4: Record<string, number>): string[] {
  return [...TABLE4_HEADER, ...TABLE4_IDS.map((k) => String(t4[k] ?? 0))];
}
