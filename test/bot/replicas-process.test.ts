import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTestDatabases, pgUnavailable, testDatabase } from "../helpers/pg.js";
import { SEED, SEEDS } from "../helpers/reports.js";
import { type BotProcess, spawnBot } from "./bot-process.js";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.js";
import { ADMIN_ID, messageUpdate, USER_ID } from "./helpers.js";

const SECRET = "replica_secret";
const unavailable = await pgUnavailable("the two-replica bot test");

interface Replica extends BotProcess {
  name: string;
  port: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startReplica(name: string, api: FakeBotApi, databaseUrl: string): Promise<Replica> {
  // Each replica has a data folder of its own (its lock, its upload journal); the bundled reports
  // are the same four seeds in each.
  const dir = mkdtempSync(join(tmpdir(), `nianbao-replica-${name}-`));
  mkdirSync(join(dir, "reports"));
  for (const f of [SEED.changshou, SEED.ziyang, SEED.xiaobanqiao, SEED.bengbu]) cpSync(join(SEEDS, f), join(dir, "reports", f));
  const port = await freePort();
  const bot = spawnBot(api, dir, {
    DATABASE_URL: databaseUrl,
    WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    PARSE_WORKER: "0",
  });
  return { ...bot, name, port, stderr: () => `${name}: ${bot.stderr()}` };
}

/** Post an update to a replica's webhook; resolves when the replica has handled it (or dropped it). */
async function post(r: Replica, update: Update): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${r.port}/hook`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(update),
  });
  await res.text();
  return res.status;
}

async function up(r: Replica, api: FakeBotApi): Promise<void> {
  await api
    .waitUntil(`${r.name} listening`, () => r.child.exitCode === null && api.of("setWebhook").some((q) => String(q.body.url).includes(`:${r.port}/`)), 120_000)
    .catch(() => {
      throw new Error(`${r.name} did not start: ${r.stderr()}`);
    });
}

const sentTo = (api: FakeBotApi, chatId: number) =>
  api
    .of("sendMessage")
    .filter((r) => r.body.chat_id === chatId)
    .map((r) => String(r.body.text));

describe.skipIf(unavailable !== null)("two bot processes on one PostgreSQL database", () => {
  let api: FakeBotApi;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.handle("getFile", (q) => ({ file_id: q.file_id, file_unique_id: `u-${String(q.file_id)}`, file_path: `documents/${String(q.file_id)}` }));
    const url = await testDatabase();
    // Started together: both find the database empty and ingest their bundled reports (the second
    // one's are duplicates once it has followed the first).
    [a, b] = await Promise.all([startReplica("A", api, url), startReplica("B", api, url)]);
    await Promise.all([up(a, api), up(b, api)]);
  }, 180_000);

  afterAll(async () => {
    for (const r of [a, b]) {
      if (r && r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill("SIGTERM");
        await r.exited;
      }
    }
    await api?.close();
    await dropTestDatabases();
  });

  it("answers each update once when both processes receive it", async () => {
    const questions = ["长寿区2018年行政复议多少件", "资阳区2020年行政诉讼多少件", "/reports", "长寿区2018年存在哪些问题", "蚌埠 2019 行政复议"];
    const updates = questions.map((q) => messageUpdate(q, { userId: USER_ID }));
    const before = sentTo(api, USER_ID).length;
    // Each update to both at once, as a retry through the load balancer would deliver it.
    const statuses = await Promise.all(updates.flatMap((u) => [post(a, u), post(b, u)]));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const replies = sentTo(api, USER_ID).slice(before);
    expect(replies).toHaveLength(questions.length);
    expect(replies.some((t) => t.includes("行政复议：15件"))).toBe(true);
    // Sent again later, to either: still the one answer.
    await post(b, updates[0]!);
    await post(a, updates[0]!);
    expect(sentTo(api, USER_ID).slice(before)).toHaveLength(questions.length);
    expect(a.stderr() + b.stderr()).not.toMatch(/"level":50/);
  }, 120_000);

  it("sends one alert for a subscription made through one process and a report ingested through the other, and the first answers it", async () => {
    const chat = USER_ID + 1;
    await post(a, messageUpdate("/subscribe 江西省", { userId: chat }));
    expect(sentTo(api, chat).some((t) => t.includes("已订阅"))).toBe(true);

    const bytes = new Uint8Array(readFileSync(join(SEEDS, SEED.xihu)));
    api.files.set("documents/xihu", bytes);
    const document = { file_id: "xihu", file_name: "xihu.txt", file_size: bytes.byteLength };
    const upload = messageUpdate("/ingest", { userId: ADMIN_ID, document });
    await Promise.all([post(b, upload), post(a, upload)]); // the upload reaches both; one takes it
    await api.waitUntil("the ingest reply", () => sentTo(api, ADMIN_ID).some((t) => t.includes("已导入")), 60_000);
    await api.waitUntil("the alert", () => sentTo(api, chat).some((t) => t.includes("<b>新报告</b>")), 60_000);
    // The same report again, through the other process: a duplicate, no second alert.
    api.files.set("documents/xihu2", bytes);
    await post(a, messageUpdate("/ingest", { userId: ADMIN_ID, document: { ...document, file_id: "xihu2" } }));
    await api.waitUntil("the duplicate reply", () => sentTo(api, ADMIN_ID).some((t) => t.includes("已经导入过")), 60_000);

    // Both processes answer it: the one that did not store it has followed the catalog.
    for (const r of [a, b]) {
      let answered = false;
      for (let i = 0; i < 40 && !answered; i++) {
        const n = sentTo(api, chat).length;
        await post(r, messageUpdate("南昌市西湖区2019年行政复议多少件", { userId: chat }));
        answered = sentTo(api, chat)
          .slice(n)
          .some((t) => t.includes("西湖区") && t.includes("行政复议："));
        if (!answered) await new Promise((done) => setTimeout(done, 250));
      }
      expect(answered, `${r.name} answers about the report the other stored`).toBe(true);
    }

    const alerts = sentTo(api, chat).filter((t) => t.includes("<b>新报告</b>"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("南昌市西湖区");
    expect(sentTo(api, ADMIN_ID).filter((t) => t.includes("已导入"))).toHaveLength(1);
    expect(a.stderr() + b.stderr()).not.toMatch(/"level":50/);
  }, 180_000);
});
