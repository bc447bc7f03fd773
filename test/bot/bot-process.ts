// The bot process (`src/main.ts` with a token) as the process tests start it: against a fake Bot
// API, with a data folder of its own, stderr kept for the failure message, its exit awaited.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { DIST, ROOT } from "../helpers/reports.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import { ADMIN_ID } from "./helpers.js";

export const BOT_TOKEN = "123456:TESTTOKEN";

export interface BotProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start the bot on `dir` (its db, lock and journal there); `env` adds to or overrides the defaults. */
export function spawnBot(api: FakeBotApi, dir: string, env: Record<string, string> = {}): BotProcess {
  const child = spawn(process.execPath, [DIST.main], {
    cwd: ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: api.url,
      ADMIN_IDS: String(ADMIN_ID),
      NIANBAO_DATA_DIR: dir,
      NIANBAO_DB: join(dir, "db.json"),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, exited };
}
