// The real process end to end: `npm start`'s entry with a token talks to the Bot API root it is
// given (a local fake server), ingests the bundled reports at first start, answers a question by
// long polling, and exits cleanly on SIGTERM. Without a token it is the local chat, piped.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "./bot/fake-bot-api.js";
import { messageUpdate } from "./bot/helpers.js";
import { DIST, ROOT, SEEDS } from "./helpers/reports.js";

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-e2e-"));
  mkdirSync(join(dir, "reports"));
  cpSync(SEEDS, join(dir, "reports"), { recursive: true });
  return dir;
}

describe("src/main.ts", () => {
  let api: FakeBotApi | undefined;
  afterAll(async () => api?.close());

  it("answers piped questions as a local chat without a token", () => {
    const dir = dataDir();
    const res = spawnSync(process.execPath, [DIST.main], {
      cwd: ROOT,
      input: "长寿区2018年行政复议多少件\n",
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, TELEGRAM_BOT_TOKEN: "", NIANBAO_DATA_DIR: dir, NIANBAO_DB: join(dir, "db.json") },
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("行政复议：15件");
    expect(res.stdout).toContain("第166行");
  }, 60_000);

  it("exits with a clear message and a non-zero code on bad configuration", () => {
    const dir = dataDir();
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [DIST.main], {
        cwd: ROOT,
        input: "",
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, NIANBAO_DATA_DIR: dir, NIANBAO_DB: join(dir, "db.json"), ...env },
      });
    const badAdmins = run({ TELEGRAM_BOT_TOKEN: "123:abc", ADMIN_IDS: "12,abc" });
    expect(badAdmins.status).toBe(1);
    expect(badAdmins.stderr).toContain("ADMIN_IDS");
    expect(badAdmins.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    writeFileSync(join(dir, "db.json"), "{ not json");
    const badDb = run({ TELEGRAM_BOT_TOKEN: "" });
    expect(badDb.status).toBe(1);
    expect(badDb.stderr).toContain("db.json");
    expect(readFileSync(join(dir, "db.json"), "utf8")).toBe("{ not json"); // nothing overwritten
    const badPath = run({ TELEGRAM_BOT_TOKEN: "", NIANBAO_DB: "/proc/no-such-dir/db.json" });
    expect(badPath.status).toBe(1);
    expect(badPath.stderr).toContain("/proc/no-such-dir/db.json");
  }, 90_000);

  it("runs the bot against TELEGRAM_API_ROOT, long polling, and stops on SIGTERM", async () => {
    api = await startFakeBotApi();
    const dir = dataDir();
    const child = spawn(process.execPath, [DIST.main], {
      cwd: ROOT,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: "123456:TESTTOKEN",
        TELEGRAM_API_ROOT: api.url,
        ADMIN_IDS: "1001",
        NIANBAO_DATA_DIR: dir,
        NIANBAO_DB: join(dir, "db.json"),
        LOG_LEVEL: "silent",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await api.waitFor("getUpdates", 1, 60_000);
    api.pushUpdate(messageUpdate("长寿区2018年行政复议多少件"));
    const sent = await api.waitFor("sendMessage", 1, 30_000);
    expect(String(sent[0]!.body.text)).toContain("15件");
    expect(api.requests.every((r) => r.token === "123456:TESTTOKEN")).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toContain("TESTTOKEN");
  }, 90_000);
});
