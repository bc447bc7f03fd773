// The bot over the real library (fixture reports), driven with literal updates through the fake Bot
// API: follow-ups in a chat, a reply to the bot's answer in a group, choices as buttons.
import { beforeAll, describe, expect, it } from "vitest";
import { matchesFilter, parseFilter } from "../../src/alerts/filter.js";
import { subjectOf } from "../../src/alerts/subject.js";
import { segment } from "../../src/index/segment.js";
import { type CoreLibrary, createLibrary } from "../../src/library.js";
import { memoryAdapter, openDb } from "../../src/store/db.js";
import { EXTRA, PINGTAN, SEEDS } from "../helpers/reports.js";
import { callbackUpdate, type FakeLibrary, GROUP_ID, messageUpdate, testBot, USER_ID } from "./helpers.js";

type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

let lib: CoreLibrary;
beforeAll(async () => {
  lib = await createLibrary({ db: await openDb(memoryAdapter()) });
  await lib.ingestPaths([SEEDS, PINGTAN, EXTRA]);
}, 240_000);

/** A test bot whose library is the real one. */
function realBot() {
  return testBot({ library: lib as unknown as FakeLibrary });
}

describe("follow-ups through the bot", () => {
  it("那2024年呢 and 行政复议呢 complete the chat's last question", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("洪泽区2023年行政诉讼多少件"));
    await t.bot.handleUpdate(messageUpdate("那2024年呢"));
    await t.bot.handleUpdate(messageUpdate("行政复议呢"));
    const [first, second, third] = t.api.sent(USER_ID);
    expect(first).toContain("淮安市洪泽区人民政府2023年行政诉讼：0件");
    expect(second).toContain("按“淮安市洪泽区2024年行政诉讼多少件”理解");
    expect(second).toContain("淮安市洪泽区人民政府2024年行政诉讼：4件");
    expect(third).toContain("淮安市洪泽区人民政府2024年行政复议：2件");
  });

  it("keeps each chat's context apart, and forgets it after a while", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("长寿区2018年行政复议多少件"));
    await t.bot.handleUpdate(messageUpdate("平潭综合实验区2021年行政复议多少件", { userId: 3003 }));
    await t.bot.handleUpdate(messageUpdate("行政诉讼呢"));
    expect(t.api.sent(USER_ID)[1]).toContain("重庆市长寿区人民政府2018年行政诉讼：7件");
    t.clock.now += 31 * 60_000;
    await t.bot.handleUpdate(messageUpdate("行政诉讼呢", { userId: 3003 }));
    expect(t.api.sent(3003)[1]).not.toContain("接上文");
  });

  it("in a group, a reply to the bot's answer is a question, read against the last one", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("@nianbao_bot 长寿区2018年行政复议多少件", { chatId: GROUP_ID }));
    await t.bot.handleUpdate(messageUpdate("行政诉讼呢", { chatId: GROUP_ID, replyToBot: "重庆市长寿区人民政府2018年行政复议：15件" }));
    await t.bot.handleUpdate(messageUpdate("行政诉讼呢", { chatId: GROUP_ID })); // chatter, not for the bot
    const sent = t.api.sent(GROUP_ID);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain("重庆市长寿区人民政府2018年行政诉讼：7件");
  });
});

describe("choices as buttons", () => {
  it("平潭 (a zone and a county) is asked back with a button each; a press answers for that one", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("平潭行政复议多少件"));
    const [ask] = t.api.of("sendMessage");
    const keyboard = ask!.payload.reply_markup as Keyboard;
    expect(keyboard.inline_keyboard.filter((row) => row.length).map((row) => [row[0]!.text, row[0]!.callback_data])).toEqual([
      ["平潭综合实验区", "pick:0"],
      ["福州市平潭县", "pick:1"],
    ]);
    await t.bot.handleUpdate(callbackUpdate("pick:1"));
    expect(t.api.of("answerCallbackQuery")).toHaveLength(1);
    const reply = t.api.sent(USER_ID)[1]!;
    expect(reply).toContain("福州市平潭县行政复议多少件");
    expect(reply).toContain("平潭县人民政府2013年行政复议");
  });

  it("长受区 gets did you mean 长寿区 as a button", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("长受区行政诉讼多少件"));
    expect(t.api.sent(USER_ID)[0]).toContain("您是不是要找“长寿区”");
    await t.bot.handleUpdate(callbackUpdate("pick:0"));
    expect(t.api.sent(USER_ID)[1]).toContain("重庆市长寿区人民政府2018年行政诉讼：7件");
  });

  it("a stale button says so", async () => {
    const t = realBot();
    await t.bot.handleUpdate(callbackUpdate("pick:0"));
    expect(t.api.of("answerCallbackQuery")[0]!.payload.text).toContain("失效");
  });
});

describe("a province or city covers the bodies inside it", () => {
  it("江苏省有哪些报告 lists 洪泽区, whose text never says 江苏省", async () => {
    const t = realBot();
    await t.bot.handleUpdate(messageUpdate("江苏省有哪些报告"));
    expect(t.api.sent(USER_ID)[0]).toContain("淮安市洪泽区：2023年、2024年");
  });

  it("/subscribe 江苏省 and /subscribe 淮安市 match a 洪泽区 report", () => {
    const hongze = lib.listReports().find((r) => r.region === "洪泽区")!;
    const subject = subjectOf(lib.getReport(hongze.id)!, segment);
    const matches = (words: string) => {
      const parsed = parseFilter(words, { segment, bodyNames: () => [] });
      if (!parsed.ok) throw new Error(parsed.error);
      return matchesFilter(parsed.value.filter, subject);
    };
    expect(matches("江苏省")).toBe(true);
    expect(matches("淮安市")).toBe(true);
    expect(matches("淮安")).toBe(true);
    expect(matches("宿迁市")).toBe(false);
  });
});
