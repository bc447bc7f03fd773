// Who and what a question means (issue 10), end to end through the CLI contract (ingest, ask
// --jsonl) on the fixture reports plus bodies renamed from them (test/fixtures/reports/names:
// 平潭综合实验区地方税务局, …市场监督管理局, 宿迁市沭阳县发展和改革局, a 沐阳县 report, 新九镇, 上海市
// 科学技术委员会). The questions are ours; the figures are the reports' own.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../src/domain.js";
import { askJsonl, ingestDirs } from "./helpers/gold.js";
import { DIST, EXTRA, FIXTURES, PINGTAN, ROOT, SEEDS } from "./helpers/reports.js";

const NAMES = join(FIXTURES, "names");
const SHANGHAI = join(FIXTURES, "shanghai-2019-html");

/** [question, first figure, texts the reply holds] */
const VALUES: [string, number, string[]][] = [
  // A short name for two bodies, decided by the year only one of them has.
  ["平潭2021年行政复议多少件", 3, ["平潭综合实验区管委会2021年"]],
  // Department abbreviations by rule, under the region's short name.
  ["平潭地税局2021年行政复议多少件", 3, ["平潭综合实验区地方税务局2021年"]],
  ["平潭市监局2024年行政复议多少件", 7, ["平潭综合实验区市场监督管理局2024年"]],
  ["平潭市场监管局2024年行政诉讼多少件", 19, ["市场监督管理局"]],
  ["沭阳县发改局2020年行政处罚多少件", 543, ["宿迁市沭阳县发展和改革局2020年"]],
  ["沭阳发改局2020年行政处罚多少件", 543, ["发展和改革局"]],
  // A name one character off with one held name it can be, and the year leaving one body: answered, saying how it was read.
  ["长受区2018年行政复议多少件", 15, ["（“长受区”按“长寿区”理解。）", "重庆市长寿区人民政府2018年"]],
  ["沐阳县发改局2020年行政处罚多少件", 543, ["（“沐阳县发改局”按“沭阳县发改局”理解。）", "宿迁市沭阳县发展和改革局2020年"]],
  ["上海市科委2019年收到申请多少件", 859, ["上海市科学技术委员会2019年"]],
  // A department typed by its own name, no place (its 与 had read as joining two questions, and every
  // body held was ranked), in full and abbreviated.
  ["交通与建设局2021年行政复议多少件", 3, ["平潭综合实验区交通与建设局2021年"]],
  ["2021年交建局行政复议多少件", 3, ["平潭综合实验区交通与建设局2021年"]],
  ["科委2019年收到申请多少件", 859, ["上海市科学技术委员会2019年"]],
  // …its place said with 的, or its abbreviation without 局 (平潭地税 had answered the zone itself).
  ["平潭综合实验区的交通与建设局2021年行政复议多少件", 3, ["平潭综合实验区交通与建设局2021年"]],
  ["平潭地税2021年行政复议多少件", 3, ["平潭综合实验区地方税务局2021年"]],
  // A government's office is a body of its own.
  ["上海市政府办公厅2019年行政复议多少件", 7, ["上海市人民政府办公厅2019年"]],
  ["上海市政府办2019年收到申请多少件", 859, ["上海市人民政府办公厅"]],
  // A report that spells its county 沐阳县 is found by the real name.
  ["沭阳县2018年行政复议多少件", 15, ["沐阳县人民政府2018年"]],
  // A township found under its county, which its report never names.
  ["盐边县新九镇2018年行政诉讼多少件", 1, ["新九镇人民政府2018年"]],
  // Several metrics typed apart.
  ["长寿区 2018 复议 诉讼", 15, ["行政复议：15件", "行政诉讼：7件"]],
  ["长寿区2018年行政复议和诉讼", 15, ["行政诉讼：7件"]],
  // A province none of whose bodies is its own: the bodies inside it.
  ["江苏省2024年行政复议多少件", 351, ["没有江苏省本级的报告", "淮安市洪泽区人民政府（2024年）2件"]],
];

/** [question, texts the reply holds, texts it must not hold] */
const TEXTS: [string, string[], string[]][] = [
  // A province covers every body inside it, though their text never names it.
  ["江苏省有哪些报告", ["淮安市洪泽区：2023年、2024年", "淮安市：2024年", "宿迁市沭阳县发展和改革局：2020年"], ["平潭"]],
  ["淮安市有哪些报告", ["淮安市洪泽区", "淮安市：2024年"], ["沭阳"]],
  ["2019年有哪些报告", ["库中2019年共4份报告", "蚌埠市：2019年", "上海市人民政府办公厅：2019年"], ["重庆市长寿区"]],
  ["长寿区2019年的报告", ["没有重庆市长寿区2019年的报告。现有：2018年。"], []],
  ["沭阳有哪些报告", ["宿迁市沐阳县：2018年", "宿迁市沭阳县发展和改革局：2020年"], []],
  // The bodies inside the one named, ranked without it (it had answered the zone's own figure).
  [
    "平潭综合实验区各部门2021年收到申请排名",
    ["不含平潭综合实验区本级的报告", "1. 平潭综合实验区地方税务局（2021年）70件", "2. 平潭综合实验区交通与建设局（2021年）70件"],
    ["平潭综合实验区管委会"],
  ],
  ["2024年平潭综合实验区各部门行政处罚最多的是哪个", ["1. 平潭综合实验区市场监督管理局（2024年）1100件"], ["管委会"]],
  ["淮安市哪个区2024年行政复议最多", ["不含淮安市本级的报告", "1. 淮安市洪泽区人民政府（2024年）2件"], ["351"]],
  ["淮安市各部门2024年收到申请排名", ["库中没有淮安市下属部门的报告，无从排列。", "3119"], []],
  // Every year held, each ranked on its own; the counts are true.
  [
    "哪个地区收到的申请最多",
    ["2024年收到政府信息公开申请数", "2018年收到政府信息公开申请数", "重庆市长寿区人民政府（2018年）359件"],
    ["只有这一份报告有此项数据"],
  ],
  ["哪个地区信息公开工作人员最多", ["蚌埠市人民政府（2019年）563人", "重庆市长寿区人民政府（2018年）84人"], ["只有这一份报告有此项数据"]],
  ["哪些地区有行政诉讼", ["淮安市人民政府（2024年）46件", "重庆市长寿区人民政府（2018年）7件"], ["淮安市洪泽区人民政府（2023年）0件"]],
  ["2019年哪个地区收到的申请最多", ["（2019年）859件", "共4份报告有此项"], ["2024年"]],
  // A sum, not a ranking.
  ["2019年全部地区行政复议一共多少件", ["合计：31件", "蚌埠市人民政府 16", "南昌市西湖区人民政府 1"], ["从多到少"]],
  // A column asked over the library says which column (it had read "收到政府信息公开申请数合计：3096件").
  ["江苏省2024年自然人申请一共多少", ["收到政府信息公开申请数（自然人）合计：3096件", "淮安市人民政府 3001"], []],
  ["福建自然人申请的情况", ["收到政府信息公开申请数（自然人）从多到少", "平潭综合实验区管委会（2024年）217件"], []],
  // Nothing to check for the bodies and years asked: said so, not "0份报告中没有发现数据矛盾".
  ["长寿区2024年有没有矛盾", ["没有重庆市长寿区2024年的报告"], ["0份报告"]],
  // Nothing asked but a number: which figure? (It had said the report gives no “” figure.)
  ["平潭综合实验区2024年是多少", ["问的是平潭综合实验区管委会2024年报告中的哪一项"], ["“”"]],
  // The reports whose figures contradict each other.
  [
    "哪些报告的数据有矛盾",
    ["数据有矛盾", "淮安市洪泽区人民政府2023年：行政复议印为 0，但分项之和为 11", "重庆市长寿区人民政府2018年"],
    ["益阳市资阳区人民政府2020年"],
  ],
  // A vague question about a body: its report card.
  ["长寿区情况怎么样", ["重庆市长寿区人民政府2018年政府信息公开工作年度报告", "行政复议：15件"], ["怎幺样"]],
  // A department its government does not answer for.
  ["长寿区民政局2018年行政复议多少件", ["没有“长寿区民政局”的报告"], ["15件"]],
  // …nor is a department typed with no place a question over every body held.
  ["民政局2018年行政复议多少件", ["没有“民政局”的报告"], ["15件", "从多到少"]],
  ["长寿区的民政局2018年行政复议多少件", ["没有“长寿区民政局”的报告"], ["15件"]],
  // Two departments typed by their own names, compared by name (it had said "2021年比2021年").
  [
    "交通与建设局和地方税务局2021年行政复议对比",
    ["平潭综合实验区交通与建设局2021年行政复议：3件", "平潭综合实验区地方税务局2021年行政复议：3件", "相同"],
    ["2021年比2021年", "没有"],
  ],
  ["平潭综合实验区和交通与建设局2021年行政复议对比", ["平潭综合实验区管委会2021年行政复议：3件", "平潭综合实验区交通与建设局2021年行政复议：3件"], ["没有"]],
  // A place typed before a body in it only places the body: not a comparison of the two.
  ["平潭潭城镇2024年行政复议多少件", ["平潭综合实验区潭城镇人民政府2024年行政复议：7件"], ["平潭综合实验区管委会", "比"]],
  ["平潭综合实验区潭城镇2024年行政复议多少件", ["平潭综合实验区潭城镇人民政府2024年行政复议：7件"], ["平潭综合实验区管委会", "比"]],
];

/** [question, the words a choice replaces, choices] */
const ASKED_BACK: [string, string, string[]][] = [
  ["平潭行政复议多少件", "平潭", ["平潭综合实验区", "福州市平潭县"]],
  // …with no year asked, nothing says which report: asked back.
  ["长受区行政复议多少件", "长受区", ["长寿区"]],
  ["沐阳县发改局行政处罚多少件", "沐阳县发改局", ["沭阳县发改局"]],
];

let db = "";
beforeAll(() => {
  const res = ingestDirs([SEEDS, PINGTAN, EXTRA, NAMES, SHANGHAI]);
  if (res.status !== 0) throw new Error(res.stderr);
  db = res.db;
}, 240_000);

describe("who and what a question means, through ask --jsonl", () => {
  let answers: Answer[];
  const questions = [...VALUES.map((v) => v[0]), ...TEXTS.map((t) => t[0]), ...ASKED_BACK.map((a) => a[0])];
  beforeAll(() => {
    answers = askJsonl(db, questions);
  }, 240_000);
  const byQ = (q: string) => answers[questions.indexOf(q)]!;

  it.each(VALUES)("%s → %d", (q, value, texts) => {
    const a = byQ(q);
    expect(a.answers[0]?.value, a.text).toBe(value);
    for (const t of texts) expect(a.text).toContain(t);
  });

  it.each(TEXTS)("%s", (q, has, hasNot) => {
    const a = byQ(q);
    for (const t of has) expect(a.text).toContain(t);
    for (const t of hasNot) expect(a.text).not.toContain(t);
  });

  it.each(ASKED_BACK)("%s → asked back", (q, choiceFor, choices) => {
    const a = byQ(q);
    expect(a.answers).toEqual([]);
    expect(a.choiceFor).toBe(choiceFor);
    expect(a.choices).toEqual(choices);
  });

  it("a total's first item is the sum, its parts in the note", () => {
    const a = byQ("2019年全部地区行政复议一共多少件");
    expect(a.answers[0]).toMatchObject({ value: 31, year: 2019, source: "derived" });
  });
});

/**
 * Questions put together from the parts people type — a body or place (held, unheld, an area, two
 * of them), years (one, two, a range, 去年, 近三年), a metric (one, two, none, prose only) and what is
 * asked of it (多少, 对比, 趋势, 最多, 一共, 同比, 占比 …) — in every combination a fixed shuffle picks.
 * None may fail ("出错了": 36 of 1,500 did, years compared with no body named), and none may answer
 * with another year than those asked without saying so.
 */
describe("questions of every shape", () => {
  const REGIONS = [
    "",
    "平潭",
    "平潭县",
    "长寿区",
    "西湖区",
    "淮安市",
    "洪泽区和淮安市",
    "江苏省",
    "宣威",
    "长寿区和平潭县",
    "上海市人民政府办公厅",
    "福建",
    "新乡市",
  ];
  const YEARS = ["", "2024年", "2021年和2024年", "2019到2021年", "去年", "近三年", "2018年度", "2023年比2024年", "今年"];
  const METRICS = [
    "",
    "行政复议",
    "收到申请",
    "主动公开政府信息",
    "行政处罚",
    "不予公开",
    "自然人申请",
    "网上申请",
    "收费",
    "访问量",
    "存在问题",
    "行政复议和诉讼",
  ];
  const TAILS = [
    "多少",
    "多少件",
    "对比",
    "趋势",
    "最多的是哪个",
    "一共多少",
    "有哪些",
    "分别多少",
    "占比",
    "同比增长多少",
    "比上年多吗",
    "是多少？",
    "",
    "的情况",
    "排名前三",
    "有没有矛盾",
  ];
  const questions: string[] = [];
  let seed = 7;
  // (The generator's high bits: its low ones repeat in short cycles.)
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65536) % n);
  for (let tries = 0; questions.length < 600 && tries < 20_000; tries++) {
    const q = REGIONS[next(REGIONS.length)]! + YEARS[next(YEARS.length)]! + METRICS[next(METRICS.length)]! + TAILS[next(TAILS.length)]!;
    if (q && !questions.includes(q)) questions.push(q);
  }
  let answers: Answer[];
  beforeAll(() => {
    answers = askJsonl(db, questions);
  }, 240_000);

  it("none fails", () => {
    expect(answers.filter((a) => a.text.startsWith("出错了")).map((a) => `${a.question}: ${a.text}`)).toEqual([]);
  });

  it("none answers another year than asked without saying so", () => {
    const silent = answers.filter((a) => {
      const asked = [...a.question.matchAll(/20\d\d/g)].map((m) => Number(m[0]));
      const range = /(20\d\d)年?到(20\d\d)/.exec(a.question);
      if (range) for (let y = Number(range[1]); y <= Number(range[2]); y++) asked.push(y);
      const against = /比上年|同比/.test(a.question) ? asked.map((y) => y - 1) : [];
      if (asked.length === 0) return false;
      const other = a.answers.filter((x) => x.year !== null && !asked.includes(x.year) && !against.includes(x.year));
      return other.length > 0 && !/没有.{0,40}年的报告|按最新|用最新/.test(a.text);
    });
    expect(silent.map((a) => `${a.question}: ${a.text.slice(0, 80)}`)).toEqual([]);
  });
});

describe("did you mean, for a name the gazetteer spells otherwise", () => {
  it("沐阳 → 沭阳 when only 沭阳 is held", () => {
    const { db } = ingestDirs([join(NAMES, "shuyang_fagai_2020.txt"), join(SEEDS, "000_2d63126c8570951a.txt")]);
    const [a] = askJsonl(db, ["沐阳有哪些报告"]);
    expect(a!.choices).toContain("沭阳");
    expect(a!.text).toContain("您是不是要找");
  }, 120_000);
});

/** The local chat (`npm run cli -- chat`, what `npm start` opens without a token), piped. */
function chat(lines: string[]): string {
  const res = spawnSync(process.execPath, [DIST.cli, "chat", "--db", db], {
    cwd: ROOT,
    input: lines.join("\n") + "\n",
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: "", NIANBAO_DB: db },
  });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout;
}

describe("follow-ups in the local chat", () => {
  it("那2024年呢, 行政复议呢, 予以公开多少件, 占比呢 complete the last question", () => {
    const out = chat(["洪泽区2023年行政诉讼多少件", "那2024年呢", "行政复议呢", "予以公开多少件", "占比呢"]);
    expect(out).toContain("（接上文，按“淮安市洪泽区2024年行政诉讼多少件”理解。）\n淮安市洪泽区人民政府2024年行政诉讼：4件");
    expect(out).toContain("淮安市洪泽区人民政府2024年行政复议：2件");
    expect(out).toContain("淮安市洪泽区人民政府2024年予以公开（同意公开）：50件");
    expect(out).toContain("予以公开（同意公开）占办理结果总计的比例：52.63%（50 ÷ 95）");
  }, 120_000);

  it("和资阳区比呢 compares with the last body, each in a year it has", () => {
    const out = chat(["长寿区2018年行政复议多少件", "和资阳区比呢"]);
    expect(out).toContain("按“重庆市长寿区2018年和资阳区行政复议对比”理解");
    expect(out).toContain("（益阳市资阳区没有2018年的报告，用最新的2020年报告。）");
    expect(out).toContain("资阳区（2020年）比长寿区（2018年）少 15件");
  }, 120_000);

  it("a number picks a choice offered; a question of its own is not a follow-up", () => {
    const out = chat(["平潭行政复议多少件", "2", "长受区行政诉讼多少件", "1", "哪个地区收到的申请最多"]);
    expect(out).toContain("请回复序号选择：1. 平潭综合实验区  2. 福州市平潭县");
    expect(out).toContain("❓ 福州市平潭县行政复议多少件\n平潭县人民政府2013年行政复议");
    expect(out).toContain("❓ 长寿区行政诉讼多少件\n重庆市长寿区人民政府2018年行政诉讼：7件");
    expect(out).not.toContain("按“重庆市长寿区2018年哪个地区");
  }, 120_000);
});
