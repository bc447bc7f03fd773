// The bot process (`src/main.ts` with a token) against the fake Bot API, as an admin uses it:
// uploads that survive the bot being killed in flight, every file of an album answered, one
// report sent as two files stored once, junk refused and incomplete texts held behind buttons,
// /reindex keeping what came from outside data/reports, /stats counting each upload once, a
// document without /ingest answered, forged buttons answered, and `cli ingest` handing its files
// to the running bot and saying what became of them.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, EXTRA, FIXTURES, PINGTAN, ROOT, SEED, SEEDS } from "../helpers/reports.js";
import { storedCatalog } from "../helpers/stored.js";
import { type BotProcess, spawnBot } from "./bot-process.js";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.js";
import { ADMIN_ID, callbackUpdate, messageUpdate, USER_ID } from "./helpers.js";

const startBot = (api: FakeBotApi, dir: string): BotProcess => spawnBot(api, dir);

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DIST.cli, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Serve a file through the fake Bot API: getFile gives `documents/<id>`, the file route its bytes. */
function serve(api: FakeBotApi, fileId: string, path: string): { file_id: string; file_name: string; file_size: number } {
  const bytes = new Uint8Array(readFileSync(path));
  api.files.set(`documents/${fileId}`, bytes);
  return { file_id: fileId, file_name: path.split("/").pop()!, file_size: bytes.byteLength };
}

const sentTo = (api: FakeBotApi, chatId: number) =>
  api
    .of("sendMessage")
    .filter((r) => r.body.chat_id === chatId)
    .map((r) => String(r.body.text));
const dbOf = (dir: string) => storedCatalog(join(dir, "db.json")) as unknown as { reports: { org: string; year: number | null }[] };
/** The bot's counters, written apart from the catalog. */
const botStateOf = (dir: string) => JSON.parse(readFileSync(join(dir, "db.bot.json"), "utf8")) as { stats: { ingested: number } };

describe("the bot process, as an admin uses it", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.handle("getFile", (b) => ({ file_id: b.file_id, file_unique_id: `u-${String(b.file_id)}`, file_path: `documents/${String(b.file_id)}` }));
    dir = mkdtempSync(join(tmpdir(), "nianbao-botproc-"));
    mkdirSync(join(dir, "reports"));
    cpSync(SEEDS, join(dir, "reports"), { recursive: true }); // the bundled reports: 5
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill("SIGTERM");
      await bot.exited;
    }
    await api.close();
  });

  it("before the bot starts, the CLI ingests the bundled reports and one from outside data/reports", async () => {
    const res = await cli(["ingest", join(dir, "reports"), join(PINGTAN, "04_pingtan_xian_2013.txt"), "--db", join(dir, "db.json"), "--verbose"]);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^✓ .*平潭县人民政府 2013年/m);
    expect(res.stdout).toContain("库中共 6 份");
  }, 60_000);

  it("an album of three files with one /ingest caption, the bot killed while downloading: all three stored and answered after the restart", async () => {
    bot = startBot(api, dir);
    await api.waitFor("getUpdates", 1, 60_000);
    const files = [
      serve(api, "huaian2024", join(EXTRA, "09_huaian_shi_2024.txt")),
      serve(api, "hongze2023", join(EXTRA, "10_hongze_qu_2023.txt")),
      serve(api, "hongze2024", join(EXTRA, "11_hongze_qu_2024.txt")),
    ];
    api.holdFiles(true);
    const updates = files.map((document, i) => messageUpdate(i === 0 ? "/ingest" : "", { userId: ADMIN_ID, document, mediaGroup: "album-1" }));
    for (const u of updates) api.pushUpdate(u);
    const last = updates.at(-1)!.update_id;
    // Telegram has been told the updates arrived (the next poll's offset), and a download hangs.
    await api.waitUntil("the album confirmed", () => api.of("getUpdates").some((r) => Number(r.body.offset ?? 0) > last), 30_000);
    await api.waitUntil("a download started", () => api.fileRequests.length > 0, 30_000);
    bot.child.kill("SIGKILL");
    await bot.exited;
    expect(sentTo(api, ADMIN_ID)).toEqual([]); // nothing was answered before the kill

    api.holdFiles(false);
    bot = startBot(api, dir);
    await api.waitUntil("three replies", () => sentTo(api, ADMIN_ID).length >= 3, 60_000);
    const replies = sentTo(api, ADMIN_ID);
    expect(replies).toHaveLength(3);
    for (const f of files) expect(replies.some((r) => r.includes("已导入") && r.includes(f.file_name))).toBe(true);
    const held = dbOf(dir).reports.map((r) => `${r.org} ${r.year}`);
    expect(held).toEqual(expect.arrayContaining(["淮安市人民政府 2024", "淮安市洪泽区人民政府 2023", "淮安市洪泽区人民政府 2024"]));
    expect(held).toHaveLength(5 + 1 + 3);
  }, 150_000);

  it("one report sent as two files is stored, listed and alerted once", async () => {
    api.pushUpdate(messageUpdate("/subscribe all", { userId: USER_ID }));
    await api.waitUntil("subscribed", () => sentTo(api, USER_ID).some((t) => t.includes("已订阅")), 30_000);
    api.pushUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: serve(api, "pt2024txt", join(PINGTAN, "11_pingtan_2024.txt")) }));
    api.pushUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: serve(api, "pt2024html", join(FIXTURES, "pingtan-2024-html/input.html")) }));
    await api.waitUntil("two replies", () => sentTo(api, ADMIN_ID).length >= 5, 30_000);
    expect(sentTo(api, ADMIN_ID)[4]).toContain("是已有报告（平潭综合实验区 2024年）的另一个文件");
    await api.waitUntil("the alert", () => sentTo(api, USER_ID).some((t) => t.includes("新报告")), 30_000);
    api.pushUpdate(messageUpdate("/reports", { userId: USER_ID }));
    await api.waitUntil("the list", () => sentTo(api, USER_ID).some((t) => t.includes("共 ")), 30_000);
    const list = sentTo(api, USER_ID).find((t) => t.includes("共 "))!;
    expect(list).toContain("<b>平潭综合实验区</b>：2024");
    expect(list).not.toContain("2024（2份）");
    expect(sentTo(api, USER_ID).filter((t) => t.includes("新报告") && t.includes("2024"))).toHaveLength(1);
  }, 90_000);

  it("junk is refused with the reason; a text without a year is held behind buttons, announced only once confirmed", async () => {
    const before = sentTo(api, ADMIN_ID).length;
    api.pushUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: serve(api, "banner", join(FIXTURES, "junk/banner.html")) }));
    await api.waitUntil("the refusal", () => sentTo(api, ADMIN_ID).length > before, 30_000);
    expect(sentTo(api, ADMIN_ID)[before]).toContain("未能导入");
    expect(sentTo(api, ADMIN_ID)[before]).toContain("没有读到发布机关、年份，也没有读到任何数字");

    const noYear = readFileSync(join(PINGTAN, "02_pingtan_xian_2012.txt"), "utf8").replace(/2012/g, "");
    api.files.set("documents/noyear", new TextEncoder().encode(noYear));
    api.pushUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { file_id: "noyear", file_name: "平潭县年报.txt", file_size: noYear.length * 3 } }));
    await api.waitUntil("the hold", () => sentTo(api, ADMIN_ID).length > before + 1, 30_000);
    const hold = api
      .of("sendMessage")
      .filter((r) => r.body.chat_id === ADMIN_ID)
      .at(-1)!;
    expect(String(hold.body.text)).toContain("缺少年份，暂未收录");
    const buttons = (hold.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toEqual([expect.stringMatching(/^admin:held:ok:[0-9a-f]{16}$/), expect.stringMatching(/^admin:held:no:[0-9a-f]{16}$/)]);
    // nothing of either reached the subscriber, nor the list
    const alertsBefore = sentTo(api, USER_ID).filter((t) => t.includes("新报告")).length;
    api.pushUpdate(messageUpdate("/reports", { userId: USER_ID }));
    await api.waitUntil("the list", () => sentTo(api, USER_ID).filter((t) => t.includes("共 ")).length >= 2, 30_000);
    const list = sentTo(api, USER_ID)
      .filter((t) => t.includes("共 "))
      .at(-1)!;
    expect(list).not.toContain("<b></b>");
    expect(list).not.toContain("年份不明");

    api.pushUpdate(callbackUpdate(buttons[0]!, { userId: ADMIN_ID }));
    await api.waitUntil("the confirmation", () => api.of("answerCallbackQuery").some((r) => r.body.text === "已确认"), 30_000);
    await api.waitUntil("the alert", () => sentTo(api, USER_ID).filter((t) => t.includes("新报告")).length > alertsBefore, 30_000);
    expect(
      sentTo(api, USER_ID)
        .filter((t) => t.includes("新报告"))
        .at(-1),
    ).toContain("平潭县人民政府");
    // the same button again: answered, nothing done twice
    api.pushUpdate(callbackUpdate(buttons[0]!, { userId: ADMIN_ID }));
    await api.waitUntil("the stale answer", () => api.of("answerCallbackQuery").some((r) => r.body.text === "这份文件已经处理过了。"), 30_000);
  }, 90_000);

  it("forged buttons are answered; a document without /ingest gets a reply saying how", async () => {
    const answered = api.of("answerCallbackQuery").length;
    api.pushUpdate(callbackUpdate("zzz", { userId: USER_ID }));
    api.pushUpdate(callbackUpdate("ex:abc", { userId: USER_ID }));
    await api.waitUntil("two answers", () => api.of("answerCallbackQuery").length >= answered + 2, 30_000);
    expect(
      api
        .of("answerCallbackQuery")
        .slice(answered)
        .map((r) => r.body.text),
    ).toEqual(["这个按钮已经失效了。", "这个按钮已经失效了。"]);

    const adminBefore = sentTo(api, ADMIN_ID).length;
    const userBefore = sentTo(api, USER_ID).length;
    api.pushUpdate(messageUpdate("", { userId: ADMIN_ID, document: serve(api, "plain", join(SEEDS, SEED.bengbu)) }));
    api.pushUpdate(messageUpdate("", { userId: USER_ID, document: serve(api, "plain2", join(SEEDS, SEED.bengbu)) }));
    await api.waitUntil("the hints", () => sentTo(api, ADMIN_ID).length > adminBefore && sentTo(api, USER_ID).length > userBefore, 30_000);
    expect(sentTo(api, ADMIN_ID).at(-1)).toContain("要导入，请回复这个文件发送 /ingest");
    expect(sentTo(api, USER_ID).at(-1)).toContain("我只回答文字问题");
  }, 60_000);

  it("/stats counts each upload once; /help names the bot", async () => {
    api.pushUpdate(messageUpdate("/stats", { userId: ADMIN_ID }));
    await api.waitUntil("the stats", () => sentTo(api, ADMIN_ID).some((t) => t.includes("<b>统计</b>")), 30_000);
    const stats = sentTo(api, ADMIN_ID).find((t) => t.includes("<b>统计</b>"))!;
    // stored by the bot: the album (3), 平潭 2024 and its page (2), the held text (1); not the junk
    expect(stats).toContain("经机器人导入：6 个文件");
    expect(stats).toContain("报告：11 份"); // 5 bundled + 1 CLI + 3 album + 平潭 2024 + 平潭县 (no year) confirmed
    await api.waitUntil("the counters on disk", () => botStateOf(dir).stats.ingested === 6, 5000);
    api.pushUpdate(messageUpdate("/help", { userId: USER_ID }));
    await api.waitUntil("the help", () => sentTo(api, USER_ID).some((t) => t.includes("/search")), 30_000);
    expect(sentTo(api, USER_ID).find((t) => t.includes("/search"))).toContain("输入 @nianbao_bot 加问题");
  }, 60_000);

  it("`cli ingest` hands its files to the running bot and says what became of each", async () => {
    const res = await cli(["ingest", join(PINGTAN, "05_pingtan_shiyanqu_2013.txt"), join(SEEDS, SEED.changshou), "--db", join(dir, "db.json")]);
    expect(res.stderr).toMatch(/数据库正由运行中的机器人（pid \d+）使用/);
    expect(res.stderr).toMatch(/^✓ .*05_pingtan_shiyanqu_2013\.txt：平潭综合实验区/m);
    expect(res.stderr).toMatch(/^= .*000_2d63126c8570951a\.txt：已经导入过/m);
    expect(res.stdout).toContain("机器人已处理 2 个文件：收录 1 个，失败 0 个");
    expect(res.code).toBe(0);
  }, 90_000);

  it("/reindex keeps every report, whatever path it came by, and says what it added, changed and could not read", async () => {
    const before = dbOf(dir).reports.length;
    expect(before).toBe(12);
    api.pushUpdate(messageUpdate("/reindex", { userId: ADMIN_ID }));
    await api.waitUntil("the summary", () => api.of("editMessageText").some((r) => String(r.body.text).includes("索引已重建")), 60_000);
    const summary = String(api.of("editMessageText").find((r) => String(r.body.text).includes("索引已重建"))!.body.text);
    expect(summary).toContain(`✅ 索引已重建：${before} 份报告。`);
    expect(summary).toContain("没有新增报告。");
    expect(summary).toContain("已有报告的数字没有变化。");
    expect(summary).toContain("没有读不出的文件。");
    expect(dbOf(dir).reports).toHaveLength(before);
    api.pushUpdate(messageUpdate("平潭县2013年行政复议多少件", { userId: USER_ID }));
    await api.waitUntil("the answer", () => sentTo(api, USER_ID).some((t) => t.includes("平潭县人民政府2013年")), 30_000);
  }, 90_000);
});
