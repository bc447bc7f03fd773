// Answers people can check and reuse, through the bot with the real core over fixture reports and
// a recording fake Bot API: the 原文 button sends the stored file, 表格 shows the table with the
// figure's row and cell marked, a trend comes with a PNG chart drawn with the CJK font, /export's
// CSV parses back to the answers' figures, /ingest fetches an address from a site on 127.0.0.1,
// and 更多 pages through search hits. Every button press is answered, forged ones too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ONLY } from "../../src/bot/auth.js";
import { createBot } from "../../src/bot/bot.js";
import { missingGlyphs, renderAnswerChart } from "../../src/chart.js";
import { fetchReport } from "../../src/fetch-report.js";
import { type CoreLibrary, createLibrary } from "../../src/library.js";
import { memoryAdapter, openDb } from "../../src/store/db.js";
import { memoryOriginalStore } from "../../src/store/originals.js";
import { pngSize } from "../helpers/png.js";
import { EXTRA, EXTRA_FILES, FIXTURES, SEED, SEEDS } from "../helpers/reports.js";
import { type Site, serveSite } from "../helpers/web.js";
import { ADMIN_ID, type ApiCall, BOT_INFO, callbackUpdate, memoryBotStore, messageUpdate, recorder, silentLogger, USER_ID } from "./helpers.js";

const FILES = [
  [EXTRA, EXTRA_FILES.hongze2023],
  [EXTRA, EXTRA_FILES.hongze2024],
  [EXTRA, EXTRA_FILES.huaian2024],
  [SEEDS, SEED.changshou],
  [SEEDS, SEED.xiaobanqiao],
] as const;
const PAGE = readFileSync(join(FIXTURES, "pingtan-2024-html/input.html"));

let lib: CoreLibrary;
let site: Site;

beforeAll(async () => {
  lib = await createLibrary({ db: await openDb(memoryAdapter()), originals: memoryOriginalStore() });
  for (const [dir, file] of FILES) {
    const res = await lib.ingestFile(file, readFileSync(join(dir, file)));
    if (!res.ok) throw new Error(`${file}: ${res.error}`);
  }
  site = await serveSite({ "/zwgk/ndbg/t20250114_8765329.html": { body: PAGE } });
});
afterAll(() => site.close());

function bot() {
  const api = recorder();
  const b = createBot(
    "123:TEST",
    {
      library: lib,
      botStore: memoryBotStore(),
      logger: silentLogger,
      settings: { adminIds: [ADMIN_ID], maxUploadMb: 5, rateLimitPerMinute: 1000 },
      reuse: lib,
      chart: renderAnswerChart,
      fetchReport: (address) => fetchReport(address, { maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000 }),
    },
    { botInfo: BOT_INFO },
  );
  b.api.config.use(api.transformer);
  return { bot: b, api };
}

type Button = { text: string; callback_data: string };
function buttons(call: ApiCall | undefined): Button[] {
  const markup = call?.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}
const lastWithButtons = (calls: ApiCall[]) => calls.filter((c) => buttons(c).length > 0).at(-1);

async function bytesOf(file: unknown): Promise<Uint8Array> {
  expect(file).toBeInstanceOf(InputFile);
  const raw = await (file as InputFile).toRaw();
  if (raw instanceof Uint8Array) return raw;
  const parts: Uint8Array[] = [];
  for await (const p of raw as AsyncIterable<Uint8Array>) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

/** The answer a callback got (text and whether it was an alert). */
const answered = (api: ReturnType<typeof recorder>) => api.of("answerCallbackQuery").map((c) => String(c.payload.text ?? ""));

describe("原文 and 表格", () => {
  it("the 原文 button sends the stored file, byte for byte, under its name", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("洪泽区2024年行政复议多少件"));
    const source = buttons(lastWithButtons(api.of("sendMessage"))).find((x) => x.text.startsWith("📄 原文"))!;
    expect(source.callback_data).toMatch(/^src:[0-9a-f]{16}$/);
    await b.handleUpdate(callbackUpdate(source.callback_data));
    const doc = api.of("sendDocument")[0]!;
    expect(doc.payload.chat_id).toBe(USER_ID);
    const file = doc.payload.document as InputFile;
    expect(file.filename).toBe(EXTRA_FILES.hongze2024);
    expect(Buffer.from(await bytesOf(file)).equals(readFileSync(join(EXTRA, EXTRA_FILES.hongze2024)))).toBe(true);
    expect(String(doc.payload.caption)).toContain("淮安市洪泽区人民政府 2024年报告原文");
    expect(api.of("answerCallbackQuery")).toHaveLength(1);
  });

  it("the 表格 button shows 表四 with the 行政复议 row marked and its 总计 cell bracketed", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("洪泽区2024年行政复议多少件"));
    const table = buttons(lastWithButtons(api.of("sendMessage"))).find((x) => x.text.startsWith("📊 表格"))!;
    await b.handleUpdate(callbackUpdate(table.callback_data));
    const text = api.sent().at(-1)!;
    expect(text).toContain("表四 政府信息公开行政复议、行政诉讼情况");
    const marked = text.split("\n").filter((l) => l.startsWith("▶"));
    expect(marked[0]).toMatch(/^▶ 行政复议\s+1\s+1\s+0\s+0\s+\[2\]$/);
    expect(text).toContain("第 463 行");
  });

  it("in 表三 the row of the figure asked is marked, not another", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("洪泽区2024年予以公开多少件"));
    const table = buttons(lastWithButtons(api.of("sendMessage"))).find((x) => x.text.startsWith("📊 表格"))!;
    await b.handleUpdate(callbackUpdate(table.callback_data));
    const text = api.sent().at(-1)!;
    expect(text).toContain("表三 收到和处理政府信息公开申请情况");
    const marked = text.split("\n").find((l) => l.startsWith("▶"))!;
    expect(marked.startsWith("▶ 予以公开（同意公开）")).toBe(true);
    expect(marked.trimEnd().endsWith("[50]")).toBe(true); // the 总计 column, last
    expect(text.split("\n").filter((l) => l.startsWith("▶"))).toHaveLength(2); // the block's row, and the line naming it
  });

  it("a stale, forged or unknown button is answered, never left spinning", async () => {
    const { bot: b, api } = bot();
    const id = lib.listReports()[0]!.id;
    await b.handleUpdate(callbackUpdate(`tb:${id}:999:zzzzz`));
    await b.handleUpdate(callbackUpdate("tb:../../etc/passwd:1:a"));
    await b.handleUpdate(callbackUpdate("src:0000000000000000"));
    await b.handleUpdate(callbackUpdate("pg:abcdefghij:1"));
    await b.handleUpdate(callbackUpdate("exp:abcdefghij:csv"));
    await b.handleUpdate(callbackUpdate("no such button"));
    expect(answered(api)).toEqual([
      "报告已重新读取，这个按钮已经失效了，请重新提问。",
      "这个按钮无效。",
      "这份报告已不在库中，请重新提问。",
      "这个列表已过期，请重新查询。",
      "这个导出已过期，请重新发送 /export。",
      "这个按钮已经失效了。",
    ]);
    expect(api.of("sendDocument")).toHaveLength(0);
    expect(api.of("sendMessage")).toHaveLength(0);
  });
});

describe("charts", () => {
  it("a trend answer comes with a PNG chart of checked size whose Chinese title the font draws", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("洪泽区2023到2024年行政许可"));
    const photo = api.of("sendPhoto")[0]!;
    expect(photo.payload.chat_id).toBe(USER_ID);
    const { width, height } = pngSize(await bytesOf(photo.payload.photo));
    expect(width).toBeGreaterThan(1120);
    expect(width).toBeLessThan(1500);
    expect(height).toBeGreaterThan(700);
    expect(height).toBeLessThan(1000);
    const title = String(photo.payload.caption);
    expect(title).toBe("淮安市洪泽区行政许可·处理决定数量历年情况");
    expect(missingGlyphs(title)).toEqual([]);
    // The answer's text came first, the chart after it.
    expect(api.calls.findIndex((c) => c.method === "sendMessage")).toBeLessThan(api.calls.findIndex((c) => c.method === "sendPhoto"));
  });

  it("a single figure comes without a chart", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("长寿区2018年行政复议多少件"));
    expect(api.of("sendPhoto")).toHaveLength(0);
  });
});

describe("/export", () => {
  type CsvRow = Record<string, string>;
  const parseCsv = (csv: string): CsvRow[] => parse(csv, { bom: true, columns: true, skip_empty_lines: true }) as CsvRow[];

  it("the CSV of a metric parses back to the very figures the answers give (value and line)", () => {
    const x = lib.exportFigures("行政复议");
    if (!x.ok) throw new Error(x.error);
    expect(x.csv.startsWith("\uFEFF报告编号,机关,")).toBe(true);
    const rows = parseCsv(x.csv);
    expect(rows.length).toBe(FILES.length);
    for (const row of rows) {
      const a = lib.ask(`${row["机关"]}${row["年度"]}年行政复议多少件`);
      expect(a.answers[0], row["机关"]).toBeDefined();
      expect(Number(row["数值"])).toBe(a.answers[0]!.value);
      expect(Number(row["行"])).toBe(a.answers[0]!.line);
      expect(row["原文"]).toBe(a.answers[0]!.evidence);
    }
  });

  it("shows a small export as a table with CSV and JSON buttons; the CSV file round-trips", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("/export 行政复议 江苏省"));
    const msg = lastWithButtons(api.of("sendMessage"))!;
    expect(String(msg.payload.text)).toContain("<pre>");
    const [csv, json] = buttons(msg);
    expect([csv!.text, json!.text]).toEqual(["📎 CSV", "📎 JSON"]);
    await b.handleUpdate(callbackUpdate(csv!.callback_data));
    await b.handleUpdate(callbackUpdate(json!.callback_data));
    const [csvDoc, jsonDoc] = api.of("sendDocument");
    const csvFile = csvDoc!.payload.document as InputFile;
    expect(csvFile.filename).toBe("nianbao-review.total.csv");
    const bytes = await bytesOf(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads Chinese
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows.map((r) => [r["地区"], r["年度"], r["数值"]])).toEqual([
      ["淮安市", "2024", String(lib.ask("淮安市2024年行政复议多少件").answers[0]!.value)],
      ["淮安市洪泽区", "2023", String(lib.ask("洪泽区2023年行政复议多少件").answers[0]!.value)],
      ["淮安市洪泽区", "2024", String(lib.ask("洪泽区2024年行政复议多少件").answers[0]!.value)],
    ]);
    const parsed = JSON.parse(new TextDecoder().decode(await bytesOf(jsonDoc!.payload.document))) as { rows: { value: number }[] };
    expect(parsed.rows.map((r) => String(r.value))).toEqual(rows.map((r) => r["数值"]));
  });

  it("sends a large export (every figure of one report) as CSV and JSON documents at once", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("/export 洪泽区 2024"));
    const docs = api.of("sendDocument");
    expect(docs.map((d) => (d.payload.document as InputFile).filename)).toEqual([
      expect.stringMatching(/^nianbao-[0-9a-f]{16}\.csv$/),
      expect.stringMatching(/\.json$/),
    ]);
    const rows = parseCsv(new TextDecoder().decode(await bytesOf(docs[0]!.payload.document)));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r["原文"] !== "" && Number(r["行"]) > 0)).toBe(true);
  });

  it("says how to use it, and what is missing", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("/export"));
    await b.handleUpdate(messageUpdate("/export 行政复议 2030"));
    expect(api.sent()[0]).toContain("用法：/export 指标");
    expect(api.sent()[1]).toContain("没有2030年的报告");
  });
});

describe("/ingest by address", () => {
  it("fetches the page from the address, reads it like an upload, and 原文 gives the file and the address back", async () => {
    const { bot: b, api } = bot();
    const address = `${site.url}/zwgk/ndbg/t20250114_8765329.html`;
    await b.handleUpdate(messageUpdate(`/ingest ${address}`, { userId: ADMIN_ID }));
    expect(site.requests.map((r) => r.path)).toContain("/zwgk/ndbg/t20250114_8765329.html");
    const reply = api.sent().join("\n");
    expect(reply).toContain("已导入 <b>t20250114_8765329.html</b>");
    expect(reply).toContain(`来源网址：${address}`);
    const report = lib.listReports().find((r) => r.sourceName === "t20250114_8765329.html")!;
    expect(report.year).toBe(2024);
    await b.handleUpdate(callbackUpdate(`src:${report.id}`));
    const doc = api.of("sendDocument")[0]!;
    expect(Buffer.from(await bytesOf(doc.payload.document)).equals(PAGE)).toBe(true);
    expect(String(doc.payload.caption)).toContain(`来源网址：${address}`);
  });

  it("refuses a non-http(s) address and says why; refuses non-admins before fetching anything", async () => {
    const { bot: b, api } = bot();
    const before = site.requests.length;
    await b.handleUpdate(messageUpdate("/ingest file:///etc/passwd", { userId: ADMIN_ID }));
    await b.handleUpdate(messageUpdate(`/ingest ${site.url}/zwgk/ndbg/t20250114_8765329.html`, { userId: USER_ID }));
    expect(api.sent().join("\n")).toContain("只能从 http(s) 网址导入");
    expect(api.sent().at(-1)).toBe(ADMIN_ONLY);
    expect(site.requests.length).toBe(before);
  });
});

describe("更多", () => {
  it("search hits beyond the first five wait behind a 更多 button that sends the next page", async () => {
    const { bot: b, api } = bot();
    await b.handleUpdate(messageUpdate("/search 政府信息公开 工作"));
    const first = api.of("sendMessage").at(-1)!;
    const more = buttons(first).find((x) => x.text.startsWith("更多"))!;
    expect(more.callback_data).toMatch(/^pg:[0-9a-z]{10}:1$/);
    const listed = String(first.payload.text).split("<b>出处</b>")[0]!;
    expect((listed.match(/^\d+\. /gm) ?? []).length).toBe(5);
    expect(listed).toMatch(/共找到\d+处，以上是前5处/);
    await b.handleUpdate(callbackUpdate(more.callback_data));
    const next = api.sent().at(-1)!;
    expect(next).toMatch(/（2\/\d+）/);
    expect(next).toContain("6. <b>");
    expect(answered(api)).toEqual([""]);
  });
});
