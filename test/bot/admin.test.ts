// Admin commands and the admin gate.
import { describe, expect, it } from "vitest";
import { ADMIN_ONLY } from "../../src/bot/auth.js";
import { ADMIN_ID, callbackUpdate, chatMember, GROUP_ID, messageUpdate, testBot, USER_ID } from "./helpers.js";

const TXT = { file_id: "F1", file_name: "长寿区2021年报.txt", file_size: 2000 };

describe("the admin gate", () => {
  for (const command of ["/ingest", "/reindex", "/stats"]) {
    it(`refuses ${command} from a non-admin, politely, without running it`, async () => {
      const t = testBot();
      const update = command === "/ingest" ? messageUpdate(command, { document: TXT }) : messageUpdate(command);
      await t.bot.handleUpdate(update);
      expect(t.api.sent()).toEqual([ADMIN_ONLY]);
      expect(t.library.calls).toEqual([]);
      expect(t.downloads).toEqual([]);
    });

    it(`refuses ${command} arriving in an edited message from a non-admin`, async () => {
      const t = testBot();
      await t.bot.handleUpdate(messageUpdate(`${command}`, { edited: true }));
      expect(t.api.sent()).toEqual([ADMIN_ONLY]);
      expect(t.library.calls).toEqual([]);
    });
  }

  it("refuses a non-admin in a group, even with /cmd@thisbot", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/reindex@nianbao_bot", { chatId: GROUP_ID }));
    expect(t.api.sent(GROUP_ID)).toEqual([ADMIN_ONLY]);
    expect(t.library.calls).toEqual([]);
  });

  for (const data of ["admin:stats", "admin:reindex", "admin:unknown"]) {
    it(`refuses the admin button ${data} pressed by a non-admin`, async () => {
      const t = testBot();
      await t.bot.handleUpdate(callbackUpdate(data, { chatId: GROUP_ID }));
      const [answer] = t.api.of("answerCallbackQuery");
      expect(answer.payload).toMatchObject({ text: ADMIN_ONLY, show_alert: true });
      expect(t.api.of("editMessageText")).toEqual([]);
      expect(t.api.sent()).toEqual([]);
      expect(t.library.calls).toEqual([]);
    });
  }

  it("an edited message from an admin runs the command", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/stats", { userId: ADMIN_ID, edited: true }));
    expect(t.api.sent()[0]).toContain("<b>统计</b>");
  });

  it("admins are not rate limited", async () => {
    const t = testBot({ rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) await t.bot.handleUpdate(messageUpdate("/stats", { userId: ADMIN_ID }));
    expect(t.api.sent()).toHaveLength(3);
  });
});

describe("/ingest", () => {
  it("ingests a document sent with the caption /ingest and reports what was read", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: TXT }));
    expect(t.downloads).toEqual(["F1"]);
    expect(t.library.calls).toEqual([{ method: "ingestFile", arg: "长寿区2021年报.txt" }]);
    const [reply] = t.api.sent(ADMIN_ID);
    for (const part of ["已导入", "长寿区2021年报.txt", "重庆市长寿区人民政府", "2021年", "stat2016", "读取数字：42 项", "表三 合计 ≠ 各项之和"]) {
      expect(reply).toContain(part);
    }
    expect(t.store.read().stats.ingested).toBe(1);

    // the same file again: a duplicate, not counted twice
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: TXT }));
    expect(t.api.sent(ADMIN_ID)[1]).toContain("已经导入过");
    expect(t.store.read().stats.ingested).toBe(1);
  });

  it("ingests the document a /ingest message replies to", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, replyToDocument: { ...TXT, file_id: "F2", file_name: "a.docx" } }));
    expect(t.downloads).toEqual(["F2"]);
    expect(t.library.calls).toEqual([{ method: "ingestFile", arg: "a.docx" }]);
  });

  it("refuses a file over the size limit before downloading it", async () => {
    const t = testBot(); // MAX_UPLOAD_MB = 1 in the test bot
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { ...TXT, file_size: 5 * 1024 * 1024 } }));
    expect(t.downloads).toEqual([]);
    expect(t.library.calls).toEqual([]);
    expect(t.api.sent()[0]).toContain("文件太大（5 MB），上限是 1 MB");
  });

  it("refuses other file types before downloading them", async () => {
    const t = testBot();
    for (const name of ["报告.exe", "报告", "../../etc/passwd"]) {
      await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { ...TXT, file_name: name } }));
    }
    expect(t.downloads).toEqual([]);
    expect(t.library.calls).toEqual([]);
    const replies = t.api.sent();
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(r).toContain("不支持的文件类型");
  });

  it("accepts every supported extension, case-insensitively", async () => {
    const t = testBot();
    for (const name of ["a.TXT", "b.html", "c.htm", "d.docx", "e.Pdf"]) {
      await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { ...TXT, file_id: name, file_name: name } }));
    }
    expect(t.downloads).toEqual(["a.TXT", "b.html", "c.htm", "d.docx", "e.Pdf"]);
  });

  it("reports a rejected file's reason, escaped", async () => {
    const t = testBot({ deps: { download: async () => new TextEncoder().encode("BAD bytes") } });
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: TXT }));
    const [reply] = t.api.sent();
    expect(reply).toContain("未能导入");
    expect(reply).toContain("无法识别的文件内容 &lt;binary&gt;");
    expect(t.store.read().stats.ingested).toBe(0);
  });

  it("refuses a download that turns out larger than the limit", async () => {
    const t = testBot({ deps: { download: async () => new Uint8Array(2 * 1024 * 1024) } });
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { ...TXT, file_size: undefined } }));
    expect(t.library.calls).toEqual([]);
    expect(t.api.sent()[0]).toContain("上限");
  });

  it("answers every file of an album, whichever file carries the /ingest caption", async () => {
    const t = testBot();
    const files = ["a.txt", "b.txt", "c.txt"].map((name) => ({ file_id: name, file_name: name, file_size: 100 }));
    await t.bot.handleUpdate(messageUpdate("", { userId: ADMIN_ID, document: files[0], mediaGroup: "g1" }));
    await t.bot.handleUpdate(messageUpdate("", { userId: ADMIN_ID, document: files[1], mediaGroup: "g1" }));
    expect(t.api.sent()).toEqual([]); // waiting for the album's caption
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: files[2], mediaGroup: "g1" }));
    expect(t.library.calls.map((c) => c.arg)).toEqual(["c.txt", "a.txt", "b.txt"]);
    const replies = t.api.sent(ADMIN_ID);
    expect(replies).toHaveLength(3);
    for (const name of ["a.txt", "b.txt", "c.txt"]) expect(replies.some((r) => r.includes(name) && r.includes("已导入"))).toBe(true);
    // a later file of the same album is taken too
    await t.bot.handleUpdate(messageUpdate("", { userId: ADMIN_ID, document: { file_id: "d.txt", file_name: "d.txt", file_size: 100 }, mediaGroup: "g1" }));
    expect(t.library.calls.map((c) => c.arg)).toEqual(["c.txt", "a.txt", "b.txt", "d.txt"]);
    expect(t.store.read().stats.ingested).toBe(4);
  });

  it("a document sent without /ingest is answered with how to ingest it (admins) or what the bot does (others)", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("", { userId: ADMIN_ID, document: TXT }));
    await t.bot.handleUpdate(messageUpdate("年报", { userId: USER_ID, document: TXT }));
    await t.bot.handleUpdate(messageUpdate("", { userId: USER_ID, chatId: GROUP_ID, document: TXT })); // a file shared in a group
    expect(t.library.calls).toEqual([]);
    expect(t.api.sent(ADMIN_ID)).toEqual([expect.stringContaining("要导入，请回复这个文件发送 /ingest")]);
    expect(t.api.sent(USER_ID)).toEqual([expect.stringContaining("我只回答文字问题")]);
    expect(t.api.sent(GROUP_ID)).toEqual([]);
  });

  it("explains itself without a document", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID }));
    expect(t.api.sent()[0]).toContain("用法：发送报告文件");
  });
});

describe("/reindex", () => {
  it("sends one progress message, edits it at most once a second, then the summary", async () => {
    const t = testBot();
    // each of the 10 steps takes 300 ms of (fake) time: 3 s in all
    t.library.onReindexStep = () => {
      t.clock.now += 300;
    };
    await t.bot.handleUpdate(messageUpdate("/reindex", { userId: ADMIN_ID }));
    expect(t.library.calls).toEqual([{ method: "reindex", arg: "" }]);
    expect(t.api.sent()).toEqual(["🔄 正在重建索引……"]);
    const edits = t.api.of("editMessageText").map((c) => String(c.payload.text));
    // progress at 1.2 s, 2.4 s (steps 4 and 8), then the final summary
    expect(edits).toEqual(["🔄 正在重建索引…… 4/10", "🔄 正在重建索引…… 8/10", expect.stringContaining("✅ 索引已重建：2 份报告")]);
    expect(edits[2]).toContain("broken &lt;1&gt;.pdf");
    expect(t.api.of("editMessageText")[2].payload.parse_mode).toBe("HTML");
  });

  it("says so when the reindex fails, keeping the old index", async () => {
    const t = testBot();
    t.library.reindex = async () => {
      throw new Error("disk full");
    };
    await t.bot.handleUpdate(messageUpdate("/reindex", { userId: ADMIN_ID }));
    const edits = t.api.of("editMessageText").map((c) => String(c.payload.text));
    expect(edits).toEqual(["❌ 重建索引失败，旧索引继续使用。详情见日志。"]);
  });

  it("runs from the admin button too", async () => {
    const t = testBot();
    await t.bot.handleUpdate(callbackUpdate("admin:reindex", { userId: ADMIN_ID }));
    expect(t.library.calls).toEqual([{ method: "reindex", arg: "" }]);
    expect(t.api.of("answerCallbackQuery")[0].payload.text).toBe("开始重建索引");
  });
});

describe("/stats", () => {
  it("shows reports, regions, years, subscribers, questions and failures from the BotStore", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/subscribe 长寿区"));
    t.api.failNext("getChatMember", chatMember("administrator"));
    await t.bot.handleUpdate(messageUpdate("/subscribe all", { chatId: GROUP_ID }));
    await t.bot.handleUpdate(messageUpdate("长寿区复议"));
    await t.bot.handleUpdate(messageUpdate("不知道"));
    await t.bot.handleUpdate(messageUpdate("/stats", { userId: ADMIN_ID }));
    const stats = t.api.of("sendMessage").at(-1);
    const text = String(stats?.payload.text);
    for (const line of ["报告：2 份", "地区：2 个", "年份：2 个（2018–2020）", "订阅：2 个聊天，2 项", "问题：2（未能回答 1）"]) {
      expect(text).toContain(line);
    }
    const keyboard = stats?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(["admin:stats", "admin:reindex"]);
  });

  it("the refresh button edits the stats message for an admin", async () => {
    const t = testBot();
    await t.bot.handleUpdate(callbackUpdate("admin:stats", { userId: ADMIN_ID }));
    const [edit] = t.api.of("editMessageText");
    expect(edit.payload).toMatchObject({ chat_id: ADMIN_ID, message_id: 9 });
    expect(String(edit.payload.text)).toContain("<b>统计</b>");
  });

  it("the help text shows admin commands to admins only", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/help", { userId: ADMIN_ID }));
    await t.bot.handleUpdate(messageUpdate("/help", { userId: USER_ID }));
    const [admin, user] = t.api.sent();
    expect(admin).toContain("/ingest");
    expect(user).not.toContain("/ingest");
  });
});
