// 更多 through the bot with the fake library: /reports of many regions a page at a time, each
// page its own message, the last without a button; a page past the end is answered.
import { describe, expect, it } from "vitest";
import { REPORTS_PAGE } from "../../src/bot/features/reports.js";
import { CHANGSHOU, callbackUpdate, fakeLibrary, messageUpdate, testBot } from "./helpers.js";

type Button = { text: string; callback_data: string };
const buttonsOf = (payload: Record<string, unknown>) => (payload.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard?.flat() ?? [];

describe("/reports with many regions", () => {
  it("shows thirty regions, then the next thirty behind 更多, until none are left", async () => {
    const many = Array.from({ length: 65 }, (_, i) => ({
      ...CHANGSHOU,
      id: `r${i}`,
      region: `测试${String(i).padStart(2, "0")}区`,
      fullRegion: `测试市测试${String(i).padStart(2, "0")}区`,
    }));
    const t = testBot({ library: fakeLibrary(many) });
    await t.bot.handleUpdate(messageUpdate("/reports"));
    const first = t.api.of("sendMessage").at(-1)!;
    expect(String(first.payload.text)).toContain("共 65 份报告，65 个地区");
    expect(String(first.payload.text)).toContain("测试市测试29区");
    expect(String(first.payload.text)).not.toContain("测试市测试30区");
    const more = buttonsOf(first.payload)[0]!;
    expect(more.text).toBe(`更多（还有 ${65 - REPORTS_PAGE} 个地区）`);

    await t.bot.handleUpdate(callbackUpdate(more.callback_data));
    const second = t.api.of("sendMessage").at(-1)!;
    expect(String(second.payload.text)).toMatch(/（2\/3）/);
    expect(String(second.payload.text)).toContain("测试市测试30区");
    const next = buttonsOf(second.payload)[0]!;
    expect(next.text).toBe("更多（还有 5 条）");

    await t.bot.handleUpdate(callbackUpdate(next.callback_data));
    const third = t.api.of("sendMessage").at(-1)!;
    expect(String(third.payload.text)).toContain("测试市测试64区");
    expect(buttonsOf(third.payload)).toEqual([]);

    await t.bot.handleUpdate(callbackUpdate(next.callback_data.replace(/:2$/, ":3")));
    expect(t.api.of("answerCallbackQuery").at(-1)!.payload.text).toBe("没有更多了。");
  });

  it("keeps a short list in one message without buttons", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/reports"));
    expect(buttonsOf(t.api.of("sendMessage")[0]!.payload)).toEqual([]);
  });
});
