// The crash tests' child process (test/fixtures/ingest-child.mjs, over dist/): run it on a db and a folder of
// reports, read its progress lines, and SIGKILL it after `killAfter` reports were ingested.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./reports.js";

export function runIngestChild(
  dbPath: string,
  dir: string,
  killAfter?: number,
  env: Record<string, string> = {},
): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve) => {
    // One process, so SIGKILL kills the process that writes.
    const child = spawn(process.execPath, [join(ROOT, "test/fixtures/ingest-child.mjs"), dbPath, dir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    const lines: string[] = [];
    let killed = false;
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split("\n");
      buf = parts.pop()!;
      for (const l of parts) {
        lines.push(l);
        if (killAfter !== undefined && !killed && lines.filter((x) => x.startsWith("ingested")).length >= killAfter) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("exit", (_code, signal) => resolve({ lines, killed: killed || signal === "SIGKILL" }));
  });
}
