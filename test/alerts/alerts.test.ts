// Alerts through the bot: /subscribe in words, real reports ingested into the real library, what
// each subscriber receives from the fake Bot API. Each filter kind fires for a report that matches
// and stays silent for a near miss.
import { describe, expect, it } from "vitest";
import { createAlertEngine } from "../../src/alerts/engine.js";
import { memoryAlertStore } from "../../src/alerts/store.js";
import { versionKeyOf } from "../../src/alerts/subject.js";
import { extractText } from "../../src/extract.js";
import { segment } from "../../src/index/segment.js";
import { parseReport } from "../../src/parse/report.js";
import { callbackUpdate, GROUP_ID, messageUpdate, silentLogger, USER_ID } from "../bot/helpers.js";
import { alertBot, fixture, START } from "./helpers.js";

const HONGZE_2023 = "extra/10_hongze_qu_2023.txt"; // 江苏省淮安市; 行政复议 0, 勾稽 (SUM_MISMATCH)
const HONGZE_2024 = "extra/11_hongze_qu_2024.txt"; // 行政复议 2 (纠正 1: 50%), 行政诉讼 4, 表文不一致
const ZIYANG = "seeds/001_6b8ee0204781e589.txt"; // 湖南省益阳市资阳区 2020, text mentions 12345
const XIAOBANQIAO = "seeds/002_2280456dce613c96.txt"; // 小板桥街道 in 昆明市官渡区 2018
const SHUYANG_FAGAI = "names/shuyang_fagai_2020.txt"; // 宿迁市沭阳县发展和改革局: a department in 江苏省, mentions 12345
const CHANGSHOU = "seeds/000_2d63126c8570951a.txt"; // 重庆市长寿区 2018, 行政复议 15

const ORG = {
  [HONGZE_2023]: "淮安市洪泽区人民政府 2023年",
  [HONGZE_2024]: "淮安市洪泽区人民政府 2024年",
  [ZIYANG]: "益阳市资阳区人民政府 2020年",
  [XIAOBANQIAO]: "小板桥街道办事处 2018年",
  [SHUYANG_FAGAI]: "宿迁市沭阳县发展和改革局 2020年",
};

describe("each filter kind fires for a match and stays silent for a near miss", () => {
  it("where (area, level), what (figures, rates, checks, words), and combined", async () => {
    const a = await alertBot();
    // chat id → what it subscribes to, and the reports it must hear of (in ingest order)
    const cases: [number, string, string[]][] = [
      [101, "江苏省", [HONGZE_2023, HONGZE_2024, SHUYANG_FAGAI]], // no report writes "江苏省": the gazetteer places them
      [102, "浙江省", []],
      [103, "淮安市", [HONGZE_2023, HONGZE_2024]],
      [104, "宿迁", [SHUYANG_FAGAI]],
      [105, "官渡区", [XIAOBANQIAO]], // a county covers the 街道 inside it
      [106, "江苏省 部门", [SHUYANG_FAGAI]],
      [107, "江苏省 政府", [HONGZE_2023, HONGZE_2024]],
      [108, "街道乡镇", [XIAOBANQIAO]],
      [109, "行政复议>=2", [HONGZE_2024]],
      [110, "行政复议 ≥ 3", []], // near miss: 2
      [111, "复议纠错率>40%", [HONGZE_2024]], // 1 of 2 = 50%
      [112, "复议纠错率>50%", []], // near miss: exactly 50
      [113, "勾稽不符", [HONGZE_2023]],
      [114, "表文不一致", [HONGZE_2024]],
      [115, "12345", [ZIYANG, SHUYANG_FAGAI]], // a word of the text (jieba tokens), not of the title
      [116, "江苏省 行政诉讼>0", [HONGZE_2024]], // combined: 洪泽区2023 has 0, 资阳区 is elsewhere
      [117, "湖南省 行政诉讼>0", []], // 资阳区 has 0
      [118, "小板桥街道", [XIAOBANQIAO]],
    ];
    for (const [chat, words] of cases) await a.subscribe(chat, words);
    for (const [chat] of cases) expect(a.api.sent(chat)[0]).toMatch(/^✅ 已订阅/);
    for (const file of [HONGZE_2023, HONGZE_2024, ZIYANG, XIAOBANQIAO, SHUYANG_FAGAI]) await a.ingest(file);
    await a.deliverAll();
    for (const [chat, words, expected] of cases) {
      const got = a.alertsTo(chat);
      expect({ words, got: got.length }).toEqual({ words, got: expected.length });
      expected.forEach((file, i) => expect(got[i]).toContain(ORG[file as keyof typeof ORG].split(" ")[0]));
    }
    // the alert says why: the figure compared, and the subscription in words
    const [review] = a.alertsTo(109);
    expect(review).toContain("行政复议：2");
    expect(review).toContain("符合订阅：全部地区的报告，行政复议 ≥ 2");
    expect(a.alertsTo(111)[0]).toContain("行政复议·结果纠正占比：50%");
  }, 60_000);

  it("a county its report misspells (沐阳县 for 沭阳县) is in the county all the same", async () => {
    const a = await alertBot();
    await a.subscribe(201, "沭阳县");
    await a.subscribe(202, "泗阳县");
    await a.ingest(SHUYANG_FAGAI); // 沭阳县 held: the slip is read as 沭阳县, not 泗阳县
    await a.ingest("names/muyang_2018.txt");
    await a.deliverAll();
    expect(a.alertsTo(201)).toHaveLength(2);
    expect(a.alertsTo(201)[1]).toContain("沐阳县");
    expect(a.alertsTo(202)).toEqual([]);
  }, 60_000);

  it("echoes the filter in words, lists it with a remove button per subscription, and removes one by one", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "江苏省 行政复议>=10");
    expect(a.api.sent(USER_ID)[0]).toBe("✅ 已订阅：江苏省（含省内各地）的报告，行政复议 ≥ 10；有新报告时立即通知。\n/subscriptions 查看和取消");
    await a.subscribe(USER_ID, "淮安市 勾稽不符 每日");
    expect(a.api.sent(USER_ID)[1]).toContain("淮安市（含市内各地）的报告，勾稽关系不符；每日摘要（北京时间 8:00）");
    await a.bot.handleUpdate(messageUpdate("/subscriptions"));
    const list = a.api.of("sendMessage").at(-1)!.payload;
    expect(String(list.text)).toContain("1. 江苏省（含省内各地）的报告，行政复议 ≥ 10");
    expect(String(list.text)).toContain("2. 淮安市");
    const buttons = (list.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["❌ 取消 1", "❌ 取消 2", "全部取消"]);
    await a.bot.handleUpdate(callbackUpdate(buttons[0]!.callback_data));
    expect(a.engine.list(USER_ID).map((s) => s.text)).toEqual(["淮安市 勾稽不符 每日"]);
    expect(String(a.api.of("editMessageText").at(-1)!.payload.text)).toContain("1. 淮安市");
    // the same button again: already gone
    await a.bot.handleUpdate(callbackUpdate(buttons[0]!.callback_data));
    expect(a.api.of("answerCallbackQuery").at(-1)!.payload.text).toBe("这个订阅已经取消了。");
  });

  it("refuses what it cannot read, and asks which 西湖区", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "好看指数>3");
    expect(a.api.sent(USER_ID)[0]).toContain("无法订阅：看不懂“好看指数”是哪项数字");
    await a.subscribe(USER_ID, "西湖区");
    expect(a.api.sent(USER_ID)[1]).toContain("“西湖区”有好几处：杭州市西湖区、南昌市西湖区");
    await a.subscribe(USER_ID, "南昌市西湖区");
    expect(a.api.sent(USER_ID)[2]).toContain("已订阅：南昌市西湖区");
    expect(a.engine.list(USER_ID)).toHaveLength(1);
  });
});

describe("digests and mute", () => {
  it("a daily digest collects three reports into one message at the configured hour (Asia/Shanghai)", async () => {
    const a = await alertBot({ settings: { digestHour: 20 } });
    await a.subscribe(USER_ID, "江苏省 每日");
    for (const file of [HONGZE_2023, HONGZE_2024, SHUYANG_FAGAI]) await a.ingest(file);
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toEqual([]); // 09:00 in Shanghai: not yet
    a.clock.now = START + 10 * 3_600_000 + 59 * 60_000; // 19:59
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toEqual([]);
    a.clock.now = START + 11 * 3_600_000; // 20:00
    await a.deliverAll();
    const digests = a.alertsTo(USER_ID);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatch(
      /^📰 <b>每日摘要<\/b>：3 份报告\n1\. 📄 淮安市洪泽区人民政府 2023年\n2\. 📄 淮安市洪泽区人民政府 2024年\n3\. 📄 宿迁市沭阳县发展和改革局 2020年$/,
    );
    a.clock.now += 86_400_000;
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(1); // nothing new, no empty digest
  }, 60_000);

  it("a muted chat hears nothing until the mute ends, then one message; /unmute ends it at once", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "江苏省");
    await a.bot.handleUpdate(messageUpdate("/mute 2小时"));
    expect(a.api.sent(USER_ID).at(-1)).toContain("提醒暂停到 2026-01-05 11:00（北京时间）");
    await a.ingest(HONGZE_2023);
    await a.ingest(HONGZE_2024);
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toEqual([]);
    a.clock.now = START + 2 * 3_600_000;
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(1);
    expect(a.alertsTo(USER_ID)[0]).toMatch(/^📰 <b>静音期间的提醒<\/b>：2 份报告/);

    await a.bot.handleUpdate(messageUpdate("/mute 1天"));
    await a.ingest(SHUYANG_FAGAI);
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(1);
    await a.bot.handleUpdate(messageUpdate("/unmute"));
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(2);
    expect(a.alertsTo(USER_ID)[1]).toContain("宿迁市沭阳县发展和改革局");
  }, 60_000);
});

describe("versions", () => {
  it("a revision alerts its subscribers with the figures that changed, old → new", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "长寿区");
    await a.subscribe(303, "重庆 行政复议>=16"); // matches the revised version only
    await a.subscribe(404, "湖南省"); // another body: silent
    const text = new TextDecoder().decode(fixture(CHANGSHOU));
    expect(text).toContain("四、行政复议数量 |\n件 |\n15 |");
    await a.ingest("长寿2018.txt", new TextEncoder().encode(text));
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(1);
    expect(a.alertsTo(303)).toEqual([]);

    const revised = text.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |");
    expect(await a.ingest("长寿2018-更正.txt", new TextEncoder().encode(revised))).toMatchObject({ status: "revision" });
    await a.deliverAll();
    const [, revision] = a.alertsTo(USER_ID);
    expect(revision).toMatch(/^📝 <b>报告已修订<\/b>：重庆市长寿区人民政府 2018年/);
    expect(revision).toContain("· 行政复议：15 → 16");
    expect(a.alertsTo(303)).toHaveLength(1);
    expect(a.alertsTo(303)[0]).toContain("报告已修订");
    expect(a.alertsTo(404)).toEqual([]);
    // the same revised file again: a duplicate, no alert
    await a.ingest("长寿2018-更正-副本.txt", new TextEncoder().encode(revised)).catch(() => undefined);
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(2);
  }, 60_000);

  it("the .html and then the crawler's .txt of one report alert once", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "福建省");
    expect(await a.ingest("pingtan-2013-html/input.html")).toMatchObject({ status: "added" });
    await a.deliverAll();
    expect(await a.ingest("pingtan-2013-html/crawler.txt")).toMatchObject({ status: "rendition" });
    await a.deliverAll();
    expect(a.alertsTo(USER_ID)).toHaveLength(1);
    expect(a.alertsTo(USER_ID)[0]).toContain("平潭");
  }, 60_000);
});

describe("version keys", () => {
  it("the saved page and the crawler's text of one report are one version; a figure changed is another", async () => {
    const read = async (file: string) => {
      const bytes = fixture(file);
      const text = file.endsWith(".html") ? await extractText(file, bytes) : { ok: true as const, text: new TextDecoder().decode(bytes) };
      if (!text.ok) throw new Error(text.error);
      const parsed = parseReport(text.text, { name: file });
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.report;
    };
    const page = await read("pingtan-2013-html/input.html");
    const crawled = await read("pingtan-2013-html/crawler.txt");
    expect(page.id).not.toBe(crawled.id); // two texts …
    expect(versionKeyOf(page)).toBe(versionKeyOf(crawled)); // … one version
    const revised = {
      ...crawled,
      figures: crawled.figures.map((f, i) =>
        i === crawled.figures.findIndex((g) => g.certain && g.source === "table") ? { ...f, value: (f.value ?? 0) + 1 } : f,
      ),
    };
    expect(versionKeyOf(revised)).not.toBe(versionKeyOf(crawled));

    // announced twice (both files, or a replay): one alert
    const byId = new Map([page, crawled].map((r) => [r.id, r]));
    const store = memoryAlertStore();
    const engine = createAlertEngine({
      library: { getReport: (id) => byId.get(id), listReports: () => [] },
      store,
      segment,
      logger: silentLogger,
      now: () => START,
    });
    await engine.subscribe(USER_ID, "福建省");
    for (const r of [page, crawled, page])
      await engine.onReport({
        id: r.id,
        org: r.org,
        region: r.region,
        fullRegion: r.fullRegion,
        year: r.year,
        template: r.template,
        figureCount: 0,
        warningCount: 0,
        sourceName: r.sourceName,
      });
    expect([...store.read().outbox.values()].map((m) => m.chatId)).toEqual([USER_ID]);
  });
});

describe("deadlines", () => {
  const at = (iso: string) => Date.parse(iso);

  it("未按时发布 fires once for a body with last year's report and none this year, after its deadline", async () => {
    const a = await alertBot();
    await a.subscribe(USER_ID, "淮安市");
    await a.subscribe(202, "江苏省 行政复议>0"); // about a report's content: a missing one cannot match
    await a.ingest(HONGZE_2023);
    await a.ingest(HONGZE_2024);
    await a.deliverAll();
    const before = a.alertsTo(USER_ID).length;
    // 洪泽区 (a government) must publish its 2025 report by 2026-03-31
    a.clock.now = at("2026-03-31T23:59:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(0);
    a.clock.now = at("2026-04-01T00:00:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(1);
    await a.deliverAll();
    const alerts = a.alertsTo(USER_ID).slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("⏰ <b>未按时发布</b>：淮安市洪泽区人民政府");
    expect(alerts[0]).toContain("2025年政府信息公开工作年度报告应于 2026年3月31日前公布");
    expect(a.alertsTo(202).filter((t) => t.startsWith("⏰"))).toEqual([]);
    // once: checked again the next day, nothing more
    a.clock.now += 86_400_000;
    expect(await a.engine.checkDeadlines()).toBe(0);
    await a.deliverAll();
    expect(a.alertsTo(USER_ID).slice(before)).toHaveLength(1);
  }, 60_000);

  it("departments by 1月31日; at most ALERT_DEADLINES_PER_DAY a day, the rest on the next days", async () => {
    const a = await alertBot({ settings: { deadlinesPerDay: 1 } });
    await a.subscribe(USER_ID, "江苏省");
    await a.ingest(SHUYANG_FAGAI); // a department, 2020: its 2021 report was due 2022-01-31
    await a.ingest(HONGZE_2024); // a government, 2024: its 2025 report is due 2026-03-31
    await a.deliverAll();
    const before = a.alertsTo(USER_ID).length;
    a.clock.now = at("2022-02-01T10:00:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(1);
    a.clock.now = at("2026-04-02T10:00:00+08:00"); // the department's gap is older than a year by now: not news
    expect(await a.engine.checkDeadlines()).toBe(1);
    await a.deliverAll();
    const told = a.alertsTo(USER_ID).slice(before);
    expect(told.map((t) => t.split("\n")[0])).toEqual(["⏰ <b>未按时发布</b>：宿迁市沭阳县发展和改革局", "⏰ <b>未按时发布</b>：淮安市洪泽区人民政府"]);
    expect(told[0]).toContain("2021年政府信息公开工作年度报告应于 2022年1月31日前公布");
  }, 60_000);

  it("the cap holds within a day", async () => {
    const a = await alertBot({ settings: { deadlinesPerDay: 1 } });
    await a.subscribe(USER_ID, "all");
    await a.ingest(HONGZE_2024);
    await a.ingest("extra/09_huaian_shi_2024.txt");
    a.clock.now = at("2026-04-01T09:00:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(1);
    a.clock.now = at("2026-04-01T23:00:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(0);
    a.clock.now = at("2026-04-02T00:30:00+08:00");
    expect(await a.engine.checkDeadlines()).toBe(1);
  }, 60_000);
});

describe("groups", () => {
  const member = (status: string) => ({ ok: true as const, result: { status, user: { id: 7, is_bot: false, first_name: "M" } } });

  it("only a group's administrators change its subscriptions; anyone may list them", async () => {
    const a = await alertBot();
    a.api.failNext("getChatMember", member("member"));
    await a.subscribe(GROUP_ID, "江苏省");
    expect(a.api.sent(GROUP_ID)[0]).toBe("只有本群的管理员可以更改本群的订阅。");
    expect(a.engine.list(GROUP_ID)).toEqual([]);
    expect(a.api.of("getChatMember")[0]!.payload).toMatchObject({ chat_id: GROUP_ID, user_id: 7 });

    a.api.failNext("getChatMember", member("administrator"));
    await a.subscribe(GROUP_ID, "江苏省");
    expect(a.engine.list(GROUP_ID)).toHaveLength(1);

    // a member may list, not press the remove button, nor /unsubscribe, nor /mute
    await a.bot.handleUpdate(messageUpdate("/subscriptions", { chatId: GROUP_ID, userId: 8 }));
    expect(a.api.sent(GROUP_ID).at(-1)).toContain("1. 江苏省");
    a.api.failNext("getChatMember", member("member"), member("member"), member("left"));
    await a.bot.handleUpdate(callbackUpdate(`sub:rm:${a.engine.list(GROUP_ID)[0]!.id}`, { chatId: GROUP_ID, userId: 8 }));
    expect(a.api.of("answerCallbackQuery").at(-1)!.payload).toMatchObject({ text: "只有本群的管理员可以更改本群的订阅。", show_alert: true });
    await a.bot.handleUpdate(messageUpdate("/unsubscribe", { chatId: GROUP_ID, userId: 8 }));
    await a.bot.handleUpdate(messageUpdate("/mute 1天", { chatId: GROUP_ID, userId: 8 }));
    expect(a.engine.list(GROUP_ID)).toHaveLength(1);
    expect(a.engine.mutedUntil(GROUP_ID)).toBeNull();

    // the creator may
    a.api.failNext("getChatMember", member("creator"));
    await a.bot.handleUpdate(messageUpdate("/unsubscribe", { chatId: GROUP_ID, userId: 9 }));
    expect(a.engine.list(GROUP_ID)).toEqual([]);
  });
});
