// The public side of the bot, driven through grammY with literal updates and a recording API.
import { describe, expect, it } from "vitest";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS, parseCommandText, registerCommands } from "../../src/bot/commands.js";
import { comparisonQuestion } from "../../src/bot/features/compare.js";
import { EXAMPLES } from "../../src/bot/features/start.js";
import { MESSAGE_LIMIT } from "../../src/bot/format.js";
import { callbackUpdate, chatMember, GROUP_ID, inlineUpdate, messageUpdate, testBot, USER_ID, XIHU, ZIYANG } from "./helpers.js";

type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

describe("questions", () => {
  it("answers plain text in a private chat through library.ask, as HTML with sources", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("长寿区2018年行政复议多少件"));
    expect(t.library.calls).toEqual([{ method: "ask", arg: "长寿区2018年行政复议多少件" }]);
    const [send] = t.api.of("sendMessage");
    expect(send.payload.chat_id).toBe(USER_ID);
    expect(send.payload.parse_mode).toBe("HTML");
    expect(send.payload.text).toContain("长寿区2018年行政复议 3 件");
    expect(send.payload.text).toContain("<blockquote>因政府信息公开申请行政复议数量 | 件 | 3</blockquote>");
    expect(t.store.read().stats).toMatchObject({ questions: 1, failures: 0 });
  });

  it("sends HTML in a question back escaped", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("<b>长寿区</b> & <script>"));
    const [text] = t.api.sent();
    expect(text).toContain("&lt;b&gt;长寿区&lt;/b&gt; &amp; &lt;script&gt;");
    expect(text).toContain("A&amp;B &lt;b&gt;不是标签&lt;/b&gt;");
    expect(text).not.toContain("<b>长寿区</b>");
    expect(text).not.toContain("<script>");
    // kind "none" counts as a failure
    expect(t.store.read().stats).toMatchObject({ questions: 1, failures: 1 });
  });

  it("splits a long answer into several messages of at most 4096 characters", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/ask 给我长文"));
    const texts = t.api.sent(USER_ID);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(texts.join("\n")).toContain("第1条");
    expect(texts.join("\n")).toContain("第120条");
  });

  it("/ask without a question explains itself and asks nothing", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/ask"));
    expect(t.library.calls).toEqual([]);
    expect(t.api.sent()[0]).toContain("用法：/ask");
  });

  it("in a group answers only a mention or /ask, threaded to the question", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("大家好，今天开会", { chatId: GROUP_ID }));
    await t.bot.handleUpdate(messageUpdate("/ask@other_bot 长寿区复议", { chatId: GROUP_ID }));
    expect(t.api.calls).toEqual([]);

    const mention = messageUpdate("@nianbao_bot 长寿区 行政复议", { chatId: GROUP_ID });
    await t.bot.handleUpdate(mention);
    await t.bot.handleUpdate(messageUpdate("/ask@nianbao_bot 资阳区复议", { chatId: GROUP_ID }));
    expect(t.library.calls.map((c) => c.arg)).toEqual(["长寿区 行政复议", "资阳区复议"]);
    const [first] = t.api.of("sendMessage");
    expect(first.payload.chat_id).toBe(GROUP_ID);
    expect(first.payload.reply_parameters).toMatchObject({ message_id: mention.message?.message_id });
  });

  it("answers an edited question again", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("长寿区复议", { edited: true }));
    expect(t.library.calls).toEqual([{ method: "ask", arg: "长寿区复议" }]);
    expect(t.api.sent()).toHaveLength(1);
  });

  it("apologises (and logs) when the core throws, without leaking the error", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("爆炸"));
    const texts = t.api.sent();
    expect(texts).toEqual(["抱歉，处理这条消息时出错了，请稍后再试。"]);
    expect(t.store.read().stats).toMatchObject({ questions: 1, failures: 1 });
  });

  it("hints at /help for an unknown command in private, ignores it in groups", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/frobnicate"));
    await t.bot.handleUpdate(messageUpdate("/frobnicate", { chatId: GROUP_ID }));
    expect(t.api.sent()).toEqual(["没有这个命令。发送 /help 查看用法，或者直接提问。"]);
    expect(t.library.calls).toEqual([]);
  });
});

describe("commands", () => {
  it("/start and /help show tappable examples; a tap asks the example", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/start"));
    await t.bot.handleUpdate(messageUpdate("/help"));
    const [start, help] = t.api.of("sendMessage");
    expect(start.payload.text).toContain("/compare");
    expect(help.payload.text).toContain("&lt;地区&gt; &lt;年份&gt;");
    expect(help.payload.text).not.toContain("/ingest"); // not an admin
    const keyboard = start.payload.reply_markup as Keyboard;
    const buttons = keyboard.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual([...EXAMPLES]);

    await t.bot.handleUpdate(callbackUpdate(buttons[2].callback_data ?? ""));
    expect(t.library.calls).toEqual([{ method: "ask", arg: EXAMPLES[2] }]);
    expect(t.api.of("answerCallbackQuery")).toHaveLength(1);
    const answer = t.api.sent().at(-1) ?? "";
    expect(answer).toContain(`❓ <i>${EXAMPLES[2]}</i>`);
    expect(answer).toContain("<b>来源</b>");
  });

  it("/search goes to library.search and shows the hit's place", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/search 依申请公开"));
    expect(t.library.calls).toEqual([{ method: "search", arg: "依申请公开" }]);
    const [text] = t.api.sent();
    expect(text).toContain("第 31 行");
    expect(text).toContain("&lt;全部办结&gt;");
  });

  it("/reports lists regions and years grouped by region", async () => {
    const t = testBot();
    t.library.reports.push({ ...ZIYANG, id: "zy2019", year: 2019 }, XIHU);
    await t.bot.handleUpdate(messageUpdate("/reports"));
    const [text] = t.api.sent();
    expect(text).toContain("共 4 份报告，3 个地区");
    expect(text).toContain("<b>益阳市资阳区</b>：2019、2020");
    expect(text).toContain("<b>重庆市长寿区</b>：2018");
  });

  it("/report passes its query to reportCard; without one it explains", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/report 长寿区 2018"));
    await t.bot.handleUpdate(messageUpdate("/report"));
    expect(t.library.calls).toEqual([{ method: "reportCard", arg: "长寿区 2018" }]);
    const [card, usage] = t.api.sent();
    expect(card).toContain("主动公开 1234 条");
    expect(usage).toContain("用法：/report");
  });

  it("/compare joins its words into one comparison question", async () => {
    expect(comparisonQuestion("长寿区 资阳区 行政复议")).toBe("长寿区和资阳区行政复议对比");
    expect(comparisonQuestion("长寿区 资阳区 2020 行政 复议")).toBe("长寿区和资阳区2020年行政复议对比");
    expect(comparisonQuestion("长寿区 vs 资阳区")).toBe("长寿区和资阳区对比");
    expect(comparisonQuestion("长寿区")).toBeUndefined();

    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/compare 长寿区 资阳区 行政复议"));
    await t.bot.handleUpdate(messageUpdate("/compare 长寿区"));
    expect(t.library.calls).toEqual([{ method: "ask", arg: "长寿区和资阳区行政复议对比" }]);
    const [answer, usage] = t.api.sent();
    expect(answer).toContain("长寿区2018年行政复议 3 件");
    expect(usage).toContain("用法：/compare");
  });

  it("parses commands addressed to this bot only", () => {
    expect(parseCommandText("/ask 长寿区", "nianbao_bot")).toEqual({ name: "ask", args: "长寿区" });
    expect(parseCommandText("/ASK@NianBao_Bot  x", "nianbao_bot")).toEqual({ name: "ask", args: "x" });
    expect(parseCommandText("/ask@other_bot x", "nianbao_bot")).toBeUndefined();
    expect(parseCommandText("/asking", "nianbao_bot")).toEqual({ name: "asking", args: "" });
    expect(parseCommandText("长寿区 /ask", "nianbao_bot")).toBeUndefined();
  });

  it("registerCommands: public commands by default, admin commands in each admin's chat", async () => {
    const t = testBot();
    t.api.failNext(
      "setMyCommands",
      { ok: true, result: true },
      { ok: true, result: true },
      { ok: false, error_code: 400, description: "Bad Request: chat not found" },
    );
    const { failedAdminIds } = await registerCommands(t.bot, { adminIds: [11, 22] });
    const calls = t.api.of("setMyCommands");
    expect(calls).toHaveLength(3);
    expect(calls[0].payload.scope).toBeUndefined();
    expect(calls[0].payload.commands).toEqual(PUBLIC_COMMANDS);
    expect(calls[1].payload.scope).toEqual({ type: "chat", chat_id: 11 });
    const adminMenu = (calls[1].payload.commands as { command: string }[]).map((c) => c.command);
    for (const c of ADMIN_COMMANDS) expect(adminMenu).toContain(c.command);
    expect(calls[2].payload.scope).toEqual({ type: "chat", chat_id: 22 });
    expect(failedAdminIds).toEqual([22]);
  });
});

describe("inline mode", () => {
  it("answers an inline query with article results from library.ask", async () => {
    const t = testBot();
    await t.bot.handleUpdate(inlineUpdate("长寿区 行政复议"));
    expect(t.library.calls).toEqual([{ method: "ask", arg: "长寿区 行政复议" }]);
    const [call] = t.api.of("answerInlineQuery");
    const results = call.payload.results as { type: string; id: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results[0]).toMatchObject({ type: "article", id: "answer", title: "长寿区2018年行政复议 3 件；资阳区2020年 0 件。" });
    expect(results[0].input_message_content.parse_mode).toBe("HTML");
    expect(results[0].input_message_content.message_text).toContain("<blockquote>");
    // one result per figure, quoting its source
    expect(results).toHaveLength(3);
    expect(results[1].title).toBe("长寿区 2018年 行政复议数量：3件");
    expect(results[2].input_message_content.message_text).toContain("&lt;表四&gt;");
  });

  it("keeps an inline answer to one message of at most 4096 characters", async () => {
    const t = testBot();
    await t.bot.handleUpdate(inlineUpdate("长文"));
    const [call] = t.api.of("answerInlineQuery");
    const [first] = call.payload.results as { input_message_content: { message_text: string } }[];
    expect(first.input_message_content.message_text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(first.input_message_content.message_text).toContain("完整回答请私聊机器人");
  });

  it("answers an empty inline query with a hint and asks nothing", async () => {
    const t = testBot();
    await t.bot.handleUpdate(inlineUpdate("  "));
    expect(t.library.calls).toEqual([]);
    const [call] = t.api.of("answerInlineQuery");
    expect(call.payload.results).toEqual([]);
    expect(call.payload.button).toMatchObject({ start_parameter: "inline" });
  });
});

describe("rate limit", () => {
  it("answers politely once instead of processing, then lets the user in after a minute", async () => {
    const t = testBot({ rateLimitPerMinute: 2 });
    for (let i = 0; i < 5; i++) await t.bot.handleUpdate(messageUpdate(`长寿区复议 ${i}`));
    expect(t.library.calls).toHaveLength(2);
    const texts = t.api.sent();
    expect(texts).toHaveLength(3); // two answers + one polite notice, then silence
    expect(texts[2]).toMatch(/请求有点频繁了，请 \d+ 秒后再试/);

    // other users are not affected, and chatter in a group does not count
    await t.bot.handleUpdate(messageUpdate("长寿区复议", { userId: 3003 }));
    expect(t.library.calls).toHaveLength(3);

    t.clock.now += 61_000;
    await t.bot.handleUpdate(messageUpdate("长寿区复议 again"));
    expect(t.library.calls).toHaveLength(4);
  });

  it("still answers limited buttons and inline queries (so clients stop waiting)", async () => {
    const t = testBot({ rateLimitPerMinute: 1 });
    await t.bot.handleUpdate(messageUpdate("长寿区复议"));
    await t.bot.handleUpdate(callbackUpdate("ex:0"));
    await t.bot.handleUpdate(inlineUpdate("长寿区复议"));
    expect(t.library.calls).toHaveLength(1);
    expect(t.api.of("answerCallbackQuery")[0].payload.text).toContain("请求有点频繁了");
    expect(t.api.of("answerInlineQuery")[0].payload).toMatchObject({ results: [] });
  });

  it("does not count group chatter that is not for the bot", async () => {
    const t = testBot({ rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) await t.bot.handleUpdate(messageUpdate(`闲聊 ${i}`, { chatId: GROUP_ID }));
    await t.bot.handleUpdate(messageUpdate("@nianbao_bot 长寿区复议", { chatId: GROUP_ID }));
    expect(t.library.calls).toHaveLength(1);
  });
});

describe("subscriptions", () => {
  it("/subscribe keeps a filter per chat, echoed in words; /subscriptions lists; /unsubscribe removes", async () => {
    const t = testBot();
    for (const arg of ["长寿区", "重庆", "关键词:复议", "all", "长寿区"]) {
      await t.bot.handleUpdate(messageUpdate(`/subscribe ${arg}`));
    }
    expect(t.alerts.list(USER_ID).map((s) => t.alerts.describe(s))).toEqual([
      "长寿区（含辖内街道乡镇和部门）的报告；有新报告时立即通知",
      "重庆市（含省内各地）的报告；有新报告时立即通知",
      "全部地区的报告，正文含“复议”；有新报告时立即通知",
      "全部地区的报告；有新报告时立即通知",
    ]);
    expect(t.api.sent().at(-1)).toContain("已经订阅过");

    await t.bot.handleUpdate(messageUpdate("/subscriptions"));
    const list = t.api.sent().at(-1) ?? "";
    for (const s of ["1. 长寿区", "2. 重庆市", "3. 全部地区的报告，正文含“复议”", "4. 全部地区的报告"]) expect(list).toContain(s);

    await t.bot.handleUpdate(messageUpdate("/unsubscribe 长寿区"));
    expect(t.alerts.list(USER_ID).map((s) => s.text)).toEqual(["重庆", "关键词:复议", "all"]);
    await t.bot.handleUpdate(messageUpdate("/unsubscribe 2"));
    expect(t.alerts.list(USER_ID).map((s) => s.text)).toEqual(["重庆", "all"]);
    await t.bot.handleUpdate(messageUpdate("/unsubscribe"));
    expect(t.alerts.list(USER_ID)).toEqual([]);
    await t.bot.handleUpdate(messageUpdate("/subscriptions"));
    expect(t.api.sent().at(-1)).toContain("还没有订阅");
  });

  it("/subscribe without an argument explains; subscriptions are per chat", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/subscribe"));
    expect(t.api.sent()[0]).toContain("用法：/subscribe");
    t.api.failNext("getChatMember", chatMember("administrator"));
    await t.bot.handleUpdate(messageUpdate("/subscribe 资阳区", { chatId: GROUP_ID }));
    await t.bot.handleUpdate(messageUpdate("/subscriptions"));
    expect(t.alerts.list(GROUP_ID)).toMatchObject([{ chatId: GROUP_ID, text: "资阳区" }]);
    expect(t.api.sent().at(-1)).toContain("还没有订阅");
  });

  it("forgets a chat's subscriptions when the bot is removed from it", async () => {
    const t = testBot();
    t.api.failNext("getChatMember", chatMember("creator"));
    await t.bot.handleUpdate(messageUpdate("/subscribe all", { chatId: GROUP_ID }));
    expect(t.alerts.list(GROUP_ID)).toHaveLength(1);
    await t.bot.handleUpdate({
      update_id: 99_999,
      my_chat_member: {
        chat: { id: GROUP_ID, type: "supergroup", title: "测试群" },
        from: { id: USER_ID, is_bot: false, first_name: "Tester" },
        date: 1,
        old_chat_member: { status: "member", user: { id: 42, is_bot: true, first_name: "年报" } },
        new_chat_member: { status: "kicked", until_date: 0, user: { id: 42, is_bot: true, first_name: "年报" } },
      },
    });
    expect(t.alerts.list(GROUP_ID)).toEqual([]);
  });
});
