// The real process end to end: `npm start`'s entry with a token talks to the Bot API root it is
// given (a local fake server), ingests the bundled reports at first start, answers a question by
// long polling, and exits cleanly on SIGTERM. Without a token it is the local chat, piped.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "./bot/fake-bot-api.js";
import { messageUpdate } from "./bot/helpers.js";
import { ROOT, SEEDS } from "./helpers/reports.js";

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
    const res = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
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

  it("runs the bot against TELEGRAM_API_ROOT, long polling, and stops on SIGTERM", async () => {
    api = await startFakeBotApi();
    const dir = dataDir();
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
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
